"""Search provider: published minutes and their resolutions (see scrutiny.core.search)."""

from __future__ import annotations

from typing import Any

from scrutiny.core.access import Level, visible
from scrutiny.core.search import (
    PER_PROVIDER_LIMIT,
    Result,
    contains_all,
    match_all,
    restricted_matches,
    snippet,
)
from scrutiny.minutes.models import MinuteItem, Resolution

CONTENT_FIELDS = ["introduction", "discussion_intro", "closing_text", "points__text"]


def _url(item: MinuteItem) -> str:
    return f"{item.minutes.get_absolute_url()}#minute-{item.number}"


def _context(item: MinuteItem) -> str:
    meeting = item.minutes.meeting
    return f"Minutes of {meeting.panel.name}, {meeting.date:%-d %B %Y}"


def search(user: Any, terms: list[str]) -> list[Result]:
    return _minute_items(user, terms) + _resolutions(user, terms)


def _minute_items(user: Any, terms: list[str]) -> list[Result]:
    queryset = MinuteItem.objects.select_related(
        "minutes__meeting__panel", "exempt_category"
    ).prefetch_related("points")
    results = []
    for item, readable, published in restricted_matches(
        user, queryset, terms, listing_fields=["title"], content_fields=CONTENT_FIELDS
    ):
        texts = [item.introduction, *(p.text for p in item.points.all()), item.closing_text]
        results.append(
            Result(
                kind="Minute",
                title=f"{item.number}. {item.title}",
                url=_url(item),
                context=_context(item),
                snippet=snippet(texts, terms) if readable else "",
                when=item.minutes.meeting.date,
                withheld_label="" if readable else item.exempt_category.label,
                unpublished=not published,
                title_match=contains_all(item.title, terms),
            )
        )
    return results


def _resolutions(user: Any, terms: list[str]) -> list[Result]:
    readable_items = visible(user, MinuteItem.objects.all(), Level.CONTENT)
    resolutions = (
        Resolution.objects.filter(item__in=readable_items)
        .filter(match_all(terms, ["text"]))
        .select_related("item__minutes__meeting__panel")
        .order_by("-item__minutes__meeting__date", "item__number", "number")
    )
    return [
        Result(
            kind="Resolution",
            title=f"Minute {r.item.number} ({r.numeral}): {r.item.title}",
            url=_url(r.item),
            context=_context(r.item),
            snippet=snippet([r.text], terms),
            when=r.item.minutes.meeting.date,
            unpublished=r.item.minutes.published_at is None,
        )
        for r in resolutions[:PER_PROVIDER_LIMIT]
    ]
