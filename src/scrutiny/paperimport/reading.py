"""The text of an uploaded paper: a PDF's text layer (pypdf) or a text file, never guessed.

Anything else is refused with a message naming the file: an empty file, a PDF with no text
(scanned pages), a spreadsheet or Word file renamed ``.pdf``, a damaged or protected PDF.
Two-column pages are read column by column (see ``split_columns``).
"""

from __future__ import annotations

import io

from django.conf import settings
from django.core.exceptions import ValidationError

PDF = "application/pdf"
TEXT = "text/plain"
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and .doc before 2007


def _refuse(name: str, why: str) -> ValidationError:
    return ValidationError(f"{name}: {why} Nothing was imported.")


def check_file(name: str, data: bytes) -> str:
    """The content type of an acceptable file, from its first bytes: quick, before storing.

    Refuses what can be told at once: an empty or oversized file, an Office file (a
    spreadsheet renamed .pdf), a ".pdf" that is not one, text that is blank or not text.
    """
    limit = settings.SCRUTINY_MAX_UPLOAD_BYTES
    if not data:
        raise _refuse(name, "the file is empty.")
    if len(data) > limit:
        raise _refuse(
            name,
            f"the file is {len(data) / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB.",
        )
    claims_pdf = name.lower().endswith(".pdf")
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith((ZIP, OLE)):
        what = "a spreadsheet or Word document (an Office file)"
        if claims_pdf:
            raise _refuse(name, f"the name ends in .pdf but the file is {what}, not a PDF.")
        raise _refuse(name, f"the file is {what}; import the PDF or its text.")
    if claims_pdf:
        raise _refuse(name, "the name ends in .pdf but the file is not a PDF.")
    if not _decode(name, data).strip():
        raise _refuse(name, "the file has no text.")
    return TEXT


def read_text(name: str, data: bytes) -> tuple[str, str]:
    """(text, content type) of a paper, or ValidationError saying why it cannot be read.

    A long PDF takes seconds to read (the layout is needed to find columns): this is the
    slow step, run where a background task can take it (see ``services.paper_import_read``).
    """
    content_type = check_file(name, data)
    if content_type == PDF:
        return _pdf_text(name, data), PDF
    return _decode(name, data), TEXT


def _decode(name: str, data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise _refuse(name, "the file is not text and not a PDF.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:
            raise _refuse(
                name, "the text is in an encoding Scrutiny cannot read (use UTF-8)."
            ) from error


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _refuse(name, "the PDF is password-protected; import an unprotected copy.")
        pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise _refuse(name, "the PDF is damaged and cannot be read.") from error
    if not pages:
        raise _refuse(name, "the PDF has no pages.")
    if not any(page.strip() for page in pages):
        raise _refuse(
            name,
            "the PDF has no text layer (its pages are images, as from a scanner). Run OCR on "
            "it and import the resulting PDF or text.",
        )
    # Pages run on: a paragraph broken by a page break is one paragraph again.
    return "\n".join(_trim(split_columns(page.split("\n"))) for page in pages)


def _trim(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def split_columns(lines: list[str]) -> list[str]:
    """A page printed in two columns, as the left column then the right one.

    Layout-preserving extraction keeps each column at its own horizontal position. A gutter is
    a run of spaces at the same position on most lines near the middle of the page, with text
    on both sides of it on many lines; one-column pages have none and come back unchanged.
    """
    lines = [line.rstrip() for line in lines]
    text_lines = [line for line in lines if line.strip()]
    width = max((len(line) for line in text_lines), default=0)
    if len(text_lines) < 6 or width < 40:
        return lines
    best = None
    for column in range(int(width * 0.3), int(width * 0.7)):
        all_gap = both = 0
        for line in text_lines:
            window = line[column - 1 : column + 2]
            if len(line) <= column - 1 or not window.strip():
                all_gap += 1
                if line[: column - 1].strip() and line[column + 2 :].strip():
                    both += 1
        if (
            all_gap / len(text_lines) >= 0.95
            and both >= 0.3 * len(text_lines)
            and (best is None or both > best[1])
        ):
            best = (column, both)
    if best is None:
        return lines
    column = best[0]
    left = [line[:column].rstrip() for line in lines]
    right = [line[column:].strip() for line in lines]
    return [*_trim(left).split("\n"), *_trim(right).split("\n")]
