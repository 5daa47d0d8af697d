"""The report as a PDF, from the same section templates as the web page."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string

from scrutiny.core.pdf import html_to_pdf

from .queries import Report, shift_months


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
