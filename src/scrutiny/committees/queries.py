"""Reads for panels, people and meetings (no writes here)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet
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


@dataclass(frozen=True)
class MeetingRoll:
    """Who a meeting's page is about, read once: the panel's memberships on the day (seat and
    person), the substitutes appointed for it and the attendance recorded. The quorum and the
    attendance list are both worked out from it, so a page reads each table once."""

    memberships: list[Membership]
    substitutions: list[Substitution]
    attendances: list[Attendance]


def meeting_roll(meeting: Meeting) -> MeetingRoll:
    return MeetingRoll(
        memberships=list(
            Membership.objects.filter(
                Membership.active_q(meeting.date), seat__panel_id=meeting.panel_id
            ).select_related("person", "seat")
        ),
        substitutions=list(
            meeting.substitutions.select_related("member", "substitute").order_by("pk")
        ),
        attendances=list(meeting.attendances.select_related("person")),
    )


def meeting_quorum(meeting: Meeting, roll: MeetingRoll | None = None) -> QuorumResult:
    """Councillor members present in the room, plus substitutes present for absent members.

    Appointed (co-opted) members and anyone present only virtually do not count.
    """
    if roll is None:
        statuses = dict(meeting.attendances.values_list("person_id", "status"))
    else:
        statuses = {a.person_id: a.status for a in roll.attendances}
    return quorum_from(meeting, statuses, roll)


def quorum_from(
    meeting: Meeting, statuses: dict[int, str], roll: MeetingRoll | None = None
) -> QuorumResult:
    """The quorum for a set of statuses (person id to status), saved or still in a form."""
    if roll is None:
        memberships: list[Membership] = list(
            Membership.objects.filter(
                Membership.active_q(meeting.date),
                seat__panel_id=meeting.panel_id,
                seat__kind=Seat.Kind.COUNCILLOR,
            ).select_related("person")
        )
        substitutions = list(meeting.substitutions.select_related("substitute"))
    else:
        memberships = [m for m in roll.memberships if m.seat.kind == Seat.Kind.COUNCILLOR]
        substitutions = roll.substitutions
    members = {m.person_id: m.person for m in memberships}
    in_room = (Attendance.Status.PRESENT, Attendance.Status.PRESENT_AS_SUBSTITUTE)
    present_ids = {pid for pid, status in statuses.items() if status in in_room}
    voting = [person for pid, person in members.items() if pid in present_ids]
    substitutes = [
        s.substitute
        for s in substitutions
        if s.substitute_id in present_ids
        and s.member_id not in present_ids
        and s.member_id in members
    ]
    return QuorumResult(meeting.panel.quorum, voting, substitutes)


@dataclass(frozen=True)
class ExpectedAttendee:
    """Someone expected at a meeting: a member on its date, or a substitute appointed for it."""

    person: Person
    role: str  # Membership.Role, or "" for a substitute
    is_appointed: bool  # an appointed (co-opted) member: not counted for quorum
    substitute_for: Person | None = None

    @property
    def is_substitute(self) -> bool:
        return self.substitute_for is not None

    @property
    def capacity(self) -> str:
        if self.substitute_for is not None:
            return f"Substitute for {self.substitute_for.display_name}"
        if self.is_appointed:
            return "Appointed member"
        return {"chair": "Chair", "vice_chair": "Vice-Chair"}.get(self.role, "Member")


def attendance_fingerprint(meeting: Meeting) -> str:
    """A short digest of the recorded attendance and substitutes, to detect a colleague's save."""
    rows = sorted(meeting.attendances.values_list("person_id", "status"))
    subs = sorted(meeting.substitutions.values_list("member_id", "substitute_id"))
    return hashlib.sha256(repr((rows, subs)).encode()).hexdigest()[:16]


def expected_attendees(meeting: Meeting, roll: MeetingRoll | None = None) -> list[ExpectedAttendee]:
    """The panel's members on the meeting date, then the substitutes appointed for it.

    Members are listed as the minutes print them: Chair, Vice-Chair, then councillors by
    length of membership (longest first) and seat, then appointed members by seat.
    """
    roll = roll or meeting_roll(meeting)
    memberships = [
        m
        for m in roll.memberships
        if m.seat.abolished_on is None or m.seat.abolished_on > meeting.date
    ]
    rank: dict[str, int] = {Membership.Role.CHAIR: 0, Membership.Role.VICE_CHAIR: 1}

    def order(m: Membership) -> tuple:
        if m.seat.kind == Seat.Kind.COUNCILLOR:
            return (0, rank.get(m.role, 2), m.start_date, m.seat.order, m.seat_id)
        return (1, 0, date.min, m.seat.order, m.seat_id)

    expected = [
        ExpectedAttendee(
            person=m.person, role=m.role, is_appointed=m.seat.kind == Seat.Kind.APPOINTED
        )
        for m in sorted(memberships, key=order)
    ]
    expected += [
        ExpectedAttendee(person=s.substitute, role="", is_appointed=False, substitute_for=s.member)
        for s in roll.substitutions
    ]
    return expected


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
    status: str  # the status as read, e.g. "Present as substitute"
    capacity: str  # "Chair", "Member", "Appointed member", "Substitute for Councillor X" ...


