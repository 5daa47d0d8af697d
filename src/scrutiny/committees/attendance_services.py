"""Who attended a meeting and who substituted for whom: atomic, validated and audited.

Attendance is recorded on or after the meeting day (substitutes may be appointed before)
and is locked with the minutes once they are approved.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import (
    MEMBER_STATUSES,
    SUBSTITUTE_STATUSES,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Seat,
    Substitution,
)
from scrutiny.committees.people_services import person_create
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record


def _require_attendance_open(meeting: Meeting, *, in_advance: bool = False) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("The meeting was cancelled: there is no attendance to record.")
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            "The minutes of this meeting have been approved as a correct record; its "
            "attendance is part of that record and is locked."
        )
    if not in_advance and meeting.date > timezone.localdate():
        raise ValidationError("Attendance can only be recorded on or after the meeting day.")


@transaction.atomic
def attendance_record(*, actor: Actor, meeting: Meeting, person: Person, status: str) -> Attendance:
    require_officer(actor)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": f"Unknown attendance status: {status}"})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting)
    attendance, created = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"status": status}
    )
    audit_record(
        actor=actor, action="committees.attendance_record", target=attendance, to_state=status
    )
    return attendance


@transaction.atomic
def substitution_appoint(
    *,
    actor: Actor,
    meeting: Meeting,
    member: Person,
    substitute: Person | None = None,
    new_substitute: str = "",
    appointed_by: str = "Monitoring Officer",
    appointed_on: date | None = None,
    reason: str = "",
) -> Substitution:
    """Appoint a councillor to replace a panel member for one meeting.

    A councillor not yet in Scrutiny is created on the spot from ``new_substitute``.
    """
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting, in_advance=True)
    if not appointed_by.strip():
        raise ValidationError({"appointed_by": "Say who appointed the substitute."})
    if appointed_on is not None and appointed_on > meeting.date:
        raise ValidationError({"appointed_on": "A substitute is appointed before the meeting."})
    if substitute is None:
        if not new_substitute.strip():
            raise ValidationError(
                {"substitute": "Choose the substitute, or enter a new councillor."}
            )
        substitute = person_create(
            actor=actor, kind=Person.Kind.COUNCILLOR, name=new_substitute.strip()
        )
    on_panel = Membership.objects.filter(seat__panel=meeting.panel).filter(
        Membership.active_q(meeting.date)
    )
    if not on_panel.filter(person=member, seat__kind=Seat.Kind.COUNCILLOR).exists():
        raise ValidationError(
            {"member": f"{member} is not a councillor member of {meeting.panel} on that date."}
        )
    if substitute.kind != Person.Kind.COUNCILLOR:
        raise ValidationError(
            {"substitute": "Only a councillor can substitute for a councillor member."}
        )
    if on_panel.filter(person=substitute).exists():
        raise ValidationError({"substitute": f"{substitute} is already a member of the panel."})
    if meeting.substitutions.filter(member=member).exists():
        raise ValidationError({"member": f"{member} already has a substitute at this meeting."})
    if meeting.substitutions.filter(substitute=substitute).exists():
        raise ValidationError({"substitute": f"{substitute} is already substituting."})
    substitution = Substitution.objects.create(
        meeting=meeting,
        member=member,
        substitute=substitute,
        appointed_by=appointed_by.strip(),
        appointed_on=appointed_on,
        reason=reason,
    )
    audit_record(actor=actor, action="committees.substitution_appoint", target=substitution)
    return substitution


def status_field(person: Person) -> str:
    """The grid's field name for one person's status."""
    return f"status_{person.pk}"


@transaction.atomic
def attendance_grid_save(
    *, actor: Actor, meeting: Meeting, statuses: Mapping[int, str], seen: str | None = None
) -> list[Attendance]:
    """Record the whole meeting's attendance at once: a status for every expected attendee.

    ``statuses`` maps person ids to statuses. Members choose from MEMBER_STATUSES, substitutes
    from SUBSTITUTE_STATUSES. ``seen`` is the attendance fingerprint the form was opened at. People who are no longer expected (a substitution withdrawn)
    lose their member record; those "in attendance" are kept.
    """
    from scrutiny.committees.queries import attendance_fingerprint, expected_attendees

    require_officer(actor)
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    _require_attendance_open(meeting)
    if seen is not None and seen != attendance_fingerprint(meeting):
        raise ValidationError(
            "Someone else changed this meeting's attendance after you opened the grid. "
            "Reload the page to see their changes, then make yours again."
        )
    expected = expected_attendees(meeting)
    errors: dict[str, str] = {}
    for attendee in expected:
        status = statuses.get(attendee.person.pk, "")
        allowed = SUBSTITUTE_STATUSES if attendee.is_substitute else MEMBER_STATUSES
        if not status:
            errors[status_field(attendee.person)] = (
                f"Choose the attendance of {attendee.person.display_name}."
            )
        elif status not in allowed:
            errors[status_field(attendee.person)] = (
                f"{Attendance.Status(status).label if status in Attendance.Status.values else status}"
                f" is not a choice for {attendee.person.display_name}."
            )
    unknown = set(statuses) - {a.person.pk for a in expected}
    if unknown:
        errors["__all__"] = "Some of the people in the form are not expected at this meeting."
    if errors:
        raise ValidationError(errors)
    records = []
    for attendee in expected:
        record, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            person=attendee.person,
            defaults={"status": statuses[attendee.person.pk]},
        )
        records.append(record)
    stale = meeting.attendances.exclude(person__in=[a.person for a in expected]).exclude(
        status=Attendance.Status.IN_ATTENDANCE
    )
    removed = list(stale.values_list("person_id", flat=True))
    stale.delete()
    counts: dict[str, int] = {}
    for record in records:
        counts[record.status] = counts.get(record.status, 0) + 1
    audit_record(
        actor=actor,
        action="committees.attendance_grid_save",
        target=meeting,
        data={"counts": counts, "removed": removed},
    )
    return records


@transaction.atomic
def attendance_in_attendance_add(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Person | None = None,
    new_name: str = "",
    new_kind: str = Person.Kind.OFFICER,
    new_job_title: str = "",
) -> Attendance:
    """Someone who is not a member of the meeting attended: cabinet member, officer, witness.

    Someone not yet in Scrutiny is created on the spot (``new_name``, ``new_kind``).
    """
    from scrutiny.committees.queries import expected_attendees

    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting)
    if person is None:
        if not new_name.strip():
            raise ValidationError(
                {"person": "Choose the person in attendance, or enter someone new."}
            )
        if new_kind == Person.Kind.APPOINTED:
            raise ValidationError({"new_kind": "Appointed members are added through the panel."})
        person = person_create(
            actor=actor, kind=new_kind, name=new_name.strip(), job_title=new_job_title.strip()
        )
    if person.pk in {a.person.pk for a in expected_attendees(meeting)}:
        raise ValidationError(
            {"person": f"{person.display_name} is expected at this meeting: use the grid."}
        )
    record, _ = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"status": Attendance.Status.IN_ATTENDANCE}
    )
    audit_record(
        actor=actor,
        action="committees.attendance_in_attendance_add",
        target=record,
        to_state=record.status,
    )
    return record


@transaction.atomic
def attendance_remove(*, actor: Actor, attendance: Attendance) -> None:
    """Remove someone recorded as in attendance (members stay in the grid)."""
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    _require_attendance_open(meeting)
    if attendance.status != Attendance.Status.IN_ATTENDANCE:
        raise ValidationError("Members and substitutes are recorded in the grid.")
    audit_record(
        actor=actor,
        action="committees.attendance_remove",
        target=attendance,
        from_state=attendance.status,
    )
    attendance.delete()


@transaction.atomic
def substitution_withdraw(*, actor: Actor, substitution: Substitution) -> None:
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=substitution.meeting_id)
    _require_attendance_open(meeting, in_advance=True)
    meeting.attendances.filter(person=substitution.substitute).exclude(
        status=Attendance.Status.IN_ATTENDANCE
    ).delete()
    audit_record(
        actor=actor,
        action="committees.substitution_withdraw",
        target=substitution,
        data={"member": substitution.member_id, "substitute": substitution.substitute_id},
    )
    substitution.delete()
