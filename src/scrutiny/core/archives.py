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


class ArchiveUnreadable(ArchiveRefused):
    """Not a zip at all (or a damaged one): the caller may word this its own way."""


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
        raise ArchiveUnreadable(
            f"{name}: the file is damaged or not a real Office document."
        ) from exc
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
