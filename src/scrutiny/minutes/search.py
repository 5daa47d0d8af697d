"""Search: published minutes and their resolutions, in the index (see scrutiny.core.search)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet

from scrutiny.committees.models import Meeting
from scrutiny.core.access import Level, role_for, visible
from scrutiny.core.search import (
    Hit,
    IndexedKind,
    IndexEntry,
    Result,
    contains_all,
    plain,
    restricted,
    snippet,
)
from scrutiny.minutes.models import DiscussionPoint, MinuteItem, Resolution


def _url(item: MinuteItem) -> str:
    return f"{item.minutes.get_absolute_url()}#minute-{item.number}"


def _context(item: MinuteItem) -> str:
    meeting = item.minutes.meeting
    return f"Minutes of {meeting.panel.name}, {meeting.date:%-d %B %Y}"


def _minute_items() -> QuerySet:
    return MinuteItem.objects.select_related(
        "minutes__meeting__panel", "exempt_category"
    ).prefetch_related("points")


def _item_texts(item: MinuteItem) -> list[str]:
    return [item.introduction, *(p.text for p in item.points.all()), item.closing_text]


def _item_entry(item: MinuteItem) -> IndexEntry:
    meeting = item.minutes.meeting
    texts = [item.introduction, item.discussion_intro, *_item_texts(item)[1:]]
    return IndexEntry(
        object_id=item.pk,
        title=item.title,
        body=" ".join(plain(text) for text in texts),
        on_date=meeting.date,
        panel_id=meeting.panel_id,
    )


def _item_result(item: MinuteItem, hit: Hit, terms: Sequence[str]) -> Result:
    return Result(
        kind="Minute",
        title=f"{item.number}. {item.title}",
        url=_url(item),
        context=_context(item),
        snippet=snippet(_item_texts(item), terms) if hit.readable else "",
        when=item.minutes.meeting.date,
        withheld_label="" if hit.readable else getattr(item.exempt_category, "label", "exempt"),
        unpublished=not hit.published,
        title_match=contains_all(item.title, terms),
        panel_id=item.minutes.meeting.panel_id,
    )


def _items_of_meeting(meeting: Any) -> Any:
    return MinuteItem.objects.filter(minutes__meeting=meeting).values_list("pk", flat=True)


_readable, _listable = restricted(_minute_items)
MINUTE_ITEMS = IndexedKind(
    kind="Minute",
    queryset=_minute_items,
    entry=_item_entry,
    result=_item_result,
    follows={
        DiscussionPoint: lambda point: [point.item_id],
        Meeting: _items_of_meeting,
    },
    readable=_readable,
    listable=_listable,
)


def _resolutions() -> QuerySet:
    return Resolution.objects.select_related("item__minutes__meeting__panel")


def _readable_resolutions(user: Any) -> QuerySet | None:
    # A resolution is read with its minute: never listed on its own.
    if role_for(user).sees_everything:
        visible(user, MinuteItem.objects.all(), Level.CONTENT)  # marks the response private
        return None
    return Resolution.objects.filter(item__in=visible(user, MinuteItem.objects.all()))


def _resolution_entry(resolution: Resolution) -> IndexEntry:
    meeting = resolution.item.minutes.meeting
    return IndexEntry(
        object_id=resolution.pk,
        title="",
        body=plain(resolution.text),
        on_date=meeting.date,
        panel_id=meeting.panel_id,
    )


def _resolution_result(resolution: Resolution, hit: Hit, terms: Sequence[str]) -> Result:
    item = resolution.item
    return Result(
        kind="Resolution",
        title=f"Minute {item.number} ({resolution.numeral}): {item.title}",
        url=_url(item),
        context=_context(item),
        snippet=snippet([resolution.text], terms),
        when=item.minutes.meeting.date,
        unpublished=item.minutes.published_at is None,
        panel_id=item.minutes.meeting.panel_id,
    )


RESOLUTIONS = IndexedKind(
    kind="Resolution",
    queryset=_resolutions,
    entry=_resolution_entry,
    result=_resolution_result,
    readable=_readable_resolutions,
    follows={
        Meeting: lambda meeting: Resolution.objects.filter(
            item__minutes__meeting=meeting
        ).values_list("pk", flat=True)
    },
)
