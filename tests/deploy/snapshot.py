"""Everything a deployment holds, as digests: every table's rows, every file, every
case-data row. Run in a process with the deployment's environment; prints JSON."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

# Differ between any two databases by nature: when each migration was applied.
SKIPPED_TABLES = {"django_migrations"}


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

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table in SKIPPED_TABLES:
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


if __name__ == "__main__":
    print(json.dumps(snapshot()))
