"""Mapping files: which columns of a published file hold which measure (one file per release).

A mapping is TOML::

    [release]
    code = "ks2-2024"                     # re-importing the same code replaces its values
    title = "Key stage 2 attainment: 2023/24"
    source = "Department for Education, open data"
    notes = "Revised figures."               # optional: printed with the figures
    topic = "education"
    layout = "dfe"                        # "dfe" (explore-education-statistics) or "council"
    provisional = false
    time_identifiers = ["Academic year"]  # rows of other identifiers are refused
    levels = ["National", "Regional", "Local authority"]  # other levels are skipped

    [rows]                                # keep only rows whose filter columns hold these
    breakdown = "Total"

    [[measures]]
    measure = "ks2-rwm-expected"          # a Measure code
    value = "pt_rwm_met_expected_standard"
    numerator = "t_rwm_met_expected_standard"   # optional: pupils counted
    cohort = "t_rwm_eligible_pupils"            # optional: pupils in the cohort
    rank = "computed"                     # optional: rank among the file's authorities
    rows = { characteristic = "Total" }   # optional: filters for this measure only

Column names are compared as the reader normalises them (lower case, "_" for spaces).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from typing import Any

from scrutiny.core.tabular import CellError, ImportRejected, normalise_header

LAYOUTS = ("dfe", "council")
MAX_MAPPING_BYTES = 64 * 1024
DEFAULT_LEVELS = ("National", "Regional", "Local authority")
TIME_IDENTIFIERS = (
    "Academic year",
    "Autumn term",
    "Autumn and spring term",
    "Spring term",
    "Summer term",
    "Financial year",
    "Calendar year",
)


@dataclass(frozen=True)
class MeasureColumns:
    measure: str
    value: str
    numerator: str = ""
    cohort: str = ""
    rank: str = ""  # "" (none), "computed", or the column holding a published rank (1 = best)
    rows: dict[str, str] = field(default_factory=dict)

    @property
    def columns(self) -> list[str]:
        named = [self.value, self.numerator, self.cohort, *self.rows]
        if self.rank and self.rank != "computed":
            named.append(self.rank)
        return [c for c in named if c]


@dataclass(frozen=True)
class Mapping:
    file: str
    code: str
    title: str
    topic: str
    layout: str
    source: str = ""
    notes: str = ""
    provisional: bool = False
    time_identifiers: tuple[str, ...] = ("Academic year",)
    levels: tuple[str, ...] = DEFAULT_LEVELS
    rows: dict[str, str] = field(default_factory=dict)
    measures: tuple[MeasureColumns, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "code": self.code,
            "layout": self.layout,
            "time_identifiers": list(self.time_identifiers),
            "levels": list(self.levels),
            "rows": self.rows,
            "measures": [m.__dict__ for m in self.measures],
        }


def _text(table: dict, key: str, errors: list[str], where: str, required: bool = True) -> str:
    value = table.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        errors.append(
            f"{where}{key}: give it as text" + ("" if value == "" else f", not {value!r}")
        )
        return ""
    return value.strip()


def _filters(value: Any, errors: list[str], where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        errors.append(f'{where}rows: give column = "value" pairs')
        return {}
    return {normalise_header(k): v.strip() for k, v in value.items()}


def parse_mapping(file_name: str, data: bytes, known_measures: set[str]) -> Mapping:
    """Read and check a mapping file; raise ImportRejected naming the file and the key."""

    def rejected(messages: list[str]) -> ImportRejected:
        return ImportRejected([CellError(file_name, 0, "", m) for m in messages])

    if len(data) > MAX_MAPPING_BYTES:
        raise rejected([f"a mapping file is at most {MAX_MAPPING_BYTES // 1024} KB"])
    try:
        document = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise rejected(["not UTF-8 text"]) from None
    except tomllib.TOMLDecodeError as exc:
        raise rejected([f"not a valid TOML mapping: {exc}"]) from None
    errors: list[str] = []
    release = document.get("release")
    if not isinstance(release, dict):
        raise rejected(["the [release] table is missing"])
    code = _text(release, "code", errors, "release.")
    title = _text(release, "title", errors, "release.")
    topic = _text(release, "topic", errors, "release.")
    layout = _text(release, "layout", errors, "release.")
    if layout and layout not in LAYOUTS:
        errors.append(f"release.layout: {layout!r} is not one of {', '.join(LAYOUTS)}")
    identifiers = release.get("time_identifiers", ["Academic year"])
    if not isinstance(identifiers, list) or not all(i in TIME_IDENTIFIERS for i in identifiers):
        errors.append(f"release.time_identifiers: use some of {', '.join(TIME_IDENTIFIERS)}")
        identifiers = []
    levels = release.get("levels", list(DEFAULT_LEVELS))
    if not isinstance(levels, list) or not all(isinstance(level, str) for level in levels):
        errors.append("release.levels: give a list of geographic levels")
        levels = []
    measures = []
    raw_measures = document.get("measures")
    if not isinstance(raw_measures, list) or not raw_measures:
        errors.append("no [[measures]] are mapped")
        raw_measures = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_measures, start=1):
        where = f"measures[{index}]."
        if not isinstance(raw, dict):
            errors.append(f"{where} is not a table")
            continue
        measure = _text(raw, "measure", errors, where)
        if measure and measure not in known_measures:
            errors.append(f"{where}measure: {measure!r} is not a known measure")
        if measure in seen:
            errors.append(f"{where}measure: {measure!r} is mapped twice")
        seen.add(measure)
        columns = {
            key: normalise_header(_text(raw, key, errors, where, required=key == "value"))
            for key in ("value", "numerator", "cohort")
        }
        rank = _text(raw, "rank", errors, where, required=False)
        measures.append(
            MeasureColumns(
                measure=measure,
                rank=rank if rank == "computed" else normalise_header(rank),
                rows=_filters(raw.get("rows"), errors, where),
                **columns,
            )
        )
    rows = _filters(document.get("rows"), errors, "")
    if errors:
        raise rejected(errors)
    return Mapping(
        file=file_name,
        code=code,
        title=title,
        topic=topic,
        layout=layout,
        source=str(release.get("source", "")).strip(),
        notes=str(release.get("notes", "")).strip(),
        provisional=bool(release.get("provisional", False)),
        time_identifiers=tuple(identifiers),
        levels=tuple(levels),
        rows=rows,
        measures=tuple(measures),
    )
