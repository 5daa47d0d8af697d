"""Search provider: work programme topics (see scrutiny.core.search).

The work programme is published in full, so no record here is withheld.
"""

from __future__ import annotations

from typing import Any

from scrutiny.core.search import PER_PROVIDER_LIMIT, Result, contains_all, match_all, snippet
from scrutiny.workprogramme.models import WorkItem


def search(user: Any, terms: list[str]) -> list[Result]:
    items = (
        WorkItem.objects.filter(match_all(terms, ["topic", "detail"]))
        .select_related("panel", "municipal_year", "target_meeting")
        .order_by("-municipal_year__start_date", "pk")
    )
    return [
        Result(
            kind="Work programme",
            title=item.topic,
            url=item.get_absolute_url(),
            context=f"{item.panel.name}, {item.municipal_year.label}"
            + (f", for {item.target_label}" if item.target_label else ""),
            snippet=snippet([item.detail], terms),
            when=item.target_meeting.date if item.target_meeting is not None else None,
            title_match=contains_all(item.topic, terms),
        )
        for item in items[:PER_PROVIDER_LIMIT]
    ]
