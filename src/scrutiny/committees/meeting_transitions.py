"""A meeting's status changes, all through ``_move``: the workflow table's guards and owners,
the version claimed, the audit and the cancellation notice, in one transaction.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from scrutiny.committees.meeting_services import meeting_change_record
from scrutiny.committees.models import (
    MEETING_WORKFLOW,
    AgendaItem,
    Meeting,
    MeetingChange,
    MeetingMove,
    MeetingStatus,
)
from scrutiny.core import signals
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.versioning import claim_version


def _move(
    *,
    actor: Actor,
    meeting: Meeting,
    to: str,
    via: str = "",
    reason: str = "",
    when: datetime | None = None,
    items: Sequence[AgendaItem] = (),
    urgent: Collection[int] = frozenset(),
    record_of_past: bool = False,
) -> Meeting:
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    when = when or timezone.now()
    move = MeetingMove(
        meeting=meeting,
        when=when,
        reason=reason,
        items=items,
        urgent=urgent,
        record_of_past=record_of_past,
    )
    MEETING_WORKFLOW.check(meeting.status, to, what="meeting", subject=move, via=via)
    if to == MeetingStatus.CANCELLED:
        meeting.cancellation_reason = reason
    if to == MeetingStatus.AGENDA_PUBLISHED:
        meeting.agenda_published_at = when
    previous = meeting.status
    meeting.status = to
    if to == MeetingStatus.CANCELLED:
        meeting.sequence += 1  # calendars replace the event with its cancelled revision
    claim_version(
        meeting,
        opened=None,
        actor=actor,
        what="meeting",
        fields=["status", "cancellation_reason", "agenda_published_at", "sequence"],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_transition",
        target=meeting,
        from_state=previous,
        to_state=to,
        data={"reason": reason, "via": via} if reason or via else None,
    )
    if to == MeetingStatus.CANCELLED:
        if meeting.agenda_is_published:
            meeting_change_record(
                actor=actor,
                meeting=meeting,
                kind=MeetingChange.Kind.CANCELLED,
                description="The meeting has been cancelled.",
                reason=reason,
            )
        signals.meeting_cancelled.send(sender=Meeting, meeting=meeting, reason=reason)
    return meeting


@transaction.atomic
def meeting_transition(
    *, actor: Actor, meeting: Meeting, to: str, reason: str = "", when: datetime | None = None
) -> Meeting:
    """A transition no particular service owns (cancel, record as held).

    Publishing the agenda and approving the minutes are refused here: their owners
    (``AGENDA_PUBLICATION``, ``MINUTES_APPROVAL``) make them with ``meeting_transition_owned``.
    """
    require_officer(actor)
    return _move(actor=actor, meeting=meeting, to=to, reason=reason, when=when)


@transaction.atomic
def meeting_transition_owned(
    *,
    actor: Actor,
    owner: str,
    meeting: Meeting,
    to: str,
    when: datetime | None = None,
    items: Sequence[AgendaItem] = (),
    urgent: Collection[int] = frozenset(),
    record_of_past: bool = False,
) -> Meeting:
    """A transition made by the service that owns it, which says who it is in ``owner``.

    Only the owning modules call this (a test checks the source): the publication service
    with the items it publishes and which are urgent (the clear-days guard judges them), the
    minutes service when minutes are approved, and imports recording history.
    """
    require_officer(actor)
    return _move(
        actor=actor,
        meeting=meeting,
        to=to,
        via=owner,
        when=when,
        items=items,
        urgent=urgent,
        record_of_past=record_of_past,
    )
