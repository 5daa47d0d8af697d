<<<<<<< HEAD
"""Checks on uploaded ZIP-based files (XLSX workbooks, zips of CSV tables) before any of
their members is decompressed, so that a small upload cannot expand into gigabytes."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

# An XLSX holding a year of child-level records is tens of megabytes uncompressed.
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
# Spreadsheet XML compresses well, but not by more than this.
MAX_RATIO = 200


class UnsafeArchive(ValueError):
    """The archive is unreadable or would decompress beyond the limits."""


def check_archive(source: bytes | Path) -> None:
    """Raise UnsafeArchive unless ``source`` is a ZIP within the size limits."""
    handle = io.BytesIO(source) if isinstance(source, bytes) else source
    try:
        with zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise UnsafeArchive(f"not a readable ZIP archive ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeArchive(f"the archive holds more than {MAX_MEMBERS} files")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeArchive(
            f"the archive would expand to {total // (1024 * 1024)} MB "
            f"(the limit is {MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB)"
        )
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsafeArchive(
                f"{member.filename} would expand more than {MAX_RATIO} times "
                "(a decompression bomb?)"
            )
=======
"""Bounds on zipped office files (DOCX, XLSX) checked before anything parses them.

A small file can expand to gigabytes (a zip bomb), and the XML inside is what costs time to
parse. The zip's own directory says how large each part is once expanded, and Python's zip
reader never yields more than that, so checking the directory first bounds the work.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import IO

MB = 1024 * 1024


class ArchiveRefused(ValueError):
    """The file is not a readable zip, or expands beyond the limits; the message says which."""


@dataclass(frozen=True)
class ArchiveLimits:
    total_bytes: int  # every part, expanded
    xml_bytes: int  # the XML parts, expanded (what the parser reads)
    entries: int


def check_archive(source: IO[bytes], name: str, limits: ArchiveLimits) -> None:
    """Raise ArchiveRefused unless the zip's directory is within ``limits``."""
    position = source.tell() if hasattr(source, "tell") else 0
    try:
        with zipfile.ZipFile(source) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ArchiveRefused(f"{name}: the file is damaged or not a real Office document.") from exc
    finally:
        source.seek(position)
    if len(parts) > limits.entries:
        raise ArchiveRefused(
            f"{name}: the file holds {len(parts)} parts; the limit is {limits.entries}."
        )
    total = sum(p.file_size for p in parts)
    xml = sum(p.file_size for p in parts if p.filename.lower().endswith((".xml", ".rels")))
    if total > limits.total_bytes:
        raise ArchiveRefused(
            f"{name}: the file expands to {total / MB:.0f} MB; the limit is "
            f"{limits.total_bytes / MB:.0f} MB."
        )
    if xml > limits.xml_bytes:
        raise ArchiveRefused(
            f"{name}: the file's text expands to {xml / MB:.1f} MB; the limit is "
            f"{limits.xml_bytes / MB:.0f} MB. Split it, or upload it as a PDF."
        )
>>>>>>> main
