"""Every write of the members' side: keyword-only, atomic, authorised and audited."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import Meeting
from scrutiny.core.actors import (
    Actor,
    Refused,
    is_system,
    require_officer,
    require_signed_in,
    user_of,
)
from scrutiny.core.audit import audit_record
from scrutiny.members import briefing as briefings
from scrutiny.members.models import Briefing, HomeVisit

# Views within this time of the last one are the same visit: reloading the page keeps the
# papers marked new until the member comes back another time.
SAME_VISIT = timedelta(hours=1)


@transaction.atomic
def home_visit_record(*, actor: Actor) -> HomeVisit:
    """Note that the member opened "My meetings" now (papers since the previous visit are new)."""
    require_signed_in(actor)
    user = user_of(actor)
    if user is None:
        raise Refused("Only a signed-in member has visits.")
    now = timezone.now()
    visit, created = HomeVisit.objects.select_for_update().get_or_create(
        user=user, defaults={"latest_at": now}
    )
    if not created and now - visit.latest_at >= SAME_VISIT:
        visit.previous_at, visit.latest_at = visit.latest_at, now
        visit.save(update_fields=["previous_at", "latest_at"])
    elif not created:
        return visit  # the same visit: nothing changes, nothing to audit
    audit_record(actor=actor, action="members.home_visit_record", target=visit)
    return visit


@transaction.atomic
def briefing_refresh(*, actor: Actor, meeting: Meeting) -> Briefing:
    """Compute the meeting's briefing again from the records (the worker's job, or an officer's)."""
    if not is_system(actor):
        require_officer(actor, "Only officers ask for a briefing to be computed again.")
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    computed = briefings.compute(meeting)
    row, created = Briefing.objects.update_or_create(
        meeting=meeting,
        defaults={
            "previous_meeting": computed.previous_meeting,
            "as_at": computed.as_at,
            "report_month": computed.report_month,
            "previous_report_month": computed.previous_report_month,
            "lines": [line.as_data() for line in computed.lines],
            "generated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="members.briefing_refresh",
        target=row,
        to_state="created" if created else "refreshed",
        data={"lines": len(computed.lines), "as_at": computed.as_at.isoformat()},
    )
    return row
