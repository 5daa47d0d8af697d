"""Search provider: published documents, by title and written body (see scrutiny.public.search)."""

from __future__ import annotations

from typing import Any

from scrutiny.documents.models import Document
from scrutiny.public.search import Result, contains_all, restricted_matches, snippet


def search(user: Any, terms: list[str]) -> list[Result]:
    queryset = Document.objects.select_related("meeting__panel", "exempt_category")
    results = []
    for document, readable, published in restricted_matches(
        user, queryset, terms, listing_fields=["title"], content_fields=["body_html"]
    ):
        meeting = document.meeting
        results.append(
            Result(
                kind="Document",
                title=document.display_title,
                url=document.get_absolute_url(),
                context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
                snippet=snippet([document.body_html], terms) if readable else "",
                when=meeting.date,
                withheld_label="" if readable else document.exempt_category.label,
                unpublished=not published,
                title_match=contains_all(document.title, terms),
            )
        )
    return results
