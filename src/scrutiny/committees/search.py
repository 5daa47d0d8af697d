"""Search: panels, people and meetings searched directly; agenda items in the index.

See scrutiny.core.search. Panels, people and meetings number in the hundreds and meetings are
found by their date words, so they are matched directly; agenda items grow with every meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Q, QuerySet

from scrutiny.committees.models import AgendaItem, Meeting, Panel, Person
from scrutiny.core.search import (
    Hit,
    IndexedKind,
    IndexEntry,
    Result,
    contains_all,
    match_all,
    plain,
    restricted,
    snippet,
)

LIMIT = 100


def search(user: Any, terms: list[str]) -> list[Result]:
    return _panels(terms) + _people(terms) + _meetings(terms)


def _panels(terms: list[str]) -> list[Result]:
    panels = Panel.objects.filter(match_all(terms, ["name", "remit", "terms_of_reference"]))
    return [
        Result(
            kind="Panel",
            title=panel.name,
            url=panel.get_absolute_url(),
            snippet=snippet([panel.remit, panel.terms_of_reference], terms),
            title_match=contains_all(panel.name, terms),
            panel_id=panel.pk,
        )
        for panel in panels[:LIMIT]
    ]


def _people(terms: list[str]) -> list[Result]:
    # Officers have no public page; councillors and appointed members do.
    people = Person.objects.exclude(kind=Person.Kind.OFFICER).filter(match_all(terms, ["name"]))
    return [
        Result(
            kind="Person",
            title=person.display_name,
            url=person.get_absolute_url(),
            title_match=True,
        )
        for person in people[:LIMIT]
    ]


MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def _date_filter(terms: list[str]) -> tuple[Q, list[str]]:
    """Date words ("28th", "november", "2024") as a filter on the meeting date, and the rest."""
    date_q, rest = Q(), []
    for term in terms:
        day = term.removesuffix("st").removesuffix("nd").removesuffix("rd").removesuffix("th")
        if term in MONTHS:
            date_q &= Q(date__month=MONTHS[term])
        elif term.isdigit() and len(term) == 4:
            date_q &= Q(date__year=int(term))
        elif day.isdigit() and 1 <= int(day) <= 31 and len(day) <= 2:
            date_q &= Q(date__day=int(day))
        else:
            rest.append(term)
    return date_q, rest


def _meetings(terms: list[str]) -> list[Result]:
    date_q, rest = _date_filter(terms)
    if len(rest) == len(terms):
        # No date in the query: match what is particular to a meeting, not the panel name
        # every meeting shares.
        matching = match_all(terms, ["venue", "notice", "cancellation_reason"])
    elif rest:
        fields = ["panel__name", "venue", "notice", "cancellation_reason"]
        matching = date_q & match_all(rest, fields)
    else:
        matching = date_q
    meetings = Meeting.objects.select_related("panel").filter(matching)
    return [
        Result(
            kind="Meeting",
            title=f"{meeting.panel.name}, {meeting.date:%A %-d %B %Y}",
            url=meeting.get_absolute_url(),
            context=meeting.get_status_display(),
            snippet=snippet([meeting.venue, meeting.notice, meeting.cancellation_reason], terms),
            when=meeting.date,
            title_match=len(rest) < len(terms),
            panel_id=meeting.panel_id,
        )
        for meeting in meetings.order_by("-date")[:LIMIT]
    ]


def _agenda_items() -> QuerySet:
    return AgendaItem.objects.select_related("meeting__panel", "exempt_category")


def _item_entry(item: AgendaItem) -> IndexEntry:
    return IndexEntry(
        object_id=item.pk,
        title=item.title,
        body=plain(item.summary),
        on_date=item.meeting.date,
        panel_id=item.meeting.panel_id,
    )


def _item_result(item: AgendaItem, hit: Hit, terms: Sequence[str]) -> Result:
    meeting = item.meeting
    return Result(
        kind="Agenda item",
        title=f"{item.number} {item.title}",
        url=f"{meeting.get_absolute_url()}#item-{item.number}",
        context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
        snippet=snippet([item.summary], terms) if hit.readable else "",
        when=meeting.date,
        withheld_label="" if hit.readable else getattr(item.exempt_category, "label", "exempt"),
        unpublished=not hit.published,
        title_match=contains_all(item.title, terms),
        panel_id=meeting.panel_id,
    )


_readable, _listable = restricted(_agenda_items)
AGENDA_ITEMS = IndexedKind(
    kind="Agenda item",
    queryset=_agenda_items,
    entry=_item_entry,
    result=_item_result,
    follows={
        Meeting: lambda meeting: AgendaItem.objects.filter(meeting=meeting).values_list(
            "pk", flat=True
        )
    },
    readable=_readable,
    listable=_listable,
)
