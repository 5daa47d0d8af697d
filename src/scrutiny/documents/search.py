"""Search provider: published documents, by title and written body (see scrutiny.core.search).

The written body is the document's HTML page or, for a report written in the council's
template, the report's summary, recommendations, reasons and detail.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist

from scrutiny.core.search import Result, contains_all, restricted_matches, snippet
from scrutiny.documents.models import Document

REPORT_FIELDS = ["subject", "brief_summary", "recommendations", "reasons", "detail"]


def _report_texts(document: Document) -> list[str]:
    try:
        report = document.report
    except ObjectDoesNotExist:
        return []
    return [getattr(report, name) for name in REPORT_FIELDS]


def search(user: Any, terms: list[str]) -> list[Result]:
    queryset = Document.objects.select_related(
        "meeting__panel", "exempt_category", "agenda_item__exempt_category", "report"
    )
    content_fields = ["body_html", *(f"report__{name}" for name in REPORT_FIELDS)]
    results = []
    for document, readable, published in restricted_matches(
        user, queryset, terms, listing_fields=["title"], content_fields=content_fields
    ):
        meeting = document.meeting
        category = document.withholding_category
        results.append(
            Result(
                kind="Document",
                title=document.display_title,
                url=document.get_absolute_url(),
                context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
                snippet=snippet([document.body_html, *_report_texts(document)], terms)
                if readable
                else "",
                when=meeting.date,
                withheld_label="" if readable else (category.label if category else "exempt"),
                unpublished=not published,
                title_match=contains_all(document.title, terms),
            )
        )
    return results
