"""The columnar store of child-level records (one DuckDB file in the data directory).

Every table carries ``la`` (the local authority code) and ``source`` (the import run or
generator that wrote the row). Natural keys are used to replace rows on re-import, so
importing the same records twice changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

from scrutiny.core.workingdays import DEFAULT_REGION, bank_holidays

STORE_FILENAME = "casedata.duckdb"
SCHEMA_VERSION = 1

# Columns shared by the records of social work activity that can name a team and worker.
_WORK = [("team", "VARCHAR"), ("worker", "VARCHAR")]

# table -> (columns, natural key). la and source are added to every table.
TABLES: dict[str, tuple[list[tuple[str, str]], tuple[str, ...]]] = {
    "children": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("dob", "DATE"),
            ("sex", "VARCHAR"),
            ("ethnicity", "VARCHAR"),
            ("disability", "VARCHAR"),
            ("upn", "VARCHAR"),
            ("uasc", "BOOLEAN"),
        ],
        ("child",),
    ),
    "contacts": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("contact_date", "DATE NOT NULL"),
            ("contact_source", "VARCHAR"),
            *_WORK,
        ],
        ("child", "contact_date"),
    ),
    "early_help": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("eh_start", "DATE NOT NULL"),
            ("eh_end", "DATE"),
            ("organisation", "VARCHAR"),
            *_WORK,
        ],
        ("child", "eh_start"),
    ),
    "referrals": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("referral_date", "DATE NOT NULL"),
            ("referral_source", "VARCHAR"),
            ("nfa", "BOOLEAN"),
            ("primary_need", "VARCHAR"),
            ("closure_date", "DATE"),
            ("closure_reason", "VARCHAR"),
            *_WORK,
        ],
        ("child", "referral_date"),
    ),
    "assessments": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("referral_date", "DATE"),
            ("assessment_start", "DATE NOT NULL"),
            ("assessment_authorised", "DATE"),
            *_WORK,
        ],
        ("child", "assessment_start"),
    ),
    "strategy_discussions": (
        [("child", "VARCHAR NOT NULL"), ("strategy_date", "DATE NOT NULL"), *_WORK],
        ("child", "strategy_date"),
    ),
    "s47_enquiries": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("referral_date", "DATE"),
            ("strategy_date", "DATE"),
            ("s47_start", "DATE"),
            ("icpc_date", "DATE"),
            ("icpc_not_required", "BOOLEAN"),
            *_WORK,
        ],
        ("child", "s47_key"),
    ),
    "cp_plans": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("cpp_start", "DATE NOT NULL"),
            ("cpp_end", "DATE"),
            ("category", "VARCHAR"),
            ("previous_plans", "INTEGER"),
            *_WORK,
        ],
        ("child", "cpp_start"),
    ),
    "cin_plans": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("cin_start", "DATE NOT NULL"),
            ("cin_end", "DATE"),
            *_WORK,
        ],
        ("child", "cin_start"),
    ),
    "cla_episodes": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("decom", "DATE NOT NULL"),
            ("rne", "VARCHAR"),
            ("ls", "VARCHAR"),
            ("cin", "VARCHAR"),
            ("place", "VARCHAR"),
            ("place_provider", "VARCHAR"),
            ("dec", "DATE"),
            ("rec", "VARCHAR"),
            ("reason_place_change", "VARCHAR"),
        ],
        ("child", "decom"),
    ),
    "reviews": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("review_date", "DATE NOT NULL"),
            ("review_code", "VARCHAR"),
        ],
        ("child", "review_date"),
    ),
    "missing_episodes": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("missing_type", "VARCHAR"),
            ("mis_start", "DATE NOT NULL"),
            ("mis_end", "DATE"),
            ("rhi_status", "VARCHAR"),
            ("rhi_date", "DATE"),
        ],
        ("child", "mis_start"),
    ),
    "visits": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("visit_date", "DATE NOT NULL"),
            ("visit_kind", "VARCHAR"),
            *_WORK,
        ],
        ("child", "visit_date", "visit_kind"),
    ),
    "supervisions": (
        [("child", "VARCHAR NOT NULL"), ("supervision_date", "DATE NOT NULL"), *_WORK],
        ("child", "supervision_date"),
    ),
    "allocations": (
        [
            ("child", "VARCHAR NOT NULL"),
            ("worker", "VARCHAR NOT NULL"),
            ("team", "VARCHAR"),
            ("alloc_start", "DATE NOT NULL"),
            ("alloc_end", "DATE"),
        ],
        ("child", "worker", "alloc_start"),
    ),
    "population": (
        [("year", "INTEGER NOT NULL"), ("population", "INTEGER NOT NULL")],
        ("year",),
    ),
}

# Record tables (every table but the population estimates).
RECORD_TABLES = [name for name in TABLES if name != "population"]


def table_columns(table: str) -> list[str]:
    """Column names of a table in storage order (la first, source last)."""
    columns, _key = TABLES[table]
    names = ["la", *(name for name, _type in columns), "source"]
    if table == "s47_enquiries":
        names.insert(names.index("source"), "s47_key")
    return names


def natural_key(table: str) -> tuple[str, ...]:
    return ("la", *TABLES[table][1])


def data_dir() -> Path:
    """The data directory, read from ``SCRUTINY_DATA_DIR`` each time (default ``./var``)."""
    return Path(os.environ.get("SCRUTINY_DATA_DIR") or "var")


def default_store_path() -> Path:
    return data_dir() / STORE_FILENAME


def _create_sql(table: str) -> str:
    columns, _key = TABLES[table]
    defs = ["la VARCHAR NOT NULL", *(f"{name} {kind}" for name, kind in columns)]
    if table == "s47_enquiries":
        # S47 rows from files that give only a conference date have no start date;
        # the key falls back to the conference date.
        defs.append("s47_key DATE")
    defs.append("source VARCHAR")
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(defs)})"


@dataclass
class Store:
    """An open connection to the case-data store."""

    con: duckdb.DuckDBPyConnection
    path: Path | None

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A DuckDB transaction: everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
            bump_data_version(self.con)
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def counts(self) -> dict[str, int]:
        """Rows per table (for provenance and reports)."""
        union = " UNION ALL ".join(f"SELECT '{t}' AS t, count(*) AS n FROM {t}" for t in TABLES)
        return {t: int(n) for t, n in self.con.execute(union).fetchall()}


def calendar_arrow(first_year: int, last_year: int) -> pa.Table:
    """Working-day calendar: day, working, and wd_index = working days up to and including day.

    Working days in (a, b] are ``wd_index(b) - wd_index(a)``, so the start day is day 0
    (the DfE timeliness convention, same as scrutiny.core.workingdays.working_days_after).
    """
    start = date(first_year, 1, 1)
    days = (date(last_year, 12, 31) - start).days + 1
    day_numbers = np.arange(days, dtype="int64")
    dates = np.datetime64(start.isoformat(), "D") + day_numbers
    weekday = (day_numbers + start.weekday()) % 7
    holidays_ = np.array(
        sorted(bank_holidays(range(first_year, last_year + 1), DEFAULT_REGION)),
        dtype="datetime64[D]",
    )
    working = (weekday < 5) & ~np.isin(dates, holidays_)
    wd_index = np.cumsum(working).astype("int32")
    return pa.table({"day": dates, "working": working, "wd_index": wd_index})


def initialise(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(_create_sql(table))
    con.execute("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        "INSERT OR REPLACE INTO store_meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
    )


def open_store(
    path: str | Path | None = None,
    *,
    read_only: bool = False,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> Store:
    """Open (creating if needed) the store. ``path=":memory:"`` gives a throwaway store."""
    if path == ":memory:":
        con = duckdb.connect(":memory:")
        resolved: Path | None = None
    else:
        resolved = Path(path) if path is not None else default_store_path()
        if not read_only:
            resolved.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(resolved), read_only=read_only)
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if not read_only:
        initialise(con)
    return Store(con=con, path=resolved)


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    """Give the store's records a new version token (every write does, through the
    functions here): what is derived from the records, the engine's cached results
    among them, is keyed on it. A random token, not a counter, so two stores never share
    one."""
    # A connection the generator writes on directly may not have been initialised.
    con.execute("CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(
        "INSERT OR REPLACE INTO store_meta VALUES ('data_version', CAST(uuid() AS VARCHAR))"
    )


def data_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """The version token of the store's records; None if they were written some other way
    (hand-made test stores), when nothing may be cached for them."""
    try:
        rows = con.execute("SELECT value FROM store_meta WHERE key = 'data_version'").fetchall()
    except duckdb.CatalogException:
        return None
    return str(rows[0][0]) if rows else None


def replace_rows(con: duckdb.DuckDBPyConnection, table: str, relation_name: str) -> int:
    """Upsert rows from a registered relation by natural key; returns rows written (one
    per distinct key: a key repeated within the batch is written once).

    Rows whose natural key already exists are replaced, so writing the same rows twice
    leaves the table unchanged.
    """
    columns = table_columns(table)
    key = natural_key(table)
    match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in key)
    con.execute(
        f"DELETE FROM {table} t WHERE EXISTS (SELECT 1 FROM {relation_name} s WHERE {match})"
    )
    select = ", ".join(columns)
    # Keep one row per natural key if the incoming batch repeats a key (last one wins).
    partition = ", ".join(key)
    con.execute(
        f"INSERT INTO {table} ({select}) SELECT {select} FROM ("
        f"SELECT *, row_number() OVER (PARTITION BY {partition} ORDER BY _ord DESC) AS _rn "
        f"FROM {relation_name}) WHERE _rn = 1"
    )
    bump_data_version(con)
    return int(
        con.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT {partition} FROM {relation_name})"
        ).fetchall()[0][0]
    )


def append_arrow(con: duckdb.DuckDBPyConnection, table: str, arrow: pa.Table) -> None:
    """Bulk append (used by the generator, whose keys are unique by construction)."""
    name = f"_append_{table}"
    con.register(name, arrow)
    cols = [c for c in table_columns(table) if c in arrow.column_names]
    select = ", ".join(cols)
    con.execute(f"INSERT INTO {table} ({select}) SELECT {select} FROM {name}")
    con.unregister(name)
    bump_data_version(con)


def day_before(day: date) -> date:
    return day - timedelta(days=1)


class StoreBusy(RuntimeError):
    """Another import (or a backup) is writing the store."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(
            "Another import is running, try again in a few minutes."
            + (f" ({detail})" if detail else "")
        )


