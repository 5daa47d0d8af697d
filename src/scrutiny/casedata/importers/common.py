"""Shared parts of the importers: problems, validation helpers and the atomic store write.

Problem reasons never quote child identifiers, UPNs or dates of birth, so reports and
logs can be shared without disclosing who a child is.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa

from scrutiny.casedata.store import Store, check_child_keys, replace_rows, table_columns

# Fields whose values identify a child: never echoed in a problem reason.
IDENTIFYING_FIELDS = {
    "CHILD",
    "UPN",
    "DOB",
    "MOTHER",
    "MC_DOB",
    "LAchildID",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "FormerUPN",
    "HOME_POST",
    "PL_POST",
    "Child Unique ID",
    "Date of Birth",
    "PersonDeathDate",
}

ETHNICITY = {
    "WBRI",
    "WIRI",
    "WIRT",
    "WOTH",
    "WROM",
    "MWBC",
    "MWBA",
    "MWAS",
    "MOTH",
    "AIND",
    "APKN",
    "ABAN",
    "AOTH",
    "BCRB",
    "BAFR",
    "BOTH",
    "CHNE",
    "OOTH",
    "REFU",
    "NOBT",
}
DISABILITY = {
    "NONE",
    "MOB",
    "HAND",
    "PC",
    "INC",
    "COMM",
    "LD",
    "HEAR",
    "VIS",
    "BEH",
    "CON",
    "AUT",
    "DDA",
}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    field: str
    reason: str

    def as_row(self) -> list[str]:
        return [self.file, "" if self.row is None else str(self.row), self.field, self.reason]


@dataclass
class ParsedImport:
    """What an importer read: rows per table (dicts), the problems, and the files."""

    kind: str
    files: list[tuple[str, str]] = field(default_factory=list)  # (name, sha256)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    rejected: bool = False  # the input could not be read at all; nothing is written
    la: str = ""
    # The latest plausible record date, taken once per import (date.today() costs).
    latest: date = field(default_factory=lambda: latest_date())
    # The file each store table came from, where the input has several (for problems).
    table_files: dict[str, str] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables.setdefault(table, []).append(row)

    def problem(self, file: str, row: int | None, field_: str, reason: str) -> None:
        self.problems.append(Problem(file, row, field_, reason))

    @property
    def fingerprint(self) -> str:
        """One hash for the whole input (all files), used to spot a repeated import."""
        digest = hashlib.sha256(self.kind.encode())
        for name, sha in sorted(self.files):
            digest.update(name.encode() + b"\0" + sha.encode())
        return digest.hexdigest()

    def row_counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.tables.items()}


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def shown(field_name: str, value: object) -> str:
    """The value for a problem reason, withheld for identifying fields."""
    if field_name in IDENTIFYING_FIELDS:
        return "(value withheld)"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


class Checker:
    """Validates one record's fields, recording problems against its file and row."""

    def __init__(self, parsed: ParsedImport, file: str, row: int | None):
        self.parsed = parsed
        self.file = file
        self.row = row
        self.fatal = False

    def report(self, field_name: str, reason: str, *, fatal: bool = False) -> None:
        self.parsed.problem(self.file, self.row, field_name, reason)
        self.fatal = self.fatal or fatal

    def text(self, field_name: str, value: str | None, *, required: bool = False) -> str | None:
        value = (value or "").strip()
        if not value:
            if required:
                self.report(field_name, "is missing; the record was not imported", fatal=True)
            return None
        return value

    def date(
        self,
        field_name: str,
        value: str | None,
        formats: Iterable[str],
        *,
        required: bool = False,
        what: str = "the record",
    ) -> date | None:
        value = (value or "").strip()
        if not value:
            if required:
                self.report(field_name, f"is missing; {what} was not imported", fatal=True)
            return None
        for fmt in formats:
            try:
                parsed_date = _parse_date(value, fmt)
            except ValueError:
                continue
            if EARLIEST_DATE <= parsed_date <= self.parsed.latest:
                return parsed_date
            reason = (
                f"{shown(field_name, value)} is not a plausible date (before "
                f"{EARLIEST_DATE.year} or more than a year from now)"
            )
            if required:
                self.report(field_name, f"{reason}; {what} was not imported", fatal=True)
            else:
                self.report(field_name, f"{reason}; the field was left empty")
            return None
        expected = " or ".join(_FORMAT_NAMES.get(f, f) for f in formats)
        if required:
            self.report(
                field_name,
                f"{shown(field_name, value)} is not a date ({expected}); {what} was not imported",
                fatal=True,
            )
        else:
            self.report(
                field_name,
                f"{shown(field_name, value)} is not a date ({expected}); the field was left empty",
            )
        return None

    def code(
        self,
        field_name: str,
        value: str | None,
        allowed: set[str],
        *,
        required: bool = False,
        what: str = "the record",
    ) -> str | None:
        value = (value or "").strip()
        if not value:
            if required:
                self.report(field_name, f"is missing; {what} was not imported", fatal=True)
            return None
        if value in allowed:
            return value
        if required:
            self.report(
                field_name,
                f"{shown(field_name, value)} is not a valid code; {what} was not imported",
                fatal=True,
            )
        else:
            self.report(
                field_name,
                f"{shown(field_name, value)} is not a valid code; the field was left empty",
            )
        return None

    def boolean(self, field_name: str, value: str | None) -> bool | None:
        value = (value or "").strip().lower()
        if not value:
            return None
        if value in {"true", "1", "yes", "y"}:
            return True
        if value in {"false", "0", "no", "n"}:
            return False
        self.report(
            field_name, f"{shown(field_name, value)} is not true or false; the field was left empty"
        )
        return None

    def integer(self, field_name: str, value: str | None, *, minimum: int = 0) -> int | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            if len(value) > 12:
                raise ValueError(value)
            number = int(float(value)) if value.replace(".", "", 1).isdigit() else int(value)
        except (ValueError, OverflowError):
            self.report(
                field_name,
                f"{shown(field_name, value)} is not a whole number; the field was left empty",
            )
            return None
        if number < minimum:
            self.report(field_name, f"{number} is below {minimum}; the field was left empty")
            return None
        if number > MAX_INTEGER:
            self.report(field_name, f"{number} is too large; the field was left empty")
            return None
        return number

    def order(
        self,
        first_field: str,
        first: dt.date | None,  # dt: `date` in this class is the method above
        second_field: str,
        second: dt.date | None,
        *,
        what: str,
    ) -> bool:
        """False (and a fatal problem) when second is before first."""
        if first and second and second < first:
            self.report(
                second_field, f"is before {first_field}; {what} was not imported", fatal=True
            )
            return False
        return True


