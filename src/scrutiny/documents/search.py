"""Search: published documents, by title and written body (see scrutiny.core.search).

The written body is the document's HTML page or, for a report written in the council's
template, the report's summary, recommendations, reasons and detail.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet

from scrutiny.committees.models import Meeting
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
from scrutiny.documents.models import Document, Report

REPORT_FIELDS = ["subject", "brief_summary", "recommendations", "reasons", "detail"]


def _report_texts(document: Document) -> list[str]:
    try:
        report = document.report
    except ObjectDoesNotExist:
        return []
    return [getattr(report, name) for name in REPORT_FIELDS]


def _documents() -> QuerySet:
    return Document.objects.select_related(
        "meeting__panel", "exempt_category", "agenda_item__exempt_category", "report"
    )


def _entry(document: Document) -> IndexEntry:
    return IndexEntry(
        object_id=document.pk,
        title=document.title,
        body=" ".join(plain(text) for text in [document.body_html, *_report_texts(document)]),
        on_date=document.meeting.date,
        panel_id=document.meeting.panel_id,
    )


def _result(document: Document, hit: Hit, terms: Sequence[str]) -> Result:
    meeting = document.meeting
    category = document.withholding_category
    return Result(
        kind="Document",
        title=document.display_title,
        url=document.get_absolute_url(),
        context=f"{meeting.panel.name}, {meeting.date:%-d %B %Y}",
        snippet=snippet([document.body_html, *_report_texts(document)], terms)
        if hit.readable
        else "",
        when=meeting.date,
        withheld_label="" if hit.readable else (category.label if category else "exempt"),
        unpublished=not hit.published,
        title_match=contains_all(document.title, terms),
        panel_id=meeting.panel_id,
    )


def _of_meeting(meeting: Any) -> list[int]:
    return list(Document.objects.filter(meeting=meeting).values_list("pk", flat=True))


_readable, _listable = restricted(_documents)
DOCUMENTS = IndexedKind(
    kind="Document",
    queryset=_documents,
    entry=_entry,
    result=_result,
    follows={
        Report: lambda report: [report.document_id],
        Meeting: _of_meeting,
    },
    readable=_readable,
    listable=_listable,
)
