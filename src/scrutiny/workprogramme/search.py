"""Search: work programme topics, in the index (see scrutiny.core.search).

The work programme is published in full, so no record here is withheld.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet

from scrutiny.committees.models import Meeting
from scrutiny.core.search import Hit, IndexedKind, IndexEntry, Result, contains_all, plain, snippet
from scrutiny.workprogramme.models import WorkItem


def _work_items() -> QuerySet:
    return WorkItem.objects.select_related("panel", "municipal_year", "target_meeting")


def _entry(item: WorkItem) -> IndexEntry:
    return IndexEntry(
        object_id=item.pk,
        title=item.topic,
        body=plain(item.detail),
        on_date=item.target_meeting.date if item.target_meeting is not None else None,
        panel_id=item.panel_id,
    )


def _result(item: WorkItem, hit: Hit, terms: Sequence[str]) -> Result:
    return Result(
        kind="Work programme",
        title=item.topic,
        url=item.get_absolute_url(),
        context=f"{item.panel.name}, {item.municipal_year.label}"
        + (f", for {item.target_label}" if item.target_label else ""),
        snippet=snippet([item.detail], terms),
        when=item.target_meeting.date if item.target_meeting is not None else None,
        title_match=contains_all(item.topic, terms),
        panel_id=item.panel_id,
    )


WORK_ITEMS = IndexedKind(
    kind="Work programme",
    queryset=_work_items,
    entry=_entry,
    result=_result,
    readable=lambda user: None,
    follows={
        Meeting: lambda meeting: WorkItem.objects.filter(target_meeting=meeting).values_list(
            "pk", flat=True
        )
    },
)
