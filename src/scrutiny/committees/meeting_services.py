"""Scheduling a meeting and changing its details; a change after the agenda is published
is a dated notice on the public page. Atomic, validated and audited.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    MunicipalYear,
    Panel,
)
from scrutiny.core import signals
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.versioning import actor_label, claim_version

# The standard opening of every agenda, in Southampton's order: (kind, title, summary).
STANDARD_PROCEDURAL_ITEMS: list[tuple[str, str, str]] = [
    (
        AgendaItemKind.APOLOGIES,
        "Apologies and changes in panel membership (if any)",
        "Apologies for absence, and any change to the membership of the panel for this meeting.",
    ),
    (
        AgendaItemKind.INTERESTS,
        "Disclosure of personal and pecuniary interests",
        "Members disclose any personal or disclosable pecuniary interest in a matter on this "
        "agenda, as the Localism Act 2011 and the Members' Code of Conduct require.",
    ),
    (
        AgendaItemKind.SCRUTINY_INTEREST,
        "Declarations of scrutiny interest",
        "Members declare any earlier part they took in a decision that the panel is "
        "scrutinising at this meeting.",
    ),
    (
        AgendaItemKind.WHIP,
        "Declaration of party political whip",
        "Members declare whether a party whip applies to any matter being scrutinised.",
    ),
    (AgendaItemKind.CHAIR_STATEMENT, "Statement from the chair", ""),
    (
        AgendaItemKind.PREVIOUS_MINUTES,
        "Minutes of the previous meeting (including matters arising)",
        "To approve the minutes of the last meeting as a correct record, and to deal with "
        "matters arising.",
    ),
]


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    panel: Panel,
    date: date,
    start_time: time,
    venue: str,
    is_public: bool = True,
    notice: str = "",
    with_standard_items: bool = True,
) -> Meeting:
    """Schedule a meeting; it gets the standard procedural items in Southampton's order."""
    require_officer(actor)
    year = MunicipalYear.objects.filter(start_date__lte=date, end_date__gte=date).first()
    if Meeting.objects.filter(panel=panel, date=date, start_time=start_time).exists():
        raise ValidationError({"date": f"{panel} already meets at that date and time."})
    meeting = Meeting.objects.create(
        panel=panel,
        municipal_year=year,
        date=date,
        start_time=start_time,
        venue=venue,
        is_public=is_public,
        notice=notice,
    )
    if with_standard_items:
        for number, (kind, title, summary) in enumerate(STANDARD_PROCEDURAL_ITEMS, start=1):
            AgendaItem.objects.create(
                meeting=meeting, number=number, kind=kind, title=title, summary=summary
            )
    audit_record(
        actor=actor, action="committees.meeting_create", target=meeting, to_state=meeting.status
    )
    return meeting


def meeting_change_record(
    *,
    actor: Actor,
    meeting: Meeting,
    kind: str,
    description: str,
    reason: str = "",
    item: AgendaItem | None = None,
) -> MeetingChange:
    require_officer(actor)
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=kind,
        agenda_item=item,
        description=description,
        reason=reason,
        made_at=timezone.now(),
        made_by=actor_label(actor)[:150],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_change_record",
        target=meeting,
        to_state=kind,
        data={"description": description, "reason": reason},
    )
    return change


MEETING_EDITABLE = {
    "date": "Date",
    "start_time": "Time",
    "end_time": "End time",
    "venue": "Venue",
    "is_public": "Open to the public",
}
# A change to any of these is a new revision of the meeting in subscribers' calendars.
CALENDAR_FIELDS = frozenset({"date", "start_time", "end_time", "venue"})


def _shown(name: str, value: Any) -> str:
    if name == "date":
        return f"{value:%A %-d %B %Y}"
    if name in ("start_time", "end_time"):
        return f"{value:%H:%M}" if value is not None else "not set"
    if name == "is_public":
        return "open to the public" if value else "private"
    return str(value)


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    opened_version: int | None = None,
    reason: str = "",
    postpone: bool = False,
    **values: Any,
) -> Meeting:
    """Change a meeting's date, time, venue or openness to the public.

    Once the agenda is published the change is also a dated notice on the public page
    (``postpone`` names it a postponement, which needs a reason), and people following the
    meeting are told (``meeting_changed``).
    """
    require_officer(actor)
    unknown = set(values) - set(MEETING_EDITABLE)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError(
            f"A meeting that is {meeting.get_status_display().lower()} cannot be changed."
        )
    changes = {
        name: (getattr(meeting, name), value)
        for name, value in values.items()
        if getattr(meeting, name) != value
    }
    if not changes:
        raise ValidationError("Nothing has changed.")
    if postpone and not reason.strip():
        raise ValidationError({"reason": "Give the reason for postponing the meeting."})
    if postpone and "date" not in changes:
        raise ValidationError({"date": "A postponed meeting needs its new date."})
    new_date = values.get("date", meeting.date)
    if "date" in changes and new_date < timezone.localdate():
        raise ValidationError({"date": "A meeting cannot be moved into the past."})
    clash = Meeting.objects.filter(
        panel=meeting.panel,
        date=new_date,
        start_time=values.get("start_time", meeting.start_time),
    ).exclude(pk=meeting.pk)
    if clash.exists():
        raise ValidationError({"date": f"{meeting.panel} already meets at that date and time."})
    if "venue" in changes and not str(values["venue"]).strip():
        raise ValidationError({"venue": "Enter the venue."})
    end_time = values.get("end_time", meeting.end_time)
    if end_time is not None and end_time <= values.get("start_time", meeting.start_time):
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    for name, (_, new) in changes.items():
        setattr(meeting, name, new)
    if "date" in changes:
        meeting.municipal_year = MunicipalYear.objects.filter(
            start_date__lte=new_date, end_date__gte=new_date
        ).first()
    if CALENDAR_FIELDS & set(changes):
        meeting.sequence += 1
    meeting.updated_at = timezone.now()  # a queryset update does not touch auto_now
    claim_version(
        meeting,
        opened=opened_version,
        actor=actor,
        what="meeting",
        fields=[*changes, "municipal_year", "sequence", "updated_at"],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_update",
        target=meeting,
        data={
            "postponed": postpone,
            "changes": {n: [_shown(n, o), _shown(n, v)] for n, (o, v) in changes.items()},
            "reason": reason,
        },
    )
    if meeting.agenda_is_published:
        description = "; ".join(
            f"{MEETING_EDITABLE[n]} changed from {_shown(n, o)} to {_shown(n, v)}"
            for n, (o, v) in changes.items()
        )
        meeting_change_record(
            actor=actor,
            meeting=meeting,
            kind=MeetingChange.Kind.POSTPONED if postpone else MeetingChange.Kind.NOTICE,
            description=description + ".",
            reason=reason,
        )
    signals.meeting_changed.send(sender=Meeting, meeting=meeting, changes=changes, reason=reason)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    actor: Actor,
    meeting: Meeting,
    date: date,
    start_time: time,
    end_time: time | None,
    venue: str,
    reason: str = "",
) -> Meeting:
    """Move a meeting to another date, time or place: the reschedule screen's form of
    ``meeting_update``, the one write path for a meeting's details (version, notice after
    publication, calendar revision, ``meeting_changed``). Saving the same details is no change.
    """
    require_officer(actor, "Only officers can reschedule meetings.")
    if end_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    wanted: dict[str, Any] = {
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "venue": venue.strip(),
    }
    changed = {name: value for name, value in wanted.items() if getattr(meeting, name) != value}
    if not changed:
        return meeting
    return meeting_update(actor=actor, meeting=meeting, reason=reason, **changed)
