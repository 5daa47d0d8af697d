"""PDF fixtures rendered from text with WeasyPrint, one or two columns a page."""

from __future__ import annotations

import html

from weasyprint import HTML

STYLE = (
    "@page { size: A4; margin: 2cm; @bottom-center { content: 'Page ' counter(page); } }"
    "body { font-family: 'Liberation Sans', sans-serif; font-size: 10pt; }"
    "p { margin: 0 0 14pt; }"
)


def text_to_pdf(text: str, *, columns: int = 1) -> bytes:
    """Each paragraph of the text a paragraph of the PDF, its lines kept as printed."""
    paragraphs = "".join(
        "<p>" + "<br>".join(html.escape(line) for line in chunk.split("\n")) + "</p>"
        for chunk in text.split("\n\n")
        if chunk.strip()
    )
    layout = f"main {{ columns: {columns}; column-gap: 1.5cm; }}" if columns > 1 else ""
    page = f"<html><head><style>{STYLE}{layout}</style></head><body><main>{paragraphs}</main></body></html>"
    return HTML(string=page).write_pdf()


def image_only_pdf() -> bytes:
    """A scanned page: a picture and no text layer."""
    svg = (
        "data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg' width='400' "
        "height='200'><rect width='400' height='200' fill='%23ccc'/></svg>"
    )
    return HTML(string=f"<html><body><img src=\"{svg}\" width='400'></body></html>").write_pdf()