# Record dates outside these bounds are keying errors (a birth in 2030, a start in 0001).
EARLIEST_DATE = date(1900, 1, 1)
# The store's INTEGER columns hold at most this.
MAX_INTEGER = 2**31 - 1
# Local authority codes (DfE numbers such as 852, or a local label) are short.
MAX_LA_LENGTH = 20


def latest_date() -> date:
    """The latest plausible record date: a year from today (CIN has expected births)."""
    return date.today() + timedelta(days=366)


_FORMAT_NAMES = {"%d/%m/%Y": "DD/MM/YYYY", "%Y-%m-%d": "YYYY-MM-DD"}


def _parse_date(value: str, fmt: str) -> date:
    """``datetime.strptime(value, fmt).date()``, with the two formats the returns use read
    by slicing when the value has their full width: strptime took 14 us a date, and a
    census has half a million. Anything else (one-digit days, stray text) goes to strptime,
    so what is accepted does not change."""
    if len(value) == 10 and value.isascii():
        if fmt == "%Y-%m-%d" and value[4] == "-" and value[7] == "-":
            year, month, day = value[:4], value[5:7], value[8:]
        elif fmt == "%d/%m/%Y" and value[2] == "/" and value[5] == "/":
            day, month, year = value[:2], value[3:5], value[6:]
        else:
            return datetime.strptime(value, fmt).date()
        if year.isdigit() and month.isdigit() and day.isdigit():
            return date(int(year), int(month), int(day))
    return datetime.strptime(value, fmt).date()


def write_parsed(
    store: Store, parsed: ParsedImport, source: str, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Write every table of an import in one DuckDB transaction (all or nothing)."""
    written: dict[str, int] = {}
    with store.transaction() as con:
        for table, rows in parsed.tables.items():
            if not rows:
                continue
            columns = table_columns(table)
            # One pass per column in comprehensions (C loops over the rows).
            data: dict[str, list[Any]] = {c: [row.get(c) for row in rows] for c in columns}
            data["la"] = [la or parsed.la for la in data["la"]]
            data["source"] = [source] * len(rows)
            if table == "s47_enquiries":
                data["s47_key"] = [r.get("s47_start") or r.get("icpc_date") for r in rows]
            arrow = pa.table({**data, "_ord": list(range(len(rows)))})
            name = f"_import_{table}"
            con.register(name, arrow)
            try:
                # Cast explicitly so empty (all-null) columns get the table's types.
                written[table] = _replace_typed(con, table, name)
            finally:
                con.unregister(name)
            if progress:
                progress(len(rows))
        check_child_keys(con)
    return written


def _replace_typed(con: Any, table: str, name: str) -> int:
    columns = table_columns(table)
    types = dict(
        con.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = ? AND table_schema = 'main'",
            [table],
        ).fetchall()
    )
    select = ", ".join(f"CAST({c} AS {types[c]}) AS {c}" for c in columns)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _typed AS SELECT {select}, _ord FROM {name}")
    try:
        return replace_rows(con, table, "_typed")
    finally:
        con.execute("DROP TABLE IF EXISTS _typed")