def meeting_attendance(meeting: Meeting, roll: MeetingRoll | None = None) -> list[AttendanceLine]:
    """The grid as recorded, in the order the minutes list people; others in attendance last."""
    roll = roll or meeting_roll(meeting)
    expected = {a.person.pk: a for a in expected_attendees(meeting, roll)}
    order = {pk: position for position, pk in enumerate(expected)}
    records = sorted(
        roll.attendances,
        key=lambda a: (order.get(a.person_id, len(order)), a.pk),
    )
    lines = []
    for record in records:
        attendee = expected.get(record.person_id)
        if attendee is not None:
            capacity = attendee.capacity
        elif record.status == Attendance.Status.IN_ATTENDANCE:
            capacity = record.person.job_title or record.person.get_kind_display()
        else:
            capacity = "Member"
        lines.append(AttendanceLine(record.person, record.get_status_display(), capacity))
    return lines


@dataclass(frozen=True)
class AttendanceRecordLine:
    meeting: Meeting
    capacity: str  # "Member", "Substitute" or "Not a member"
    status: str  # an Attendance.Status value

    @property
    def status_label(self) -> str:
        return Attendance.Status(self.status).label


@dataclass(frozen=True)
class AttendanceRecord:
    """A person's attendance in modern.gov's categories.

    Expected: held meetings of a panel the person was a member of on the day. Substitute
    appearances and attendance as a non-member are counted beside, not in, the expected
    meetings. Cancelled meetings and meetings with no attendance recorded never count.
    """

    lines: list[AttendanceRecordLine]

    def _count(self, capacity: str, *statuses: str) -> int:
        return sum(
            1 for line in self.lines if line.capacity == capacity and line.status in statuses
        )

    @property
    def expected(self) -> int:
        return sum(1 for line in self.lines if line.capacity == "Member")

    @property
    def present(self) -> int:
        return self._count("Member", Attendance.Status.PRESENT)

    @property
    def present_virtually(self) -> int:
        return self._count("Member", Attendance.Status.PRESENT_VIRTUALLY)

    @property
    def present_as_substitute(self) -> int:
        return self._count(
            "Substitute",
            Attendance.Status.PRESENT_AS_SUBSTITUTE,
            Attendance.Status.PRESENT,
            Attendance.Status.PRESENT_VIRTUALLY,
        )

    @property
    def apologies(self) -> int:
        return self._count("Member", Attendance.Status.APOLOGIES)

    @property
    def absent(self) -> int:
        return self._count("Member", Attendance.Status.ABSENT)

    @property
    def in_attendance(self) -> int:
        return self._count("Not a member", Attendance.Status.IN_ATTENDANCE)

    @property
    def percentage(self) -> int | None:
        """Expected meetings attended, in the room or virtually; None when none expected."""
        if not self.expected:
            return None
        return round(100 * (self.present + self.present_virtually) / self.expected)

    @property
    def summary(self) -> str:
        return f"{self.present + self.present_virtually} of {self.expected}"


def person_attendance_record(person: Person) -> AttendanceRecord:
    """Every held meeting with recorded attendance at which the person was expected or came."""
    memberships = list(person.memberships.select_related("seat"))
    substitute_at = set(
        Substitution.objects.filter(substitute=person).values_list("meeting_id", flat=True)
    )
    own = dict(person.attendances.values_list("meeting_id", "status"))
    meetings = (
        Meeting.objects.filter(status__in=HELD_STATUSES, attendances__isnull=False)
        .filter(
            Q(panel_id__in={m.seat.panel_id for m in memberships})
            | Q(pk__in=substitute_at)
            | Q(pk__in=own.keys())
        )
        .distinct()
        .select_related("panel")
        .order_by("date", "start_time")
    )
    lines = []
    for meeting in meetings:
        member = any(
            m.seat.panel_id == meeting.panel_id
            and m.covers(meeting.date)
            and (m.seat.abolished_on is None or m.seat.abolished_on > meeting.date)
            for m in memberships
        )
        if member:
            # Expected and not in the recorded attendance: absent.
            lines.append(
                AttendanceRecordLine(
                    meeting, "Member", own.get(meeting.pk, Attendance.Status.ABSENT)
                )
            )
        elif meeting.pk in substitute_at:
            lines.append(
                AttendanceRecordLine(
                    meeting, "Substitute", own.get(meeting.pk, Attendance.Status.ABSENT)
                )
            )
        elif own.get(meeting.pk) == Attendance.Status.IN_ATTENDANCE:
            lines.append(AttendanceRecordLine(meeting, "Not a member", own[meeting.pk]))
    return AttendanceRecord(lines)


def meetings_for_officers(today: date | None = None) -> dict[str, list[Meeting]]:
    """Upcoming meetings (soonest first) and past ones (latest first), for the officers' list."""
    today = today or timezone.localdate()
    meetings = Meeting.objects.select_related("panel", "municipal_year")
    return {
        "upcoming": list(meetings.filter(date__gte=today).order_by("date", "start_time")),
        "past": list(meetings.filter(date__lt=today).order_by("-date", "-start_time")[:50]),
    }
