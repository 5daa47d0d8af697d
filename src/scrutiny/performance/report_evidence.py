"""The monthly report as evidence (``core.evidence``): ``performance.report:<YYYY-MM>``.

Attached to an agenda item as a generated appendix, it prints the public report (small
counts suppressed) into the agenda pack, as printed when attached: the pack shows the
figures the meeting was given, and the dashboard shows them as they are now.
"""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from scrutiny.core.dates import shift_months
from scrutiny.core.evidence import EvidenceItem, EvidenceKind, reference_for

from . import queries
from .parsing import parse_month

REPORT = "performance.report"


def _month(key: str):
    try:
        return parse_month(key)
    except ValueError:
        return None


def _check(key: str) -> str | None:
    return None if _month(key) else "A performance report is referred to by its month: YYYY-MM."


def _resolve(key: str, user: Any) -> EvidenceItem | None:
    month = _month(key)
    if month is None or month not in queries.available_months():
        return None
    return EvidenceItem(
        reference=reference_for(REPORT, key),
        title=f"Children's Social Care Performance Report, performance to {month:%-d %B %Y}",
        url=f"{reverse('performance:dashboard')}?month={month:%Y-%m}",
        summary=f"The public report for {month:%B %Y}.",
    )


def appendix_html(key: str) -> str | None:
    """The public report for the pack: its sections, charts and data tables, without its
    cover or page footers (the pack prints its own heading and page numbers)."""
    month = _month(key)
    if month is None or month not in queries.available_months():
        return None
    report = queries.build_report(month, exact=False)
    return render_to_string(
        "performance/report_pdf.html",
        {
            "report": report,
            "pdf": True,
            "in_pack": True,
            "report_flags": report,
            "report_date": shift_months(report.month, 1),
        },
    )


def _choices() -> list[tuple[str, str]]:
    return [
        (f"{month:%Y-%m}", f"Performance report, {month:%B %Y}")
        for month in queries.available_months()
    ]


KIND = EvidenceKind(
    name=REPORT,
    label="Children's social care performance report",
    resolve=_resolve,
    appendix_html=appendix_html,
    choices=_choices,
    check=_check,
)
