"""Search provider (see scrutiny.core.search): releases of education figures by title.

Generated papers are Documents and are found by the documents app's provider. A confidential
release is found by its title only; its figures are never searched.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from scrutiny.committees.models import Panel
from scrutiny.core.search import Result, contains_all, restricted_matches
from scrutiny.statistics.models import Release

from .catalogue import TOPIC


def search(user: Any, terms: list[str]) -> list[Result]:
    queryset = Release.objects.filter(topic=TOPIC).select_related("exempt_category", "panel")
    results = []
    for release, readable, published in restricted_matches(
        user, queryset, terms, listing_fields=["title"], content_fields=["source"]
    ):
        panel = release.panel or Panel.objects.order_by("pk").first()
        url = reverse("education:panel", args=[panel.slug]) if panel else ""
        results.append(
            Result(
                kind="Education figures",
                title=release.title,
                url=url or reverse("education:releases"),
                context=release.source if readable else "",
                when=release.imported_at.date(),
                withheld_label="" if readable else release.exempt_category.label,
                unpublished=not published,
                title_match=contains_all(release.title, terms),
            )
        )
    return results
