"""Import the Youth Justice Board's published tables (CSV or XLSX): all rows, or none.

The layout is the YJB's long format, one row per measure, area and period:

    measure, period, period_end, area_type, area, numerator, denominator, value

``measure`` is a code or the published name ("First time entrants", "Custody rate",
"Binary reoffending rate", "Frequency rate", ...); ``area_type`` one of YJS, YJS family,
Region, England and Wales (or National); ``value`` the published rate or a symbol (":" not
available, "c" suppressed, "z" not applicable, "x" as ":"). Header names are matched without
case, spaces or punctuation ("Time period" for period, "YJS" or "Area name" for area,
"Rate" for value). Importing a period again replaces that period's figures.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from scrutiny.core.actors import Actor, actor_label, require_editor
from scrutiny.core.audit import audit_record
from scrutiny.core.tabular import Problems, read_table
from scrutiny.youthjustice.models import AreaType, Measure, Release, Value

ALIASES = {
    "measure": ("measure", "indicator", "measure_name"),
    "period": ("period", "time_period", "cohort_period"),
    "period_end": ("period_end", "end_date", "period_end_date"),
    "area_type": ("area_type", "geography_type", "geographic_level", "comparator"),
    "area": ("area", "area_name", "yjs", "yot", "geography"),
    "numerator": ("numerator", "number", "count"),
    "denominator": ("denominator", "population", "cohort"),
    "value": ("value", "rate"),
}
REQUIRED = ("measure", "period", "period_end", "area_type", "area", "value")
MEASURE_NAMES = {
    **{m.value: m for m in Measure},
    **{re.sub(r"[^a-z0-9]", "", m.label.lower()): m for m in Measure},
    "firsttimeentrants": Measure.FTE_RATE,
    "fte": Measure.FTE_RATE,
    "custodyrate": Measure.CUSTODY_RATE,
    "custody": Measure.CUSTODY_RATE,
    "binaryreoffendingrate": Measure.REOFFENDING_RATE,
    "reoffendingrate": Measure.REOFFENDING_RATE,
    "frequencyrate": Measure.REOFFENDING_FREQUENCY,
    "reoffendingfrequency": Measure.REOFFENDING_FREQUENCY,
    "remands": Measure.REMANDS,
    "custodialsentences": Measure.CUSTODIAL_SENTENCES,
    "returnhomeinterviews": Measure.RHI_COMPLETED,
}
AREA_TYPES = {
    "yjs": AreaType.SERVICE,
    "yot": AreaType.SERVICE,
    "youthjusticeservice": AreaType.SERVICE,
    "yjsfamily": AreaType.FAMILY,
    "family": AreaType.FAMILY,
    "yjsfamilyaverage": AreaType.FAMILY,
    "region": AreaType.REGION,
    "regional": AreaType.REGION,
    "englandandwales": AreaType.NATIONAL,
    "national": AreaType.NATIONAL,
    "england": AreaType.NATIONAL,
}
SYMBOLS = {":": ":", "x": ":", "c": "c", "z": "z", "..": ":"}
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def _columns(header: list[str]) -> dict[str, str]:
    found = {}
    for name, aliases in ALIASES.items():
        for column in header:
            if column in aliases:
                found[name] = column
                break
    return found


def _date(text: str) -> date:
    if match := UK_DATE.match(text):
        return date(int(match[3]), int(match[2]), int(match[1]))
    return date.fromisoformat(text)


def _count(text: str) -> int | None:
    if not text:
        return None
    number = int(text.replace(",", ""))
    if number < 0:
        raise ValueError
    return number


def _row(number: int, row: dict[str, str], cols: dict[str, str], problems: Problems):
    def cell(name: str) -> str:
        return (row.get(cols[name], "") if name in cols else "").strip()

    def problem(name: str, message: str) -> None:
        problems.error(number, cols.get(name, name), message)

    measure = MEASURE_NAMES.get(_key(cell("measure")))
    if measure is None:
        problem("measure", "is not a youth justice measure Scrutiny knows")
    area_type = AREA_TYPES.get(_key(cell("area_type")))
    if area_type is None:
        problem("area_type", "is not YJS, YJS family, Region or England and Wales")
    try:
        period_end = _date(cell("period_end"))
    except ValueError:
        period_end = None
        problem("period_end", "is not a date (use DD/MM/YYYY)")
    for name in ("period", "area"):
        if not cell(name):
            problem(name, "is empty")
    raw = cell("value")
    value, symbol = None, SYMBOLS.get(raw.lower(), "")
    if not symbol:
        try:
            value = Decimal(raw.replace(",", "").rstrip("%"))
        except InvalidOperation:
            problem("value", 'is not a number or a symbol (":", "c", "z")')
    counts: dict[str, int | None] = {}
    for name in ("numerator", "denominator"):
        try:
            counts[name] = _count(cell(name).replace(",", ""))
        except ValueError:
            counts[name] = None
            problem(name, "is not a whole number")
    return dict(
        measure=measure,
        period=cell("period")[:60],
        period_end=period_end,
        area_type=area_type,
        area=cell("area")[:120],
        value=value,
        symbol=symbol,
        **counts,
    )


@transaction.atomic
def youth_justice_import(*, actor: Actor, file_name: str, data: bytes, source: str = "") -> Release:
    require_editor(actor, refusal="Only officers import youth justice figures.")
    table = read_table(file_name, data)
    cols = _columns(table.header)
    problems = Problems(file_name)
    problems.require_columns(cols, REQUIRED, "column is missing from the header")
    problems.raise_if_errors()
    rows = [_row(n, row, cols, problems) for n, row in table.rows]
    seen: set[tuple] = set()
    for (n, _), r in zip(table.rows, rows, strict=True):
        key = (r["measure"], r["period_end"], r["area_type"], r["area"])
        if key in seen:
            problems.error(n, "", "repeats an earlier row's measure, area and period")
        seen.add(key)
    if not rows:
        problems.error(2, "", "the file has no figures")
    problems.raise_if_errors()
    release = Release.objects.create(
        file_name=file_name[:200],
        source=source[:300],
        imported_by=actor_label(actor),
        rows=len(rows),
    )
    for r in rows:
        Value.objects.update_or_create(
            measure=r["measure"],
            period_end=r["period_end"],
            area_type=r["area_type"],
            area=r["area"],
            defaults={**r, "release": release},
        )
    audit_record(
        actor=actor,
        action="youthjustice.youth_justice_import",
        target=release,
        data={"file": release.file_name, "rows": len(rows)},
    )
    return release
