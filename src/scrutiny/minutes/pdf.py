"""PDFs are printed with WeasyPrint from the same templates as the pages."""

from __future__ import annotations

from django.contrib.staticfiles import finders


def _url_fetcher(url: str, *args, **kwargs):
    """Resolve /static/ files from disk; refuse anything else (no network at render time)."""
    from weasyprint import default_url_fetcher

    if "/static/" in url:
        path = finders.find(url.split("/static/", 1)[1])
        if path:
            return default_url_fetcher("file://" + path)
    if url.startswith("data:"):
        return default_url_fetcher(url)
    raise ValueError(f"External resource not fetched while printing: {url}")


def html_to_pdf(html: str, base_url: str = "") -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url or None, url_fetcher=_url_fetcher).write_pdf()
