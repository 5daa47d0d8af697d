"""Reads for a member's own pages: their panels, next and past meetings, papers new since
their last visit, exempt papers open to them, and register entries to consider per item.

Every list is a fixed number of queries whatever the number of meetings and papers; what the
member may read is decided by ``scrutiny.core.access`` alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Q

from scrutiny.committees.models import AgendaItem, Meeting, MeetingStatus, Panel, Person
from scrutiny.core.access import Level, can_view, visible
from scrutiny.documents.models import AgendaPack, Document
from scrutiny.interests.models import Interest
from scrutiny.members.models import Briefing, HomeVisit

UPCOMING_LIMIT = 5
PAST_LIMIT = 6
# Words too common in agenda titles and register entries to suggest an interest.
COMMON_WORDS = frozenset(
    [
        "about",
        "after",
        "also",
        "and",
        "annual",
        "before",
        "between",
        "children",
        "council",
        "from",
        "have",
        "into",
        "meeting",
        "member",
        "members",
        "other",
        "panel",
        "report",
        "reports",
        "service",
        "services",
        "southampton",
        "that",
        "their",
        "there",
        "this",
        "update",
        "which",
        "with",
        "year",
        "years",
    ]
)


def person_of(user: Any) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


def member_panels(person: Person, today: date) -> list[Panel]:
    """Panels the person sits on today, or is a substitute for at a meeting still to come."""
    seats = Q(seats__memberships__person=person) & Q(seats__memberships__start_date__lte=today)
    seats &= Q(seats__memberships__end_date__isnull=True) | Q(
        seats__memberships__end_date__gte=today
    )
    substitute = Q(meetings__substitutions__substitute=person, meetings__date__gte=today)
    return list(Panel.objects.filter(seats | substitute).distinct().order_by("name"))


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in COMMON_WORDS}


def interests_to_consider(item: AgendaItem, interests: list[Interest]) -> list[Interest]:
    """Register entries sharing a distinctive word with the item's title or summary.

    A prompt, not advice: the member decides whether an interest is engaged (the monitoring
    officer's guidance); sensitive entries are the member's own and shown to them alone.
    """
    if item.is_procedural:
        return []
    words = _words(f"{item.title} {item.summary}")
    return [i for i in interests if words & _words(i.description)]


@dataclass
class PaperLine:
    document: Document
    is_new: bool
    withheld: bool
    readable: bool

    @property
    def category(self):
        return self.document.withholding_category


@dataclass
class ItemLine:
    item: AgendaItem
    papers: list[PaperLine] = field(default_factory=list)
    interests: list[Interest] = field(default_factory=list)


@dataclass
class MeetingCard:
    meeting: Meeting
    items: list[ItemLine] = field(default_factory=list)
    briefing: Briefing | None = None
    members_pack: AgendaPack | None = None

    @property
    def new_papers(self) -> int:
        return sum(p.is_new for line in self.items for p in line.papers)

    @property
    def exempt_papers(self) -> list[PaperLine]:
        return [p for line in self.items for p in line.papers if p.withheld and p.readable]


@dataclass
class MyMeetings:
    person: Person
    panels: list[Panel]
    upcoming: list[MeetingCard]
    past: list[Meeting]
    last_visit: datetime | None

    @property
    def exempt_papers(self) -> list[PaperLine]:
        return [p for card in self.upcoming for p in card.exempt_papers]


def my_meetings(user: Any, person: Person, today: date) -> MyMeetings:
    panels = member_panels(person, today)
    visit = HomeVisit.objects.filter(user=user).first()
    last_visit = visit.previous_at if visit else None
    meetings = list(
        Meeting.objects.filter(
            panel__in=panels,
            date__gte=today,
            status__in=[MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED],
        )
        .select_related("panel")
        .order_by("date", "start_time")[:UPCOMING_LIMIT]
    )
    cards = {m.pk: MeetingCard(m) for m in meetings}
    items = visible(
        user,
        AgendaItem.objects.filter(meeting__in=meetings).select_related(
            "meeting__panel", "exempt_category"
        ),
        Level.LISTING,
    ).order_by("meeting__date", "number")
    lines = {}
    interests = list(Interest.objects.filter(person=person, ended_on__isnull=True))
    for item in items:
        line = ItemLine(item, interests=interests_to_consider(item, interests))
        lines[item.pk] = line
        cards[item.meeting_id].items.append(line)
    papers = visible(
        user,
        Document.objects.filter(agenda_item__in=list(lines)).select_related(
            "meeting__panel", "agenda_item__exempt_category", "exempt_category"
        ),
        Level.LISTING,
    ).order_by("agenda_item__number", "kind", "number", "pk")
    for paper in papers:
        lines[paper.agenda_item_id].papers.append(
            PaperLine(
                document=paper,
                is_new=last_visit is None or paper.published_at > last_visit,
                withheld=paper.is_withheld(today),
                readable=can_view(user, paper),
            )
        )
    for briefing in Briefing.objects.filter(meeting__in=meetings):
        cards[briefing.meeting_id].briefing = briefing
    for pack in AgendaPack.objects.filter(
        meeting__in=meetings, variant=AgendaPack.Variant.MEMBERS, status=AgendaPack.Status.READY
    ).order_by("built_at"):
        cards[pack.meeting_id].members_pack = pack
    past = list(
        Meeting.objects.filter(panel__in=panels, date__lt=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("panel")
        .order_by("-date")[:PAST_LIMIT]
    )
    return MyMeetings(person, panels, list(cards.values()), past, last_visit)