def open_store_for_writing(path: str | Path | None = None) -> Store:
    """Open the store to write, or raise StoreBusy when another process holds it."""
    try:
        return open_store(path)
    except duckdb.IOException as exc:  # DuckDB's file lock: held by another process
        if "lock" in str(exc).lower():
            raise StoreBusy("the case-data store is open in another process") from None
        raise


class ChildKeyCollision(RuntimeError):
    """Two children's identifiers hash to the same key (never silently merged)."""


def check_child_keys(con: duckdb.DuckDBPyConnection) -> None:
    """Refuse a write after which two children would share the engine's 64-bit key.

    The engine joins on ``hash(la, child)``. The chance of a clash is about one in 10^12 for
    a city's records and one in a million for 150 authorities together; writes call this
    inside their transaction, so a clash rolls the write back instead of merging children.
    """
    clashes = con.execute(
        "SELECT count(*) FROM (SELECT hash(la, child) AS ck FROM children "
        "GROUP BY ck HAVING count(DISTINCT (la, child)) > 1)"
    ).fetchall()[0][0]
    if clashes:
        raise ChildKeyCollision(
            f"{clashes} pair(s) of children would share a 64-bit key; nothing was written."
        )


@contextmanager
def import_lock(path: str | Path | None = None, *, wait_seconds: float = 900) -> Iterator[None]:
    """Held by every write to the store and by `scrutiny backup` while it copies the store,
    so that a backup never catches an import half-written. A lock file beside the store,
    taken with flock: it is released when the holder exits, however it exits."""
    import fcntl
    import time

    store = Path(path) if path is not None else default_store_path()
    store.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    with open(store.with_name(store.name + ".lock"), "w") as handle:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusy(
                        f"{store.name}: another import or backup has held the store for "
                        f"{wait_seconds:.0f} s"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def authorities(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The local authorities with records or population estimates in the store, sorted."""
    union = " UNION ".join(f"SELECT DISTINCT la FROM {table}" for table in TABLES)
    return [row[0] for row in con.execute(f"SELECT la FROM ({union}) ORDER BY la").fetchall()]
