"""The figures as a printable appendix: HTML for the agenda pack, and a PDF of it."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string

from scrutiny.core.dates import Period
from scrutiny.core.models import Council
from scrutiny.core.pdf import html_to_pdf
from scrutiny.reviews.figures import compute, table_rows, theme_rows
from scrutiny.reviews.models import Partnership


def figures_context(period: Period, *, suppress: bool) -> dict:
    figures = compute(period)
    partnership = Partnership.objects.order_by("pk").first()
    return {
        "period": period,
        "figures": figures,
        "sections": table_rows(figures, suppress=suppress),
        "themes": theme_rows(figures, suppress=suppress),
        "suppressed": suppress,
        "partnership": partnership,
        "council": Council.load(),
        "title": title_for(period),
    }


def title_for(period: Period) -> str:
    return f"Safeguarding case reviews: figures for {period.label}"


def appendix_html(period: Period) -> str:
    """The public appendix (suppressed), as the agenda pack prints it."""
    return render_to_string("reviews/_appendix.html", figures_context(period, suppress=True))


def figures_pdf(period: Period, base_url: str | None = None) -> bytes:
    """The PDF of the public appendix; the same figures are printed once and then cached."""
    html = render_to_string("reviews/appendix_pdf.html", figures_context(period, suppress=True))
    key = "reviews-figures-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html, base_url=base_url)
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf
