"""Printing to PDF with WeasyPrint, from the same HTML as the pages, never over the network."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from weasyprint import HTML
from weasyprint.urls import URLFetcher


class OfflineFetcher(URLFetcher):
    """Fetches inline ``data:`` URIs and the project's own static files, nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"data", "file"})

    def fetch(self, url: str, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if "/static/" in url:
            relative = url.split("/static/", 1)[1].split("?", 1)[0].split("#", 1)[0]
            path = finders.find(relative)
            if path:
                return super().fetch(Path(path).resolve().as_uri(), headers)
        raise ValueError(f"Not fetched while printing: {url}")


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    """A tagged PDF (logical structure for screen readers), its language from the page's
    ``lang`` and its bookmarks from the headings."""
    return HTML(string=html, base_url=base_url or None, url_fetcher=OfflineFetcher()).write_pdf(
        pdf_tags=True
    )
