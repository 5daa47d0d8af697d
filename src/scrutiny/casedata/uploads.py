"""Unpacking analysts' uploads (the zipped SSDA903 return) safely."""

from __future__ import annotations

import zipfile
from pathlib import Path

from scrutiny.core.archives import MB, ArchiveLimits, ArchiveRefused, check_archive

# A zipped SSDA903 return: a dozen CSV tables, a city's a few tens of megabytes.
SSDA903_LIMITS = ArchiveLimits(total_bytes=256 * MB, xml_bytes=256 * MB, entries=1000)


class UploadUnreadable(ValueError):
    """The upload cannot be unpacked; the message says why (no child data in it)."""


def unpack_ssda903(archive: Path, target: Path) -> Path:
    """The CSV tables of a zipped SSDA903 return, flattened into ``target``."""
    try:
        with archive.open("rb") as source:
            check_archive(source, archive.name, SSDA903_LIMITS)
    except ArchiveRefused as exc:
        raise UploadUnreadable(str(exc).rstrip(".")) from None
    target.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.infolist():
            if member.is_dir():
                continue
            # Only the file name counts: no member is written outside the target folder.
            name = Path(member.filename.replace("\\", "/")).name.lower()
            if not name.endswith(".csv") or name.startswith("."):
                continue
            if name in seen:
                raise UploadUnreadable(f"{archive.name}: holds two files called {name}")
            seen.add(name)
            try:
                (target / name).write_bytes(bundle.read(member))
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise UploadUnreadable(f"{archive.name}: {name} cannot be read ({exc})") from None
    if not seen:
        raise UploadUnreadable(f"{archive.name}: holds no CSV tables")
    return target
