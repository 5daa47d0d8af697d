"""Reads for minutes: the minutes of a meeting as a user may see them, and the registers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from scrutiny.committees.models import Attendance, Meeting, Person, Substitution
from scrutiny.committees.queries import (
    ExpectedAttendee,
    QuorumResult,
    expected_attendees,
    meeting_quorum,
)
from scrutiny.core.access import Level, access_level, sees_everything
from scrutiny.core.models import Council, ExemptCategory
from scrutiny.minutes.models import (
    Declaration,
    DiscussionPoint,
    MinuteItem,
    Minutes,
    Resolution,
    Speaker,
)


def join_names(names: list[str]) -> str:
    """ "A, B and C", as the minutes print lists of people."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def councillors(names: list[str]) -> str:
    """ "Councillor Allen" for one, "Councillors Kaur and Allen" for two or more."""
    if not names:
        return ""
    return ("Councillor " if len(names) == 1 else "Councillors ") + join_names(names)


def appointed_members(names: list[str]) -> str:
    if not names:
        return ""
    return ("Appointed Member: " if len(names) == 1 else "Appointed Members: ") + join_names(names)


@dataclass(frozen=True)
class AttendanceLine:
    """One line of the minutes' heading, e.g. "Apologies:" with its groups of names."""

    label: str
    groups: list[str]


@dataclass
class MinutedAttendance:
    lines: list[AttendanceLine] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.lines)


def _print_order(meeting: Meeting) -> tuple[dict[int, ExpectedAttendee], dict[int, int]]:
    expected = expected_attendees(meeting)
    by_person = {a.person.pk: a for a in expected}
    rank = {a.person.pk: position for position, a in enumerate(expected)}
    return by_person, rank


def minuted_attendance(meeting: Meeting) -> MinutedAttendance:
    """Present, appointed members, apologies ... as the minutes print them, from the grid.

    Members in seat order (Chair and Vice-Chair first), then substitutes by name. Appointed
    members present have their own line, as Southampton prints them.
    """
    by_person, rank = _print_order(meeting)
    records = list(meeting.attendances.select_related("person"))
    substitutes = {pk for pk, attendee in by_person.items() if attendee.is_substitute}

    def key(record: Attendance) -> tuple:
        pk = record.person_id
        if pk in substitutes:
            return (1, record.person.name, pk)
        return (0 if pk in rank else 2, rank.get(pk, 0), record.pk)

    records.sort(key=key)

    def appointed(record: Attendance) -> bool:
        attendee = by_person.get(record.person_id)
        return record.person.kind == Person.Kind.APPOINTED or bool(
            attendee and attendee.is_appointed
        )

    def name(record: Attendance) -> str:
        attendee = by_person.get(record.person_id)
        suffix = {"chair": " (Chair)", "vice_chair": " (Vice-Chair)"}.get(
            attendee.role if attendee else "", ""
        )
        return record.person.name + suffix

    def with_status(*statuses: str) -> list[Attendance]:
        return [r for r in records if r.status in statuses]

    def groups(chosen: list[Attendance], appointed_label: bool = True) -> list[str]:
        names = [name(r) for r in chosen if not appointed(r) and r.person.kind == "councillor"]
        others = [
            r.person.name for r in chosen if not appointed(r) and r.person.kind != "councillor"
        ]
        co_opted = [name(r) for r in chosen if appointed(r)]
        result = [councillors(names)] if names else []
        if others:
            result.append(join_names(others))
        if co_opted:
            result.append(appointed_members(co_opted) if appointed_label else join_names(co_opted))
        return result

    Status = Attendance.Status
    in_room = with_status(Status.PRESENT, Status.PRESENT_AS_SUBSTITUTE)
    lines = [
        AttendanceLine("Present", groups([r for r in in_room if not appointed(r)])),
        AttendanceLine(
            "Appointed Members", groups([r for r in in_room if appointed(r)], appointed_label=False)
        ),
        AttendanceLine("Present virtually", groups(with_status(Status.PRESENT_VIRTUALLY))),
        AttendanceLine("Apologies", groups(with_status(Status.APOLOGIES))),
        AttendanceLine("Absent", groups(with_status(Status.ABSENT))),
        AttendanceLine(
            "In attendance",
            [
                join_names(
                    [
                        r.person.display_name
                        + (f", {r.person.job_title}" if r.person.job_title else "")
                        for r in with_status(Status.IN_ATTENDANCE)
                    ]
                )
            ]
            if with_status(Status.IN_ATTENDANCE)
            else [],
        ),
    ]
    return MinutedAttendance([line for line in lines if line.groups])


