"""Everything a deployment holds, as digests: every table's rows, every file, every
case-data row. Run in a process with the deployment's environment; prints JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# Differ between any two databases by nature: when each migration was applied.
SKIPPED_TABLES = {"django_migrations"}
# SQLite's full-text index stores its terms in segments whose layout depends on the order the
# rows arrived in; a restore re-inserts them, so the layout differs while the index is the same.
# The index is checked against its rows instead (FTS5's integrity check).
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


def _digest(rows) -> str:
    return hashlib.sha256(
        "\n".join(sorted(repr(tuple(map(str, r))) for r in rows)).encode()
    ).hexdigest()


def snapshot() -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from scrutiny.casedata.store import default_store_path

    # A cache holds nothing that is not rebuilt on demand: it is neither backed up nor compared.
    caches = {
        c["LOCATION"] for c in settings.CACHES.values() if c["BACKEND"].endswith("DatabaseCache")
    }
    tables = {}
    with connection.cursor() as cursor:
        names = sorted(connection.introspection.table_names(cursor))
        full_text = _sqlite_full_text_tables(cursor) if connection.vendor == "sqlite" else []
        shadows = {f + suffix for f in full_text for suffix in FTS_SHADOW_SUFFIXES}
        for table in full_text:
            # Raises if the index does not match the rows it was built from.
            cursor.execute(f'INSERT INTO "{table}"("{table}") VALUES (\'integrity-check\')')  # noqa: S608
            cursor.execute(f'SELECT rowid, * FROM "{table}"')  # noqa: S608
            rows = cursor.fetchall()
            tables[table] = [len(rows), _digest(rows)]
        for table in names:
            if table in SKIPPED_TABLES | caches or table in shadows or table in full_text:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (introspected names)
            rows = cursor.fetchall()
            tables[table] = [len(rows), _digest(rows)]
    media = Path(settings.MEDIA_ROOT)
    files = {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(media.rglob("*"))
        if p.is_file()
    }
    store = {}
    if default_store_path().exists():
        import duckdb

        con = duckdb.connect(str(default_store_path()), read_only=True)
        for (table,) in con.execute("SHOW TABLES").fetchall():
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()  # noqa: S608
            store[table] = [len(rows), _digest(rows)]
        con.close()
    return {"tables": tables, "files": files, "store": store}


def _sqlite_full_text_tables(cursor) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
    )
    return [name for (name,) in cursor.fetchall()]


if __name__ == "__main__":
    print(json.dumps(snapshot()))
