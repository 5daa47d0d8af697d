"""Papers rendered one by one and kept on disk, so a pack is merged from ready parts.

Each paper (and each part of the front matter) is printed as its own WeasyPrint document and
stored under the digest of its HTML, the pack stylesheet and the layout version. Printing a
paper alone makes its file depend on its HTML only, never on which other papers happened to
be printed with it, so a pack merged from the cache is the same bytes whether its papers were
printed just now or a month ago: builds are reproducible.

Papers are printed ahead of any pack by the worker (``documents.tasks.papers_prerender``,
queued when a paper is saved or published); a pack build prints only what is still missing,
in parallel processes when there are several.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from datetime import timedelta
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from pypdf import PageObject, PdfReader
from pypdf.errors import PdfReadError

from scrutiny.core.tagged_pdf import TaggedWriter

log = logging.getLogger(__name__)

# Bump when the templates or page layout change, so papers printed before are printed again.
LAYOUT_VERSION = 4  # 3: tagged papers; 4: each paper printed alone (reproducible packs)


def print_paper(html: str) -> bytes:
    """One paper as a tagged PDF of its own (what the cache stores)."""
    from weasyprint import HTML  # imported late: heavy, and only the builder needs it
    from weasyprint.urls import URLFetcher

    document = render_to_string(
        "documents/pack/document.html",
        {"title": "", "parts": [{"anchor": "paper", "html": mark_safe(html)}]},  # noqa: S308
    )
    # Papers print offline: inline data only, never a file or network fetch from their HTML.
    rendered = HTML(
        string=document,
        base_url=str(settings.PACKAGE_DIR),
        url_fetcher=URLFetcher(allowed_protocols={"data"}),
    ).render()
    pages = PdfReader(BytesIO(rendered.write_pdf(pdf_tags=True))).pages
    writer = TaggedWriter()  # the paper's tags are kept with it
    for page in pages:
        writer.add_page(page)
    return writer.write(title="")


def _processes() -> int:
    configured = getattr(settings, "SCRUTINY_PACK_PROCESSES", None)
    if configured is not None:
        return max(1, int(configured))
    return max(1, min(os.cpu_count() or 1, 4))


class PaperCache:
    """Printed papers on disk, keyed on their HTML and the pack's layout.

    A rebuild after one paper changes prints only that paper. Files live under MEDIA_ROOT,
    which no URL serves; a withheld paper's cached pages are as private as its upload.
    """

    MAX_AGE = timedelta(days=30)

    def __init__(self, directory: Path | None = None):
        self.directory = directory or Path(settings.MEDIA_ROOT) / "packs" / "papers"
        self._read: dict[str, list[PageObject]] = {}

    def _path(self, html: str) -> Path:
        digest = hashlib.sha256(
            f"{LAYOUT_VERSION}:{_stylesheet_digest()}:{html}".encode()
        ).hexdigest()
        return self.directory / f"{digest}.pdf"

    def has(self, html: str) -> bool:
        return self._path(html).is_file()

    def load(self, html: str) -> list[PageObject] | None:
        if html in self._read:
            return self._read[html]
        path = self._path(html)
        try:
            pages = list(PdfReader(path).pages)
        except (OSError, PdfReadError, ValueError):
            return None
        os.utime(path)  # recently used: kept by prune()
        if pages:
            self._read[html] = pages
        return pages or None

    def store(self, html: str, pdf: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._path(html)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        partial.write_bytes(pdf)
        partial.replace(path)  # atomic: a reader never sees half a file

    def pages(self, html: str) -> list[PageObject]:
        """The paper's pages, printing it first if it is not cached."""
        found = self.load(html)
        if found is None:
            self.store(html, print_paper(html))
            found = self.load(html)
        if found is None:
            raise RuntimeError("a printed paper could not be read back from the cache")
        return found

    def prepare(self, htmls: Iterable[str]) -> int:
        """Print every paper not yet cached (several processes at once where there are
        several papers and cores). Returns how many were printed."""
        missing = list(dict.fromkeys(html for html in htmls if not self.has(html)))
        if not missing:
            return 0
        processes = min(_processes(), len(missing))
        if processes == 1:
            for html in missing:
                self.store(html, print_paper(html))
            return len(missing)
        started = time.perf_counter()
        # Forked children inherit the configured Django; they print and touch no database.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            # Longest first, so the last process to finish is not left with the biggest paper.
            ordered = sorted(missing, key=len, reverse=True)
            for html, pdf in zip(ordered, pool.map(print_paper, ordered), strict=True):
                self.store(html, pdf)
        log.info(
            "printed %s papers in %s processes in %.2f s",
            len(missing), processes, time.perf_counter() - started,
        )  # fmt: skip
        return len(missing)

    def prune(self) -> int:
        if not self.directory.exists():
            return 0
        cutoff = time.time() - self.MAX_AGE.total_seconds()
        removed = 0
        for path in self.directory.glob("*.pdf"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


@lru_cache(maxsize=1)
def _stylesheet_digest() -> str:
    from django.template.loader import get_template

    # The Django backend's template wraps the engine's, which holds the source.
    source = get_template("documents/pack/pack.css").template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:16]
