"""Text stamped onto finished PDF pages with pypdf: "Page N" and "not for publication" marks.

Stamps use the standard Helvetica font, so nothing needs embedding and any uploaded PDF can
take them; text is kept to Latin-1 for that reason.
"""

from __future__ import annotations

from pypdf import PageObject
from pypdf.generic import (
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
)

# Helvetica advance widths (per 1000 em) for the characters used in page numbers.
_HELVETICA_WIDTHS = {**{str(d): 556 for d in range(10)}, "P": 667, "a": 556, "g": 556, "e": 556, " ": 278}
FONT_SIZE = 10


def _font_resources() -> DictionaryObject:
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica-Bold"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })
    return DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/FStamp"): font})})


def _escape(text: str) -> str:
    safe = text.encode("latin-1", "replace").decode("latin-1")
    return safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    return sum(_HELVETICA_WIDTHS.get(ch, 600) for ch in text) * size / 1000


def stamp(page: PageObject, *, footer: str = "", header: str = "") -> None:
    """Write a centred footer and/or a boxed header onto the page."""
    page.transfer_rotation_to_content()
    box = page.mediabox
    left, bottom = float(box.left), float(box.bottom)
    width, height = float(box.width), float(box.height)
    ops = []
    if footer:
        x = left + (width - text_width(footer)) / 2
        ops.append(f"BT /FStamp {FONT_SIZE} Tf {x:.2f} {bottom + 18:.2f} Td ({_escape(footer)}) Tj ET")
    if header:
        size = 8
        y = bottom + height - 16
        # White band behind the mark so it stays readable over any content.
        ops.append(f"q 1 1 1 rg {left:.2f} {y - 5:.2f} {width:.2f} 16 re f Q")
        ops.append(f"q 0.7 0 0 rg BT /FStamp {size} Tf {left + 28:.2f} {y:.2f} Td ({_escape(header)}) Tj ET Q")
    if not ops:
        return
    overlay = PageObject.create_blank_page(width=width, height=height)
    overlay.mediabox = page.mediabox
    overlay[NameObject("/Resources")] = _font_resources()
    stream = DecodedStreamObject()
    stream.set_data(("\n".join(ops)).encode("latin-1"))
    overlay[NameObject("/Contents")] = stream
    page.merge_page(overlay)
