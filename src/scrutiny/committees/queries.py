"""Reads for panels, people and meetings (no writes here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from scrutiny.committees.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Panel,
    Person,
    Seat,
    Substitution,
)

HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)


@dataclass(frozen=True)
class SeatHolder:
    seat: Seat
    membership: Membership | None

    @property
    def is_vacant(self) -> bool:
        return self.membership is None


def seat_holders(panel: Panel, on: date) -> list[SeatHolder]:
    """Every seat of the panel on a date with its member, chair first; vacancies included."""
    active = Membership.objects.filter(Membership.active_q(on)).select_related("person")
    seats = panel.seats.exclude(abolished_on__lte=on).prefetch_related(
        Prefetch("memberships", queryset=active, to_attr="active")
    )
    role_order: dict[str, int] = {
        Membership.Role.CHAIR: 0,
        Membership.Role.VICE_CHAIR: 1,
        Membership.Role.MEMBER: 2,
    }
    holders = [SeatHolder(seat, seat.active[0] if seat.active else None) for seat in seats]

    def key(h: SeatHolder):
        kind_rank = 0 if h.seat.kind == Seat.Kind.COUNCILLOR else 1
        if h.seat.kind == Seat.Kind.COUNCILLOR:
            role_rank = role_order[h.membership.role] if h.membership else 3
            return (kind_rank, role_rank, h.seat.order)
        return (kind_rank, 0, h.seat.order)

    return sorted(holders, key=key)


@dataclass(frozen=True)
class QuorumResult:
    required: int
    voting_present: list[Person]
    substitutes_present: list[Person]

    @property
    def count(self) -> int:
        return len(self.voting_present) + len(self.substitutes_present)

    @property
    def reached(self) -> bool:
        return self.count >= self.required


def meeting_quorum(meeting: Meeting) -> QuorumResult:
    """Councillor members present, plus substitutes present for absent members.

    Appointed (co-opted) members do not count towards the quorum.
    """
    members = {
        m.person_id: m.person
        for m in Membership.objects.filter(
            Membership.active_q(meeting.date),
            seat__panel_id=meeting.panel_id,
            seat__kind=Seat.Kind.COUNCILLOR,
        ).select_related("person")
    }
    present_ids = set(
        meeting.attendances.filter(status=Attendance.Status.PRESENT).values_list(
            "person_id", flat=True
        )
    )
    voting = [person for pid, person in members.items() if pid in present_ids]
    substitutes = [
        s.substitute
        for s in meeting.substitutions.select_related("substitute")
        if s.substitute_id in present_ids
        and s.member_id not in present_ids
        and s.member_id in members
    ]
    return QuorumResult(meeting.panel.quorum, voting, substitutes)


def meetings_for_panel(panel: Panel) -> QuerySet[Meeting]:
    return panel.meetings.select_related("municipal_year").order_by("date", "start_time")


def meeting_with_agenda(pk: int) -> Meeting:
    return (
        Meeting.objects.select_related("panel", "municipal_year")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.select_related(
                    "exempt_category", "report_author"
                ).order_by("number"),
            )
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class AttendanceLine:
    person: Person
    status: str
    capacity: str  # "Member", "Appointed member" or "Substitute for Councillor X"


def meeting_attendance(meeting: Meeting) -> list[AttendanceLine]:
    subs = {s.substitute_id: s for s in meeting.substitutions.select_related("member")}
    appointed = set(
        Membership.objects.filter(
            Membership.active_q(meeting.date),
            seat__panel_id=meeting.panel_id,
            seat__kind=Seat.Kind.APPOINTED,
        ).values_list("person_id", flat=True)
    )
    lines = []
    for a in meeting.attendances.select_related("person"):
        if a.person_id in subs:
            capacity = f"Substitute for {subs[a.person_id].member.display_name}"
        elif a.person_id in appointed or a.person.kind == Person.Kind.APPOINTED:
            capacity = "Appointed member"
        else:
            capacity = "Member"
        lines.append(AttendanceLine(a.person, a.status, capacity))
    return lines


@dataclass(frozen=True)
class AttendanceRecord:
    expected: list[Meeting]
    attended: list[Meeting]
    substitute_at: list[Meeting]

    @property
    def summary(self) -> str:
        return f"{len(self.attended)} of {len(self.expected)}"


def person_attendance_record(person: Person) -> AttendanceRecord:
    """Held meetings the person was expected at (a membership covered the date) and attended.

    Only meetings whose attendance was recorded count: an unrecorded meeting proves nothing.
    """
    memberships = list(person.memberships.select_related("seat"))
    held = (
        Meeting.objects.filter(
            status__in=HELD_STATUSES,
            panel_id__in={m.seat.panel_id for m in memberships},
            attendances__isnull=False,
        )
        .distinct()
        .select_related("panel")
        .order_by("date")
    )
    expected = [
        meeting
        for meeting in held
        if any(m.seat.panel_id == meeting.panel_id and m.covers(meeting.date) for m in memberships)
    ]
    present = set(
        person.attendances.filter(status=Attendance.Status.PRESENT).values_list(
            "meeting_id", flat=True
        )
    )
    substitute_at = [
        s.meeting
        for s in Substitution.objects.filter(substitute=person).select_related("meeting__panel")
        if s.meeting_id in present
    ]
    return AttendanceRecord(
        expected=expected,
        attended=[m for m in expected if m.pk in present],
        substitute_at=substitute_at,
    )


def meetings_for_officers(today: date | None = None) -> dict[str, list[Meeting]]:
    """Upcoming meetings (soonest first) and past ones (latest first), for the officers' list."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.select_related("panel", "municipal_year")
    return {
        "upcoming": list(meetings.filter(date__gte=today).order_by("date", "start_time")),
        "past": list(meetings.filter(date__lt=today).order_by("-date", "-start_time")[:50]),
    }
