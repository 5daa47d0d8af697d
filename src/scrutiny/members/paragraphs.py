"""The parts of a paper a member can annotate: the paragraphs of an HTML paper (a written
report as printed, or a page of sanitised HTML) and the pages of a PDF.

Each part has a fingerprint of its normalised text, so a note made on one version of a paper
is shown against a later version wherever the same text is still there.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.template.loader import render_to_string

from scrutiny.documents.models import Document
from scrutiny.documents.reports import report_context

BLOCKS = frozenset({"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "dd", "dt"})
PARAGRAPH, PAGE = "paragraph", "page"


@dataclass(frozen=True)
class Part:
    kind: str  # PARAGRAPH or PAGE
    position: int  # paragraph index from 1, or page number
    text: str

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.text)

    @property
    def anchor(self) -> str:
        return f"{'p' if self.kind == PARAGRAPH else 'page'}{self.position}"


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).lower().encode()).hexdigest()


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.current: list[str] = []
        self.blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self._flush()
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self._flush()
            self.depth = max(0, self.depth - 1)

    def handle_data(self, data):
        if self.depth:
            self.current.append(data)

    def _flush(self) -> None:
        text = normalise("".join(self.current))
        if text:
            self.blocks.append(text)
        self.current = []


def paper_html(document: Document) -> str:
    """The paper's HTML as its page prints it (a written report from its fields)."""
    report = getattr(document, "report", None) if document.kind == Document.Kind.REPORT else None
    if report is not None:
        return render_to_string(
            "documents/_document_body.html",
            {"document": document, "report_context": report_context(report)},
        )
    return document.body_html


def paper_parts(document: Document) -> list[Part]:
    """Paragraphs of an HTML paper, or pages of a PDF one (in order)."""
    if document.is_pdf:
        from pypdf import PdfReader

        with document.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
            return [
                Part(PAGE, n, normalise(page.extract_text() or ""))
                for n, page in enumerate(reader.pages, start=1)
            ]
    parser = _Blocks()
    parser.feed(paper_html(document))
    parser.close()
    return [Part(PARAGRAPH, n, text) for n, text in enumerate(parser.blocks, start=1)]
