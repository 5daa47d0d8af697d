"""Tabular imports, for every app: read an uploaded CSV or XLSX file into rows keyed by
normalised column names, check its cells, and refuse the whole file with every problem.

One error type (``CellError``: file, row, column, message; ``ImportRejected`` carries them
all, nothing saved), one collector (``Problems``) and one row checker (``RowChecker``: the
columns a table must and may have, and each cell parsed or a problem recorded).

Row numbers are the spreadsheet's: the header is row 1, the first data row is row 2.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000


@dataclass(frozen=True)
class CellError:
    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, row {self.row}"
        if self.column:
            where += f", column {self.column}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    """Raised with every problem found; nothing was saved."""

    def __init__(self, errors: list[CellError]):
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s); nothing was saved")


@dataclass
class Table:
    file: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


class Problems:
    """Every problem found in one file; ``raise_if_errors`` refuses the file if there is any.

    ``limit`` keeps at most that many (a file wrong on every row need not list them all).
    """

    def __init__(self, file: str, *, limit: int | None = None):
        self.file = file
        self.limit = limit
        self.errors: list[CellError] = []

    def __bool__(self) -> bool:
        return bool(self.errors)

    def error(self, row: int, column: str, message: str) -> None:
        if self.limit is None or len(self.errors) < self.limit:
            self.errors.append(CellError(self.file, row, column, message))

    def require_columns(self, header: Iterable[str], required: Iterable[str], message: str) -> None:
        """A problem on the header row for each required column it lacks."""
        present = set(header)
        for column in required:
            if column not in present:
                self.error(1, column, message)

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ImportRejected(self.errors)


class RowChecker(Problems):
    """Checks a table's columns and parses its cells, collecting every problem.

    The header must hold every required column and nothing outside required and optional;
    a row with more cells than headings is a problem.
    """

    def __init__(self, table: Table, required: Iterable[str], optional: Iterable[str] = ()):
        super().__init__(table.file)
        self.table = table
        required = list(required)
        known = set(required) | set(optional)
        self.require_columns(table.header, required, "required column is missing")
        for column in table.header:
            if column and column not in known:
                self.error(1, column, "unknown column")
        for number, row in table.rows:
            if row.pop("__extra__", None):
                self.error(number, "", "more cells than headings")

    def get(
        self,
        row: int,
        cells: dict[str, str],
        column: str,
        parse: Callable[[str], Any],
        *,
        required: bool = True,
    ) -> Any:
        """The cell parsed (``parse`` raises ValueError with the message), or None."""
        text = cells.get(column, "").strip()
        if not text:
            if required:
                self.error(row, column, "a value is required")
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.error(row, column, str(exc))
            return None


def normalise_header(name: object) -> str:
    return str(name or "").strip().lower().replace(" ", "_").replace("-", "_")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(file_name: str, data: bytes) -> Table:
    """Parse CSV or XLSX by extension; raise ImportRejected on an unreadable file."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRejected(
            [CellError(file_name, 0, "", f"file is larger than {MAX_UPLOAD_BYTES // 1024} KB")]
        )
    lower = file_name.lower()
    if lower.endswith(".xlsx"):
        raw = _read_xlsx(file_name, data)
    elif lower.endswith(".csv"):
        raw = _read_csv(file_name, data)
    else:
        raise ImportRejected(
            [CellError(file_name, 0, "", "only .csv and .xlsx files are accepted")]
        )
    if not raw:
        raise ImportRejected([CellError(file_name, 1, "", "the file is empty")])
    header = [normalise_header(h) for h in raw[0]]
    rows: list[tuple[int, dict[str, str]]] = []
    for number, cells in enumerate(raw[1:], start=2):
        texts = [_cell_text(c) for c in cells]
        if not any(texts):
            continue
        padded = texts + [""] * (len(header) - len(texts))
        rows.append((number, dict(zip(header, padded, strict=False))))
        if len(texts) > len(header) and any(texts[len(header) :]):
            rows[-1][1]["__extra__"] = "1"
    return Table(file_name, header, rows)


def _read_csv(file_name: str, data: bytes) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            [CellError(file_name, 0, "", f"not UTF-8 text (byte {exc.start}); save as CSV UTF-8")]
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _capped(file_name, reader)
    except csv.Error as exc:  # e.g. a field longer than 131,072 characters, a stray quote
        raise ImportRejected(
            [CellError(file_name, reader.line_num, "", f"malformed CSV: {exc}")]
        ) from exc


def _capped(file_name: str, rows) -> list[list[object]]:
    """The rows, read one at a time and refused as soon as there are too many."""
    kept: list[list[object]] = []
    for row in rows:
        kept.append(list(row))
        if len(kept) > MAX_ROWS + 1:
            raise ImportRejected(
                [CellError(file_name, len(kept), "", f"more than {MAX_ROWS} rows")]
            )
    return kept


def _read_xlsx(file_name: str, data: bytes) -> list[list[object]]:
    from django.conf import settings
    from openpyxl import load_workbook

    from scrutiny.core.archives import (
        ArchiveLimits,
        ArchiveRefused,
        ArchiveUnreadable,
        check_archive,
    )

    limit = settings.SCRUTINY_MAX_XLSX_EXPANDED_BYTES
    limits = ArchiveLimits(limit, limit, settings.SCRUTINY_MAX_ARCHIVE_ENTRIES)
    try:
        check_archive(io.BytesIO(data), file_name, limits)
    except ArchiveUnreadable as exc:
        raise ImportRejected(
            [CellError(file_name, 0, "", "not a readable .xlsx workbook")]
        ) from exc
    except ArchiveRefused as exc:
        reason = str(exc).removeprefix(f"{file_name}: ")
        raise ImportRejected(
            [CellError(file_name, 0, "", f"not a readable .xlsx workbook: {reason}")]
        ) from exc
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise ImportRejected(
            [CellError(file_name, 0, "", "not a readable .xlsx workbook")]
        ) from exc
    read: list[list[object]] = []

    def counted(rows):  # type: ignore[no-untyped-def]
        for row in rows:
            read.append([])
            yield row

    try:
        if not workbook.worksheets:
            raise ImportRejected([CellError(file_name, 0, "", "the workbook has no sheet")])
        sheet = workbook.worksheets[0]
        # Read-only sheets trust the <dimension> tag, which can be stale: read every row.
        sheet.reset_dimensions()
        return _capped(file_name, counted(sheet.iter_rows(values_only=True)))
    except ImportRejected:
        raise
    except Exception as exc:  # corrupt sheet XML, impossible cell values
        raise ImportRejected(
            [
                CellError(
                    file_name,
                    len(read) + 1,
                    "",
                    f"the sheet cannot be read from this row on ({type(exc).__name__})",
                )
            ]
        ) from exc
    finally:
        workbook.close()
