"""The minutes as a record: publishing them, their approval at a later meeting (which locks
them and moves the meeting on) and amendments agreed afterwards."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import MINUTES_APPROVAL, Meeting, MeetingStatus
from scrutiny.core import signals
from scrutiny.core.actors import Actor, require_officer, user_of
from scrutiny.core.audit import audit_record
from scrutiny.minutes.drafting import lock_minutes
from scrutiny.minutes.models import (
    MINUTES_WORKFLOW,
    Amendment,
    MinuteItem,
    Minutes,
    MinutesStatus,
    Resolution,
)


@transaction.atomic
def minutes_publish(*, actor: Actor, minutes: Minutes, when: datetime | None = None) -> Minutes:
    """Publish the (draft) minutes. Withheld minutes are published as a placeholder only."""
    require_officer(actor)
    minutes = lock_minutes(minutes)
    if minutes.published_at is not None:
        raise ValidationError("These minutes are already published.")
    if not minutes.items.exists():
        raise ValidationError("Add at least one minute before publishing.")
    minutes.published_at = when or timezone.now()
    minutes.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="minutes.minutes_publish",
        target=minutes,
        data={"at": minutes.published_at.isoformat()},
    )
    signals.minutes_published.send(sender=Minutes, minutes=minutes)
    return minutes


@transaction.atomic
def minutes_approve(
    *,
    actor: Actor,
    minutes: Minutes,
    at_meeting: Meeting | None = None,
    approved_on: date | None = None,
) -> Minutes:
    """The panel agrees the minutes as a correct record at a later meeting; they are locked.

    ``at_meeting`` is that meeting. Archive minutes whose approving meeting is not in the
    system are approved with ``approved_on`` alone.
    """
    require_officer(actor)
    minutes = lock_minutes(minutes)
    MINUTES_WORKFLOW.check(minutes.status, MinutesStatus.APPROVED, what="set of minutes")
    meeting = minutes.meeting
    if at_meeting is None and approved_on is None:
        raise ValidationError({"at_meeting": "Choose the meeting that approved the minutes."})
    if at_meeting is not None:
        if at_meeting.panel_id != meeting.panel_id:
            raise ValidationError(
                {"at_meeting": "Minutes are approved by a meeting of the same panel."}
            )
        approved_on = at_meeting.date
    assert approved_on is not None
    if approved_on <= meeting.date:
        raise ValidationError({"at_meeting": "Minutes are approved at a later meeting."})
    if approved_on > timezone.localdate():
        raise ValidationError({"at_meeting": "That meeting has not taken place yet."})
    if not minutes.items.exists():
        raise ValidationError("Minutes with no items cannot be approved.")
    previous = minutes.status
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at_meeting = at_meeting
    minutes.approved_on = approved_on
    if minutes.published_at is None:
        minutes.published_at = timezone.now()
    minutes.save(update_fields=["status", "approved_at_meeting", "approved_on", "published_at"])
    if meeting.status == MeetingStatus.HELD:
        committees_services.meeting_transition_owned(
            actor=actor, owner=MINUTES_APPROVAL, meeting=meeting, to=MeetingStatus.MINUTES_APPROVED
        )
    audit_record(
        actor=actor,
        action="minutes.minutes_approve",
        target=minutes,
        from_state=previous,
        to_state=minutes.status,
        data={"at_meeting": at_meeting.pk if at_meeting else None, "on": approved_on.isoformat()},
    )
    return minutes


@transaction.atomic
def minutes_amend(
    *,
    actor: Actor,
    item: MinuteItem,
    field: str,
    text: str,
    reason: str,
    agreed_at: Meeting,
    resolution: Resolution | None = None,
) -> Amendment:
    """Correct approved minutes, as the panel agreed at a later meeting; the old text is kept."""
    require_officer(actor)
    minutes = lock_minutes(item.minutes)
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(
            "Draft minutes are corrected by editing them; amendments are for approved minutes."
        )
    if field not in Amendment.Field.values:
        raise ValidationError({"field": f"Unknown part of a minute: {field}"})
    if not text.strip():
        raise ValidationError({"text": "Enter the amended text."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the amendment."})
    if agreed_at.panel_id != minutes.meeting.panel_id or agreed_at.date < (
        minutes.approved_on or date.min
    ):
        raise ValidationError(
            {
                "agreed_at": "An amendment is agreed at a meeting of the panel held on or after the approval."
            }
        )
    if field == Amendment.Field.RESOLUTION:
        if resolution is None or resolution.item_id != item.pk:
            raise ValidationError({"resolution": "Choose a resolution of this minute."})
        before = resolution.text
        resolution.text = text.strip()
        resolution.save(update_fields=["text"])
    else:
        before = getattr(item, field)
        setattr(item, field, text.strip())
        item.save(update_fields=[field])
    amendment = Amendment.objects.create(
        minutes=minutes,
        item=item,
        resolution=resolution if field == Amendment.Field.RESOLUTION else None,
        field=field,
        before=before,
        after=text.strip(),
        reason=reason.strip(),
        agreed_at_meeting=agreed_at,
        recorded_by=user_of(actor),
    )
    audit_record(
        actor=actor,
        action="minutes.minutes_amend",
        target=minutes,
        data={"item": item.pk, "field": field, "amendment": amendment.pk},
    )
    return amendment
