"""Checks on uploaded files: the declared type must match the bytes, and size is bounded."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

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
