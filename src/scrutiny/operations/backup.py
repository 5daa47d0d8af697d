"""Backups of the three stores, and restoring them onto a fresh machine.

A backup directory holds:
- ``database.xml.gz``: every row of the relational database (Django's serialisation, so it
  restores onto PostgreSQL or SQLite alike), read in one snapshot transaction;
- ``media/``: uploaded papers and built packs and files, as on disk;
- ``casedata.duckdb``: the case-data store, copied while holding its import lock, so no
  import is half-written in it;
- ``manifest.json``: what is in it (rows per table, each file's size and hash, store rows),
  checked again on restore.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from scrutiny.casedata.store import default_store_path, import_lock

FORMAT = 1
DATABASE_FILE = "database.xml.gz"
STORE_FILE = "casedata.duckdb"
# Recreated by `migrate` on the target and referred to by natural key in the dump.
EXCLUDED = ["contenttypes", "auth.permission"]


class BackupError(Exception):
    pass


@dataclass
class Summary:
    tables: int
    rows: int
    files: int
    store_rows: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, dict]:
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): {"bytes": path.stat().st_size, "sha256": _sha256(path)}
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _count(row: tuple | None) -> int:
    """The value of a count(*) result (an aggregate always returns its one row)."""
    if row is None:
        raise BackupError("the case-data store returned no count")
    return int(row[0])


def store_rows(path: Path) -> dict[str, int]:
    if not path.exists():
        return {}
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [row[0] for row in con.execute("SHOW TABLES").fetchall()]
        # Table names come from the store itself.
        count = 'SELECT count(*) FROM "{}"'
        return {t: _count(con.execute(count.format(t)).fetchone()) for t in tables}
    finally:
        con.close()


def _dump_database(target: Path) -> dict[str, int]:
    """Every model's rows, read inside one transaction: a consistent snapshot (PostgreSQL:
    repeatable read; SQLite: one read transaction)."""
    from django.apps import apps

    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        counts = {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models()
            if model._meta.app_label not in ("contenttypes",)
            and model._meta.label != "auth.Permission"
            and not model._meta.proxy
        }
        with gzip.open(target, "wt", encoding="utf-8") as handle:
            call_command(
                "dumpdata",
                exclude=EXCLUDED,
                format="xml",  # keeps microseconds (the JSON encoder rounds to milliseconds)
                natural_foreign=True,
                stdout=handle,
                verbosity=0,
            )
    return counts


def backup_create(directory: Path | str) -> Summary:
    directory = Path(directory)
    if directory.exists() and any(directory.iterdir()):
        raise BackupError(f"{directory}: not empty; give a new directory for each backup.")
    directory.mkdir(parents=True, exist_ok=True)
    counts = _dump_database(directory / DATABASE_FILE)
    media = Path(settings.MEDIA_ROOT)
    if media.exists():
        shutil.copytree(media, directory / "media")
    store = default_store_path()
    with import_lock(store):
        if store.exists():
            shutil.copy2(store, directory / STORE_FILE)
            wal = store.with_name(store.name + ".wal")
            if wal.exists():
                shutil.copy2(wal, directory / (STORE_FILE + ".wal"))
    rows = store_rows(directory / STORE_FILE)
    files = _files(directory / "media")
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connection.vendor,
        "tables": counts,
        "files": files,
        "store_rows": rows,
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    return Summary(len(counts), sum(counts.values()), len(files), sum(rows.values()))


# Rows that `migrate` itself writes on an empty database (content types, permissions and
# the role groups the data migrations create); their presence does not make it "in use".
MIGRATION_SEEDED = frozenset({"contenttypes.ContentType", "auth.Permission", "auth.Group"})


def _database_is_empty() -> bool:
    from django.apps import apps

    return not any(
        model._base_manager.exists()
        for model in apps.get_models()
        if model._meta.label not in MIGRATION_SEEDED
    )


def backup_restore(directory: Path | str) -> Summary:
    """Restore a backup onto an empty database and data directory, then check it."""
    directory = Path(directory)
    manifest_path = directory / "manifest.json"
    if not manifest_path.exists():
        raise BackupError(f"{directory}: no manifest.json; this is not a Scrutiny backup.")
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{directory}: backup format {manifest.get('format')} is not known.")
    for name, entry in manifest["files"].items():
        if _sha256(directory / "media" / name) != entry["sha256"]:
            raise BackupError(f"{directory}/media/{name}: damaged (its hash does not match).")
    call_command("migrate", interactive=False, verbosity=0)
    if not _database_is_empty():
        raise BackupError("The database already holds data: restore onto an empty database.")
    media = Path(settings.MEDIA_ROOT)
    store = default_store_path()
    if (media.exists() and any(media.iterdir())) or store.exists():
        raise BackupError(
            f"{settings.DATA_DIR}: already holds files or a case-data store; "
            "restore onto an empty data directory."
        )
    with transaction.atomic():
        call_command("loaddata", str(directory / DATABASE_FILE), verbosity=0)
    if (directory / "media").exists():
        shutil.copytree(directory / "media", media, dirs_exist_ok=True)
    if (directory / STORE_FILE).exists():
        with import_lock(store):
            shutil.copy2(directory / STORE_FILE, store)
            if (directory / (STORE_FILE + ".wal")).exists():
                shutil.copy2(
                    directory / (STORE_FILE + ".wal"), store.with_name(store.name + ".wal")
                )
    return _check(manifest)


def _check(manifest: dict) -> Summary:
    from django.apps import apps

    wrong = []
    for label, expected in manifest["tables"].items():
        actual = apps.get_model(label)._base_manager.count()
        if actual != expected:
            wrong.append(f"{label}: {actual} rows, the backup has {expected}")
    files = _files(Path(settings.MEDIA_ROOT))
    for name, entry in manifest["files"].items():
        if files.get(name, {}).get("sha256") != entry["sha256"]:
            wrong.append(f"media/{name}: missing or different")
    rows = store_rows(default_store_path())
    if rows != manifest["store_rows"]:
        wrong.append("case-data store: rows differ from the backup")
    if wrong:
        raise BackupError("The restore does not match the backup: " + "; ".join(wrong))
    counts = manifest["tables"]
    return Summary(len(counts), sum(counts.values()), len(files), sum(rows.values()))
