"""Reads for minutes: the minutes of a meeting as a user may see them, and the registers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from scrutiny.committees.models import Attendance, Meeting, Membership, Person, Seat
from scrutiny.committees.queries import QuorumResult, meeting_quorum
from scrutiny.core.access import Level, access_level, sees_everything
from scrutiny.minutes.models import Declaration, DiscussionPoint, MinuteItem, Minutes, Resolution


def join_names(names: list[str]) -> str:
    """ "A, B and C", as the minutes print lists of people."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True)
class AttendanceGroup:
    label: str  # "Councillors" or "Appointed Members"
    names: list[str]

    @property
    def text(self) -> str:
        return join_names(self.names)


@dataclass
class MinutedAttendance:
    present: list[AttendanceGroup] = field(default_factory=list)
    apologies: list[AttendanceGroup] = field(default_factory=list)
    absent: list[AttendanceGroup] = field(default_factory=list)


def minuted_attendance(meeting: Meeting) -> MinutedAttendance:
    """Present, apologies and absent as the minutes print them: chair and vice-chair first."""
    roles = dict(
        Membership.objects.filter(
            Membership.active_q(meeting.date), seat__panel_id=meeting.panel_id
        ).values_list("person_id", "role")
    )
    appointed_seats = set(
        Membership.objects.filter(
            Membership.active_q(meeting.date),
            seat__panel_id=meeting.panel_id,
            seat__kind=Seat.Kind.APPOINTED,
        ).values_list("person_id", flat=True)
    )
    rank: dict[str | None, int] = {Membership.Role.CHAIR: 0, Membership.Role.VICE_CHAIR: 1}
    records = sorted(
        meeting.attendances.select_related("person"),
        key=lambda a: (rank.get(roles.get(a.person_id), 2), a.pk),
    )
    result = MinutedAttendance()
    buckets = {
        Attendance.Status.PRESENT: result.present,
        Attendance.Status.APOLOGIES: result.apologies,
        Attendance.Status.ABSENT: result.absent,
    }
    for status, groups in buckets.items():
        councillors, appointed = [], []
        for record in records:
            if record.status != status:
                continue
            person = record.person
            if person.kind == Person.Kind.APPOINTED or person.pk in appointed_seats:
                appointed.append(person.name)
                continue
            role = roles.get(person.pk)
            suffixes: dict[str | None, str] = {
                Membership.Role.CHAIR: " (Chair)",
                Membership.Role.VICE_CHAIR: " (Vice-Chair)",
            }
            suffix = suffixes.get(role, "")
            councillors.append(person.name + suffix)
        if councillors:
            groups.append(AttendanceGroup("Councillors", councillors))
        if appointed:
            groups.append(AttendanceGroup("Appointed Members", appointed))
    return result


@dataclass(frozen=True)
class MinuteEntry:
    item: MinuteItem
    content_visible: bool


@dataclass
class MinutesView:
    minutes: Minutes
    entries: list[MinuteEntry]
    attendance: MinutedAttendance
    quorum: QuorumResult
    declarations: list[Declaration]

    @property
    def attendance_recorded(self) -> bool:
        groups = self.attendance
        return bool(groups.present or groups.apologies or groups.absent)

    @property
    def inquorate(self) -> bool:
        """Flagged only once attendance is recorded: no record is not proof of no quorum."""
        return self.attendance_recorded and not self.quorum.reached

    @property
    def has_withheld(self) -> bool:
        return any(not e.content_visible for e in self.entries)


def _item_queryset() -> QuerySet[MinuteItem]:
    return MinuteItem.objects.select_related("exempt_category", "agenda_item").prefetch_related(
        "speakers",
        "exclusion_categories",
        Prefetch("points", queryset=DiscussionPoint.objects.order_by("order", "pk")),
        Prefetch("resolutions", queryset=Resolution.objects.order_by("number")),
        "amendments__agreed_at_meeting",
    )


def minutes_for(meeting: Meeting) -> Minutes | None:
    return (
        Minutes.objects.select_related("meeting__panel", "approved_at_meeting")
        .filter(meeting=meeting)
        .first()
    )


def minutes_view(minutes: Minutes, user: Any) -> MinutesView | None:
    """The minutes as this user may read them, or None if they may not see them at all.

    Exempt minutes keep their number and title (as published minutes do) but their content is
    only for officers and members entitled to the exempt papers (scrutiny.core.access).
    """
    if not sees_everything(user) and minutes.published_at is None:
        return None
    items = list(_item_queryset().filter(minutes=minutes).order_by("number"))
    for item in items:
        item.minutes = minutes  # access_facts reads the meeting from here: no query per item
    entries = [MinuteEntry(item, access_level(user, item) is Level.CONTENT) for item in items]
    declarations = list(minutes.declarations.select_related("person", "item").order_by("pk"))
    visible_items = {e.item.pk for e in entries if e.content_visible}
    declarations = [d for d in declarations if d.item_id is None or d.item_id in visible_items]
    return MinutesView(
        minutes=minutes,
        entries=entries,
        attendance=minuted_attendance(minutes.meeting),
        quorum=meeting_quorum(minutes.meeting),
        declarations=declarations,
    )


def minutes_list(user: Any, panel=None) -> list[Minutes]:
    """Minutes the user may know about: all for officers, published ones for everyone else."""
    queryset = Minutes.objects.select_related("meeting__panel", "approved_at_meeting").order_by(
        "-meeting__date"
    )
    if panel is not None:
        queryset = queryset.filter(meeting__panel=panel)
    if not sees_everything(user):
        queryset = queryset.filter(published_at__isnull=False)
    return list(queryset)


def declaration_register(person: Person, user: Any) -> list[Declaration]:
    """Every declaration the person made in minutes the user may read, newest first.

    A declaration on a minute taken in private is listed only where that minute's content is
    visible to the user, since the matter declared can reveal the exempt business.
    """
    declarations = (
        Declaration.objects.filter(person=person)
        .select_related(
            "minutes__meeting__panel", "item__minutes__meeting", "item__exempt_category"
        )
        .order_by("-minutes__meeting__date", "pk")
    )
    if not sees_everything(user):
        declarations = declarations.filter(minutes__published_at__isnull=False)
    return [
        d for d in declarations if d.item is None or access_level(user, d.item) is Level.CONTENT
    ]
