"""Checks on uploaded files: the declared type must match the bytes, and size is bounded."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from scrutiny.core.archives import (
    ArchiveLimits,
    ArchiveRefused,
    ArchiveUnreadable,
    check_archive,
)

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ACCEPTED = {".pdf": PDF, ".docx": DOCX}


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return DOCX  # a zip container; docx structure is checked when converted
    return None


def check_upload(uploaded) -> str:
    """Return the content type of an acceptable upload or raise ValidationError."""
    name = getattr(uploaded, "name", "upload")
    limit = settings.SCRUTINY_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            f"{name}: the file is {uploaded.size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB."
        )
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix not in ACCEPTED:
        raise ValidationError(f"{name}: only PDF and Word (.docx) files can be uploaded.")
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    sniffed = sniff_content_type(head)
    if sniffed != ACCEPTED[suffix]:
        raise ValidationError(f"{name}: the file's content is not a {suffix[1:].upper()} document.")
    return sniffed


def docx_limits() -> ArchiveLimits:
    return ArchiveLimits(
        total_bytes=settings.SCRUTINY_MAX_DOCX_EXPANDED_BYTES,
        xml_bytes=settings.SCRUTINY_MAX_DOCX_TEXT_BYTES,
        entries=settings.SCRUTINY_MAX_ARCHIVE_ENTRIES,
    )


def check_docx_bounds(uploaded) -> None:
    """Refuse a Word document that expands beyond the limits, before it is parsed."""
    name = getattr(uploaded, "name", "upload")
    uploaded.seek(0)
    try:
        check_archive(uploaded, name, docx_limits())
    except ArchiveUnreadable as exc:
        raise ValidationError(
            f"{name}: the Word document cannot be read; save it again as .docx."
        ) from exc
    except ArchiveRefused as exc:
        raise ValidationError(str(exc)) from exc
    finally:
        uploaded.seek(0)


def check_pdf_readable(uploaded) -> int:
    """The number of pages of an uploaded PDF, or a clear error if it cannot be merged.

    Used where a file must be mergeable now (the benchmarks, hook authors); uploads use
    ``refuse_protected_pdf`` so a damaged but genuine PDF is still kept, and the pack prints
    a notice page in its place (see pack.py).
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = getattr(uploaded, "name", "upload")
    uploaded.seek(0)
    try:
        reader = PdfReader(uploaded)
        if reader.is_encrypted:
            raise ValidationError(
                f"{name}: the PDF is password-protected; upload an unprotected copy."
            )
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(f"{name}: the PDF is damaged and cannot be read.") from exc
    finally:
        uploaded.seek(0)
    if pages == 0:
        raise ValidationError(f"{name}: the PDF has no pages.")
    return pages


def docx_to_html(uploaded) -> str:
    """The Word document as (unsanitised) HTML, or a clear error if it is not a real .docx."""
    import zipfile

    import mammoth

    name = getattr(uploaded, "name", "upload")
    uploaded.seek(0)
    check_docx_bounds(uploaded)
    try:
        result = mammoth.convert_to_html(uploaded)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(
            f"{name}: the Word document cannot be read; save it again as .docx."
        ) from exc
    finally:
        uploaded.seek(0)
    if not result.value.strip():
        raise ValidationError(f"{name}: the Word document has no text.")
    return result.value


def refuse_protected_pdf(uploaded) -> None:
    """Refuse a password-protected PDF: it could never be merged into an agenda pack."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = getattr(uploaded, "name", "upload")
    uploaded.seek(0)
    try:
        encrypted = PdfReader(uploaded).is_encrypted
    except (PdfReadError, ValueError, KeyError, TypeError):
        encrypted = False  # damaged: kept, and replaced by a notice page in the pack
    finally:
        uploaded.seek(0)
    if encrypted:
        raise ValidationError(f"{name}: the PDF is password-protected; upload an unprotected copy.")
