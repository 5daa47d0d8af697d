"""Panel membership as the access check needs it (registered as the core's member scope).

A panel member may read the withheld papers of a panel they sit on now, of any meeting their
membership covered, and of a meeting they were appointed to as a substitute.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from scrutiny.core.access import ExemptScope


class MembershipScope:
    def is_member(self, user: Any) -> bool:
        from scrutiny.committees.models import Person

        return Person.objects.filter(user=user).exists()

    def exempt_scope(self, user: Any) -> ExemptScope:
        from scrutiny.committees.models import Meeting, Membership, Substitution

        today = timezone.localdate()
        memberships = list(
            Membership.objects.filter(person__user=user).values_list(
                "seat__panel_id", "start_date", "end_date"
            )
        )
        current = {
            panel_id
            for panel_id, start, end in memberships
            if start <= today and (end is None or end >= today)
        }
        covered = Q(pk__in=[])
        for panel_id, start, end in memberships:
            span = Q(panel_id=panel_id, date__gte=start)
            if end is not None:
                span &= Q(date__lte=end)
            covered |= span
        meeting_ids = set(Meeting.objects.filter(covered).values_list("pk", flat=True))
        meeting_ids |= set(
            Substitution.objects.filter(substitute__user=user).values_list("meeting_id", flat=True)
        )
        return ExemptScope(frozenset(current), frozenset(meeting_ids))


MEMBERSHIP_SCOPE = MembershipScope()
