"""The report as a PDF, from the same section templates as the web page."""

from __future__ import annotations

import hashlib
from datetime import date

from django.conf import settings
from django.template.loader import render_to_string

from scrutiny.core.dates import shift_months
from scrutiny.core.pdf import html_to_pdf

from .queries import Report


def report_html(report: Report) -> str:
    return render_to_string(
        "performance/report_pdf.html",
        {
            "report": report,
            "pdf": True,
            "report_flags": report,
            "report_date": shift_months(report.month, 1),
        },
    )


def report_pdf(report: Report, base_url: str | None = None) -> bytes:
    return html_to_pdf(report_html(report), base_url=base_url)


def pdf_file_name(month: date, exact: bool) -> str:
    return f"performance-report-{month:%Y-%m}{'-exact' if exact else ''}.pdf"


# The worker prints the report once per change of what it shows (scrutiny.core.prepared):
# the fingerprint is of the HTML that is printed, so any change of figure, target,
# commentary or suppression gives a new file, and the old one is never served for it.
PREPARED_KIND = "performance-report"


def prepared_key(month: date, exact: bool) -> str:
    return f"{month:%Y-%m}:{'exact' if exact else 'public'}"


def parse_prepared_key(key: str) -> tuple[date, bool]:
    month, variant = key.split(":")
    year, number = month.split("-")
    return date(int(year), int(number), 1), variant == "exact"


def fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def site_url() -> str:
    return settings.SCRUTINY_SITE_URL.rstrip("/") + "/"
