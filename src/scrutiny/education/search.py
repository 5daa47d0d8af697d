"""Search (see scrutiny.core.search): releases of education figures by title, in the index.

Generated papers are Documents and are found by the documents app's kind. A confidential
release is found by its title only; its figures are never searched.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet
from django.urls import reverse

from scrutiny.committees.models import Panel
from scrutiny.core.search import Hit, IndexedKind, IndexEntry, Result, contains_all, restricted
from scrutiny.statistics.models import Release

from .catalogue import TOPIC


def _releases() -> QuerySet:
    return Release.objects.filter(topic=TOPIC).select_related("exempt_category", "panel")


def _entry(release: Release) -> IndexEntry:
    return IndexEntry(
        object_id=release.pk,
        title=release.title,
        body=release.source,
        on_date=release.imported_at.date(),
        panel_id=release.panel_id,
    )


def _result(release: Release, hit: Hit, terms: Sequence[str]) -> Result:
    panel = release.panel or Panel.objects.order_by("pk").first()
    url = reverse("education:panel", args=[panel.slug]) if panel else ""
    return Result(
        kind="Education figures",
        title=release.title,
        url=url or reverse("education:releases"),
        context=release.source if hit.readable else "",
        when=release.imported_at.date(),
        withheld_label="" if hit.readable else getattr(release.exempt_category, "label", "exempt"),
        unpublished=not hit.published,
        title_match=contains_all(release.title, terms),
        panel_id=release.panel_id,
    )


_readable, _listable = restricted(_releases)
RELEASES = IndexedKind(
    kind="Education figures",
    queryset=_releases,
    entry=_entry,
    result=_result,
    readable=_readable,
    listable=_listable,
)