def speakers_sentence(speakers: list[Speaker]) -> str:
    """ "The Cabinet Member ... and the Service Manager, Early Years were in attendance and,
    with the consent of the Chair, addressed the meeting." """
    labels = []
    for position, speaker in enumerate(speakers):
        label = ", ".join(part for part in (speaker.name, speaker.title) if part)
        if position and label.startswith("The "):
            label = "the " + label[4:]
        labels.append(label)
    if not labels:
        return ""
    verb = "was" if len(labels) == 1 else "were"
    text = f"{join_names(labels)} {verb} in attendance and, with the consent of the Chair, "
    return text[:1].upper() + text[1:] + "addressed the meeting."


def membership_changes_text(meeting: Meeting) -> str:
    """The apologies minute's account of substitutes, drafted from the attendance grid."""
    substitutions = list(meeting.substitutions.select_related("member", "substitute"))
    if not substitutions:
        return ""
    by_appointer: dict[str, list[Substitution]] = {}
    for substitution in substitutions:
        by_appointer.setdefault(substitution.appointed_by, []).append(substitution)
    sentences = []
    for appointer, group in by_appointer.items():
        members = councillors([s.member.name for s in group])
        subs = councillors([s.substitute.name for s in group])
        sentences.append(
            f"The {appointer}, acting under delegated powers, appointed {subs} to replace "
            f"{members} for this meeting."
            if appointer
            else f"{subs} replaced {members} for this meeting."
        )
    return " ".join(sentences)


def withheld_notice(category: ExemptCategory, council: Council) -> str:
    """What the public sees in place of a withheld minute: the paragraph, as the pack prints."""
    if category.is_statutory:
        reference = (
            f"paragraph {category.code} of Part 1 of Schedule 12A to the Local Government Act 1972"
        )
    else:
        reference = council.exempt_rules_reference or "the council's access to information rules"
    return (
        f"This minute is not for publication: it is exempt under {category.label} of "
        f"{reference} ({category.title})."
    )


@dataclass(frozen=True)
class MinuteEntry:
    item: MinuteItem
    content_visible: bool
    withheld_notice: str = ""

    @property
    def speakers_sentence(self) -> str:
        return speakers_sentence(list(self.item.speakers.all()))


@dataclass
class MinutesView:
    minutes: Minutes
    entries: list[MinuteEntry]
    attendance: MinutedAttendance
    quorum: QuorumResult
    declarations: list[Declaration]

    @property
    def attendance_recorded(self) -> bool:
        return bool(self.attendance)

    @property
    def inquorate(self) -> bool:
        """Flagged only once attendance is recorded: no record is not proof of no quorum."""
        return self.attendance_recorded and not self.quorum.reached

    @property
    def has_withheld(self) -> bool:
        return any(not e.content_visible for e in self.entries)


def _item_queryset() -> QuerySet[MinuteItem]:
    return MinuteItem.objects.select_related("exempt_category", "agenda_item").prefetch_related(
        Prefetch("speakers", queryset=Speaker.objects.order_by("order", "pk")),
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
    council = None
    entries = []
    for item in items:
        visible = access_level(user, item) is Level.CONTENT
        notice = ""
        if not visible and item.exempt_category is not None:
            council = council or Council.load()
            notice = withheld_notice(item.exempt_category, council)
        entries.append(MinuteEntry(item, visible, notice))
    declarations = list(
        minutes.declarations.select_related("person", "item", "interest").order_by("pk")
    )
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
