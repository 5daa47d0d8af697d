"""ONS mid-year population estimates of children aged 0-17: CSV with la, year, population.

Accepted headers (any case): ``la`` (or ``la_code``, ``code``), ``year`` (the mid-year of
the estimate) and ``population`` (or ``population_0_17``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from scrutiny.casedata.importers.common import Checker, ParsedImport, file_sha256

ALIASES = {
    "la": "la",
    "la_code": "la",
    "code": "la",
    "year": "year",
    "population": "population",
    "population_0_17": "population",
}


def parse_population(path: Path, la: str | None = None) -> ParsedImport:
    parsed = ParsedImport(kind="population", la=la or "")
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
        parsed.files.append((name, file_sha256(path)))
    except (OSError, UnicodeDecodeError) as exc:
        parsed.problem(
            name, None, "", f"the file cannot be read as UTF-8 text ({exc}); nothing was imported"
        )
        parsed.rejected = True
        return parsed
    try:
        rows = list(csv.reader(text.splitlines()))
    except csv.Error as exc:  # e.g. a field longer than 131,072 characters
        parsed.problem(name, None, "", f"the file is not valid CSV ({exc}); nothing was imported")
        parsed.rejected = True
        return parsed
    if not rows:
        parsed.problem(name, 1, "", "the file is empty; nothing was imported")
        parsed.rejected = True
        return parsed
    header = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in rows[0]]
    needed = ["year", "population"] + ([] if la else ["la"])
    missing = [c for c in needed if c not in header]
    if missing:
        for column in missing:
            parsed.problem(name, 1, column, "the column is missing; nothing was imported")
        parsed.rejected = True
        return parsed
    las = set()
    for line, values in enumerate(rows[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            parsed.problem(
                name,
                line,
                "",
                f"the row has {len(values)} fields where the header has {len(header)}; row skipped",
            )
            continue
        row = dict(zip(header, values, strict=True))
        chk = Checker(parsed, name, line)
        code = la or chk.text("la", row.get("la"), required=True)
        year = chk.integer("year", row["year"], minimum=1900)
        population = chk.integer("population", row["population"], minimum=1)
        if chk.fatal or code is None or year is None or population is None:
            if not chk.fatal:
                chk.report(
                    "year" if year is None else "population", "is needed; the row was not imported"
                )
            continue
        las.add(code)
        parsed.add("population", {"la": code, "year": year, "population": population})
    if len(las) > 1 and not la:
        # Rows for several LAs: write each row under its own LA.
        parsed.la = "*"
    elif las:
        parsed.la = next(iter(las))
    return parsed
