"""Text stamped onto finished PDF pages with pypdf: "Page N" and "not for publication" marks.

Stamps use the standard Helvetica font, so nothing needs embedding and any uploaded PDF can
take them; text is kept to Latin-1 for that reason.
"""

from __future__ import annotations

from typing import cast

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

# Helvetica advance widths (per 1000 em) for the characters used in page numbers.
_HELVETICA_WIDTHS = {
    **{str(d): 556 for d in range(10)},
    "P": 667,
    "a": 556,
    "g": 556,
    "e": 556,
    " ": 278,
}
FONT_SIZE = 10


def _font() -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )


def _escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(_HELVETICA_WIDTHS.get(ch, 600) for ch in text) * size / 1000


def stamp(writer: PdfWriter, page: PageObject, *, footer: str = "", header: str = "") -> None:
    """Write a centred footer and/or a header band onto a page already added to ``writer``.

    The page's own content is wrapped in q/Q and the stamp appended as a new content stream,
    so nothing is parsed or rewritten (merging pages would re-parse every content stream).
    """
    if page.rotation % 360:
        page.transfer_rotation_to_content()
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    ops = []
    if header:
        size = 8
        y = bottom + height - 16
        # A white band behind the mark keeps it readable over any content.
        ops.append(f"1 1 1 rg {left:.2f} {y - 5:.2f} {width:.2f} 16 re f")
        ops.append(
            f"BT /FStamp {size} Tf 0.7 0 0 rg {left + 28:.2f} {y:.2f} Td ({_escape(header)}) Tj ET"
        )
    if footer:  # last, so text extraction ends with the page number
        x = left + (width - text_width(footer)) / 2
        ops.append(
            f"BT /FStamp {FONT_SIZE} Tf 0 0 0 rg {x:.2f} {bottom + 18:.2f} Td ({_escape(footer)}) Tj ET"
        )
    if not ops:
        return
    _add_font(writer, page)
    before = DecodedStreamObject()
    before.set_data(b"q\n")
    after = DecodedStreamObject()
    # Marked as an artifact: page furniture, not part of the tagged document.
    after.set_data(("Q\nq\n/Artifact BMC\n" + "\n".join(ops) + "\nEMC\nQ\n").encode("latin-1"))
    contents = page.get("/Contents")
    existing = contents.get_object() if contents is not None else None
    if existing is None:
        parts = []
    elif isinstance(existing, ArrayObject):
        parts = list(existing)
    else:
        parts = [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [writer._add_object(before), *parts, writer._add_object(after)]
    )


def _add_font(writer: PdfWriter, page: PageObject) -> None:
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    if resources is None:
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    fonts = resources.get("/Font")
    if fonts is None:
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts = cast(DictionaryObject, fonts.get_object())
    if "/FStamp" not in fonts:
        fonts[NameObject("/FStamp")] = writer._add_object(_font())
