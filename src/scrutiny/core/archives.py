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
