"""Every write to the performance report: atomic, validated and audited."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.dates import month_end

from . import parsing
from .engine_catalogue import engine_definition
from .models import (
    Benchmark,
    Commentary,
    ImportBatch,
    Indicator,
    MonthlyValue,
    Polarity,
    Section,
    StatisticalNeighbourGroup,
    Target,
    TeamBreakdown,
    Unit,
    ValueSource,
)
from .rules import decimals_of
from .tabular import CellError, ImportRejected, Table, read_table

# Targets loaded without a start date apply to every month.
TARGET_ALWAYS = date(2000, 1, 1)


def _audit(*, actor: Actor, action: str, target: Any, details: dict[str, Any]) -> None:
    """Single call site for the audit trail; batch-level writes are logged against a batch."""
    if target is None:
        target = ImportBatch.objects.create(
            kind=action.removeprefix("performance."),
            file_name=str(details.get("file", ""))[:255],
            created=int(details.get("created", details.get("stored", details.get("rows", 0)))),
            updated=int(details.get("updated", 0)),
        )
    audit_record(actor=actor, action=action, target=target, data=details)


@dataclass(frozen=True)
class ImportSummary:
    file: str
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


class _RowChecker:
    """Collects every error of a table, naming file, row and column."""

    def __init__(self, table: Table, required: Iterable[str], optional: Iterable[str] = ()):
        self.table = table
        self.errors: list[CellError] = []
        required = list(required)
        known = set(required) | set(optional)
        for column in required:
            if column not in table.header:
                self.errors.append(CellError(table.file, 1, column, "required column is missing"))
        for column in table.header:
            if column and column not in known:
                self.errors.append(CellError(table.file, 1, column, "unknown column"))
        for number, row in table.rows:
            if row.pop("__extra__", None):
                self.errors.append(CellError(table.file, number, "", "more cells than headings"))

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(CellError(self.table.file, row, column, message))

    def get(
        self,
        row: int,
        cells: dict[str, str],
        column: str,
        parse: Callable[[str], Any],
        *,
        required: bool = True,
    ) -> Any:
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

    def raise_if_errors(self) -> None:
        if self.errors:
            raise ImportRejected(self.errors)


def _indicator_lookup(
    checker: _RowChecker, row: int, code: str | None, indicators: dict[str, Indicator]
) -> Indicator | None:
    if code is None:
        return None
    indicator = indicators.get(code)
    if indicator is None:
        checker.error(row, "indicator_code", f"no indicator has the code '{code}'")
    return indicator


def _written_decimals(text: str) -> int:
    return decimals_of(text.strip().rstrip("%").replace(",", ""))


def _check_value(indicator: Indicator, value: Decimal) -> str | None:
    if value < 0:
        return "values cannot be negative"
    if indicator.unit == Unit.COUNT and value != value.to_integral_value():
        return "a count must be a whole number"
    return None


MONTHLY_COLUMNS = ["indicator_code", "month", "value"]
MONTHLY_OPTIONAL = ["as_at", "numerator", "denominator"]


COUNTS_NEEDED = (
    "a percentage needs its numerator and denominator, unless the catalogue links the "
    "indicator to its count (numerator_code or denominator_code), so that small numbers "
    "can be suppressed"
)


def counts_missing(indicator: Indicator, numerator: int | None, denominator: int | None) -> bool:
    """Whether a percentage comes without the counts that suppression checks."""
    linked = indicator.numerator_indicator_id or indicator.denominator_indicator_id
    if indicator.unit != Unit.PERCENTAGE or linked:
        return False
    return numerator is None or denominator is None


@transaction.atomic
def monthly_values_import(
    *, file_name: str, data: bytes, actor: Actor, published_without_counts: bool = False
) -> ImportSummary:
    """Load monthly values; any error rejects the whole file.

    A percentage needs its numerator and denominator (or a link to its count indicator).
    ``published_without_counts`` is for figures copied from a report the council has
    already published without them (the demo's seed report): they are kept, marked so.
    """
    require_officer(actor)
    table = read_table(file_name, data)
    checker = _RowChecker(table, MONTHLY_COLUMNS, MONTHLY_OPTIONAL)
    indicators = {i.code: i for i in Indicator.objects.all()}
    parsed: dict[tuple[int, date], dict[str, Any]] = {}
    for number, cells in table.rows:
        indicator = _indicator_lookup(
            checker, number, checker.get(number, cells, "indicator_code", str), indicators
        )
        month = checker.get(number, cells, "month", parsing.parse_month)
        value = checker.get(number, cells, "value", parsing.parse_decimal)
        as_at = checker.get(number, cells, "as_at", parsing.parse_date, required=False)
        numerator = checker.get(number, cells, "numerator", parsing.parse_count, required=False)
        denominator = checker.get(number, cells, "denominator", parsing.parse_count, required=False)
        if indicator is not None and indicator.value_source == ValueSource.ENGINE:
            checker.error(
                number,
                "indicator_code",
                f"'{indicator.code}' takes its values from child-level records",
            )
            continue
        problem = _check_value(indicator, value) if indicator and value is not None else None
        if problem:
            checker.error(number, "value", problem)
        if numerator is not None and denominator is not None and numerator > denominator:
            checker.error(number, "numerator", "is larger than the denominator")
        unchecked = indicator is not None and counts_missing(indicator, numerator, denominator)
        if unchecked and not published_without_counts:
            checker.error(
                number, "numerator" if numerator is None else "denominator", COUNTS_NEEDED
            )
        if month is not None and as_at is not None and as_at < month.replace(day=1):
            checker.error(number, "as_at", "is before the month it describes")
        if indicator is None or month is None or value is None:
            continue
        key = (indicator.pk, month)
        if key in parsed:
            first = parsed[key]["row"]
            checker.error(
                number, "month", f"{indicator.code} {month:%Y-%m} already given in row {first}"
            )
            continue
        parsed[key] = {
            "row": number,
            "value": value,
            "decimals": _written_decimals(cells["value"]),
            "as_at": as_at or month,
            "numerator": numerator,
            "denominator": denominator,
            "unchecked": unchecked,
        }
    checker.raise_if_errors()
    existing = {
        (v.indicator_id, v.month): v
        for v in MonthlyValue.objects.filter(
            indicator_id__in={k[0] for k in parsed}, month__in={k[1] for k in parsed}
        )
    }
    to_create, to_update = [], []
    for (indicator_id, month), item in parsed.items():
        fields = {
            "value": item["value"],
            "decimals": item["decimals"],
            "as_at": item["as_at"],
            "numerator": item["numerator"],
            "denominator": item["denominator"],
            "source": ValueSource.IMPORTED,
            "provenance": {"file": file_name, "row": item["row"]}
            | ({"counts": "not published"} if item["unchecked"] else {}),
        }
        current = existing.get((indicator_id, month))
        if current is None:
            to_create.append(MonthlyValue(indicator_id=indicator_id, month=month, **fields))
        else:
            for name, val in fields.items():
                setattr(current, name, val)
            to_update.append(current)
    MonthlyValue.objects.bulk_create(to_create)
    MonthlyValue.objects.bulk_update(
        to_update,
        ["value", "decimals", "as_at", "numerator", "denominator", "source", "provenance"],
    )
    summary = ImportSummary(file_name, len(to_create), len(to_update))
    _audit(
        actor=actor,
        action="performance.monthly_values_import",
        target=None,
        details={"file": file_name, "created": summary.created, "updated": summary.updated},
    )
    return summary


BENCHMARK_COLUMNS = ["indicator_code", "year", "comparator", "value"]


@transaction.atomic
def benchmarks_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    """Load yearly comparator values; any error rejects the whole file."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = _RowChecker(table, BENCHMARK_COLUMNS)
    indicators = {i.code: i for i in Indicator.objects.all()}
    parsed: dict[tuple[int, int, str], tuple[int, Decimal, int]] = {}
    for number, cells in table.rows:
        indicator = _indicator_lookup(
            checker, number, checker.get(number, cells, "indicator_code", str), indicators
        )
        year = checker.get(number, cells, "year", parsing.parse_year)
        comparator = checker.get(number, cells, "comparator", parsing.parse_comparator)
        value = checker.get(number, cells, "value", parsing.parse_decimal)
        if value is not None and value < 0:
            checker.error(number, "value", "values cannot be negative")
        if indicator is None or year is None or comparator is None or value is None:
            continue
        key = (indicator.pk, year, comparator)
        if key in parsed:
            checker.error(number, "comparator", f"already given in row {parsed[key][0]}")
            continue
        parsed[key] = (number, value, _written_decimals(cells["value"]))
    checker.raise_if_errors()
    created = updated = 0
    for (indicator_id, year, comparator), (_row, value, decimals) in parsed.items():
        _obj, was_created = Benchmark.objects.update_or_create(
            indicator_id=indicator_id,
            year_start=year,
            comparator=comparator,
            defaults={"value": value, "decimals": decimals},
        )
        created += was_created
        updated += not was_created
    summary = ImportSummary(file_name, created, updated)
    _audit(
        actor=actor,
        action="performance.benchmarks_import",
        target=None,
        details={"file": file_name, "created": created, "updated": updated},
    )
    return summary


TEAM_COLUMNS = ["indicator_code", "month", "team", "denominator", "numerator"]


@transaction.atomic
def team_breakdown_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    """Replace the team tables of each indicator and month in the file."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = _RowChecker(table, TEAM_COLUMNS)
    indicators = {i.code: i for i in Indicator.objects.all()}
    groups: dict[tuple[int, date], list[tuple[str, int, int]]] = {}
    seen: dict[tuple[int, date, str], int] = {}
    for number, cells in table.rows:
        indicator = _indicator_lookup(
            checker, number, checker.get(number, cells, "indicator_code", str), indicators
        )
        month = checker.get(number, cells, "month", parsing.parse_month)
        team = checker.get(number, cells, "team", str)
        denominator = checker.get(number, cells, "denominator", parsing.parse_count)
        numerator = checker.get(number, cells, "numerator", parsing.parse_count)
        if numerator is not None and denominator is not None and numerator > denominator:
            checker.error(number, "numerator", "is larger than the denominator")
        if None in (indicator, month, team, denominator, numerator):
            continue
        assert indicator is not None and month is not None
        if (indicator.pk, month, team) in seen:
            first = seen[(indicator.pk, month, team)]
            checker.error(number, "team", f"already given in row {first}")
            continue
        seen[(indicator.pk, month, team)] = number
        groups.setdefault((indicator.pk, month), []).append((team, numerator, denominator))
    checker.raise_if_errors()
    created = 0
    for (indicator_id, month), rows in groups.items():
        TeamBreakdown.objects.filter(indicator_id=indicator_id, month=month).delete()
        TeamBreakdown.objects.bulk_create(
            TeamBreakdown(
                indicator_id=indicator_id,
                month=month,
                position=i,
                team=t,
                numerator=n,
                denominator=d,
            )
            for i, (t, n, d) in enumerate(rows, start=1)
        )
        created += len(rows)
    _audit(
        actor=actor,
        action="performance.team_breakdown_import",
        target=None,
        details={"file": file_name, "rows": created},
    )
    return ImportSummary(file_name, created, 0)


COMMENTARY_COLUMNS = ["section_code", "month", "desired_outcome", "progress_analysis"]


@transaction.atomic
def commentary_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    require_officer(actor)
    table = read_table(file_name, data)
    checker = _RowChecker(table, COMMENTARY_COLUMNS)
    sections = {s.code: s for s in Section.objects.all()}
    parsed: list[tuple[Section, date, str, str]] = []
    for number, cells in table.rows:
        code = checker.get(number, cells, "section_code", str)
        month = checker.get(number, cells, "month", parsing.parse_month)
        section = sections.get(code or "")
        if code and section is None:
            checker.error(number, "section_code", f"no section has the code '{code}'")
        if section is not None and month is not None:
            parsed.append(
                (
                    section,
                    month,
                    cells.get("desired_outcome", ""),
                    cells.get("progress_analysis", ""),
                )
            )
    checker.raise_if_errors()
    created = updated = 0
    for section, month, outcome, analysis in parsed:
        _obj, was_created = Commentary.objects.update_or_create(
            section=section,
            month=month,
            defaults={"desired_outcome": outcome.strip(), "progress_analysis": analysis.strip()},
        )
        created += was_created
        updated += not was_created
    _audit(
        actor=actor,
        action="performance.commentary_import",
        target=None,
        details={"file": file_name, "created": created, "updated": updated},
    )
    return ImportSummary(file_name, created, updated)


SECTION_COLUMNS = ["code", "position", "title"]
INDICATOR_COLUMNS = [
    "code",
    "section_code",
    "position",
    "name",
    "definition",
    "unit",
    "polarity",
    "value_source",
]
INDICATOR_OPTIONAL = [
    "decimals",
    "target",
    "target_as_published",
    "target_basis",
    "amber_tolerance",
    "target_effective_from",
    "engine_code",
    "notes",
    "numerator_code",
    "denominator_code",
]


def _choice(choices: Any) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices.values:
            raise ValueError(f"'{text}' is not one of: {', '.join(choices.values)}")
        return text

    return parse


@transaction.atomic
def catalogue_import(
    *, sections_file: tuple[str, bytes], indicators_file: tuple[str, bytes], actor: Actor
) -> ImportSummary:
    """Create or update sections and indicators (with their targets) from two tables."""
    require_officer(actor)
    section_table = read_table(*sections_file)
    indicator_table = read_table(*indicators_file)
    section_check = _RowChecker(section_table, SECTION_COLUMNS)
    sections: dict[str, tuple[int, str]] = {}
    for number, cells in section_table.rows:
        code = section_check.get(number, cells, "code", str)
        position = section_check.get(number, cells, "position", parsing.parse_count)
        title = section_check.get(number, cells, "title", str)
        if code and position is not None and title:
            sections[code] = (position, title)
    check = _RowChecker(indicator_table, INDICATOR_COLUMNS, INDICATOR_OPTIONAL)
    known_sections = set(sections) | set(Section.objects.values_list("code", flat=True))
    indicator_rows: list[dict[str, Any]] = []
    for number, cells in indicator_table.rows:
        value_source = check.get(number, cells, "value_source", _choice(ValueSource))
        # An engine row's name, definition, unit and polarity come from the engine.
        own = value_source != ValueSource.ENGINE
        item = {
            "code": check.get(number, cells, "code", str),
            "section_code": check.get(number, cells, "section_code", str),
            "position": check.get(number, cells, "position", parsing.parse_count),
            "name": check.get(number, cells, "name", str, required=own),
            "definition": check.get(number, cells, "definition", str, required=own),
            "unit": check.get(number, cells, "unit", _choice(Unit), required=own),
            "polarity": check.get(number, cells, "polarity", _choice(Polarity), required=own),
            "value_source": value_source,
            "decimals": check.get(number, cells, "decimals", parsing.parse_count, required=False),
            "target": check.get(number, cells, "target", parsing.parse_decimal, required=False),
            "amber_tolerance": check.get(
                number, cells, "amber_tolerance", parsing.parse_decimal, required=False
            ),
            "target_effective_from": check.get(
                number, cells, "target_effective_from", parsing.parse_date, required=False
            ),
            "target_as_published": cells.get("target_as_published", "").strip(),
            "target_basis": cells.get("target_basis", "").strip(),
            "engine_code": cells.get("engine_code", "").strip(),
            "notes": cells.get("notes", "").strip(),
            "numerator_code": cells.get("numerator_code", "").strip(),
            "denominator_code": cells.get("denominator_code", "").strip(),
            "row": number,
        }
        if not own:
            _fill_from_engine(check, number, cells, item)
        if item["section_code"] and item["section_code"] not in known_sections:
            check.error(number, "section_code", f"no section has the code '{item['section_code']}'")
        if item["target"] is None and item["amber_tolerance"] is not None:
            check.error(number, "amber_tolerance", "a tolerance needs a target")
        if None not in (
            item["code"],
            item["section_code"],
            item["position"],
            item["name"],
            item["definition"],
            item["unit"],
            item["polarity"],
            item["value_source"],
        ):
            indicator_rows.append(item)
    _check_count_links(check, indicator_rows)
    errors = section_check.errors + check.errors
    if errors:
        raise ImportRejected(errors)
    section_objs = {}
    for code, (position, title) in sections.items():
        section_objs[code], _ = Section.objects.update_or_create(
            code=code, defaults={"position": position, "title": title}
        )
    for section in Section.objects.exclude(code__in=section_objs):
        section_objs[section.code] = section
    created = updated = 0
    for item in indicator_rows:
        indicator, was_created = Indicator.objects.update_or_create(
            code=item["code"],
            defaults={
                "section": section_objs[item["section_code"]],
                "position": item["position"],
                "name": item["name"],
                "definition": item["definition"],
                "unit": item["unit"],
                "polarity": item["polarity"],
                "value_source": item["value_source"],
                "decimals": item["decimals"] or 0,
                "engine_code": item["engine_code"],
                "notes": item["notes"],
            },
        )
        created += was_created
        updated += not was_created
        item["indicator"] = indicator
        if item["target"] is not None:
            Target.objects.update_or_create(
                indicator=indicator,
                effective_from=item["target_effective_from"] or TARGET_ALWAYS,
                defaults={
                    "value": item["target"],
                    "as_published": item["target_as_published"],
                    "basis": item["target_basis"],
                    "amber_tolerance": item["amber_tolerance"],
                },
            )
    codes = {i.code: i for i in Indicator.objects.all()}
    for item in indicator_rows:
        indicator = item["indicator"]
        indicator.numerator_indicator = codes.get(item["numerator_code"])
        indicator.denominator_indicator = codes.get(item["denominator_code"])
        indicator.save(update_fields=["numerator_indicator", "denominator_indicator"])
    _audit(
        actor=actor,
        action="performance.catalogue_import",
        target=None,
        details={"sections": len(sections), "created": created, "updated": updated},
    )
    return ImportSummary(indicators_file[0], created, updated)


def _fill_from_engine(
    check: _RowChecker, number: int, cells: dict[str, str], item: dict[str, Any]
) -> None:
    """An engine row's name, definition, unit, polarity (and decimals when blank) from the
    engine's catalogue; a cell the file does fill must say the same."""
    code = item["engine_code"]
    if not code:
        check.error(number, "engine_code", "an engine indicator needs its engine code")
        return
    definition = engine_definition(code)
    if definition is None:
        check.error(number, "engine_code", f"the engine has no indicator '{code}'")
        return
    for column, value in definition.fields().items():
        given = item[column]
        if given is not None and given != value:
            check.error(
                number,
                column,
                f"the engine's catalogue says '{value}' for '{code}'; leave the cell empty "
                "to take it from there",
            )
        elif not cells.get(column, "").strip():
            item[column] = value
    if item["decimals"] is None:
        item["decimals"] = definition.decimals


def _check_count_links(check: _RowChecker, rows: list[dict[str, Any]]) -> None:
    """A percentage's numerator and denominator links name count indicators."""
    units = dict(Indicator.objects.values_list("code", "unit"))
    units.update({item["code"]: item["unit"] for item in rows})
    for item in rows:
        for column in ("numerator_code", "denominator_code"):
            code = item[column]
            if not code:
                continue
            if item["unit"] != Unit.PERCENTAGE:
                check.error(item["row"], column, "only a percentage is linked to its counts")
            elif code not in units:
                check.error(item["row"], column, f"no indicator has the code '{code}'")
            elif units[code] != Unit.COUNT:
                check.error(item["row"], column, f"'{code}' is not a count")


SN_COLUMNS = ["la_number", "region"] + [f"sn{i}" for i in range(1, 11)]


@transaction.atomic
def statistical_neighbour_groups_import(
    *, file_name: str, data: bytes, actor: Actor, source: str = ""
) -> ImportSummary:
    """Load the published grouping table: LA number, region, SN1..SN10 (LA name optional)."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = _RowChecker(table, SN_COLUMNS, ["la_name"])
    parsed: dict[str, dict[str, Any]] = {}

    def la_number(text: str) -> str:
        if not text.isdigit() or len(text) != 3:
            raise ValueError(f"'{text}' is not a three-digit LA number")
        return text

    for number, cells in table.rows:
        la = checker.get(number, cells, "la_number", la_number)
        region = checker.get(number, cells, "region", str)
        neighbours = [checker.get(number, cells, f"sn{i}", la_number) for i in range(1, 11)]
        if la and la in neighbours:
            checker.error(number, "sn1", "an authority cannot neighbour itself")
        if la and la in parsed:
            checker.error(number, "la_number", f"already given in row {parsed[la]['row']}")
            continue
        if la and region and None not in neighbours:
            if len(set(neighbours)) != 10:
                checker.error(number, "sn1", "the ten neighbours must be different")
                continue
            parsed[la] = {
                "row": number,
                "region": region,
                "neighbours": neighbours,
                "la_name": cells.get("la_name", "").strip(),
            }
    checker.raise_if_errors()
    created = updated = 0
    for la, item in parsed.items():
        _obj, was_created = StatisticalNeighbourGroup.objects.update_or_create(
            la_number=la,
            defaults={
                "region": item["region"],
                "neighbours": item["neighbours"],
                "la_name": item["la_name"],
                "source": source or file_name,
            },
        )
        created += was_created
        updated += not was_created
    _audit(
        actor=actor,
        action="performance.statistical_neighbour_groups_import",
        target=None,
        details={"file": file_name, "created": created, "updated": updated},
    )
    return ImportSummary(file_name, created, updated)


class EntryError(ValueError):
    """A single entered value was refused; the message says why."""


@transaction.atomic
def monthly_value_enter(
    *,
    indicator: Indicator,
    month: date,
    value: Decimal,
    actor: Actor,
    as_at: date | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
) -> MonthlyValue:
    """An analyst enters or corrects one month's value."""
    require_officer(actor)
    if indicator.value_source == ValueSource.ENGINE:
        raise EntryError("This indicator takes its values from child-level records.")
    if problem := _check_value(indicator, value):
        raise EntryError(problem[0].upper() + problem[1:] + ".")
    if numerator is not None and denominator is not None and numerator > denominator:
        raise EntryError("The numerator is larger than the denominator.")
    if counts_missing(indicator, numerator, denominator):
        raise EntryError(
            "Give the numerator and denominator of a percentage, so that small numbers "
            "can be suppressed in the public report."
        )
    month = month_end(month.year, month.month)
    previous = MonthlyValue.objects.filter(indicator=indicator, month=month).first()
    obj, _ = MonthlyValue.objects.update_or_create(
        indicator=indicator,
        month=month,
        defaults={
            "value": value,
            "decimals": decimals_of(str(value)),
            "as_at": as_at or month,
            "numerator": numerator,
            "denominator": denominator,
            "source": ValueSource.ENTERED,
            "provenance": {"entered": True},
        },
    )
    _audit(
        actor=actor,
        action="performance.monthly_value_enter",
        target=obj,
        details={
            "indicator": indicator.code,
            "month": month.isoformat(),
            "value": str(value),
            "previous": str(previous.value) if previous else None,
        },
    )
    return obj


@transaction.atomic
def commentary_edit(
    *, section: Section, month: date, desired_outcome: str, progress_analysis: str, actor: Actor
) -> Commentary:
    """An analyst writes a section's commentary for a month."""
    require_officer(actor)
    if len(desired_outcome) > 20_000 or len(progress_analysis) > 20_000:
        raise EntryError("Commentary is limited to 20,000 characters per part.")
    month = month_end(month.year, month.month)
    obj, created = Commentary.objects.update_or_create(
        section=section,
        month=month,
        defaults={
            "desired_outcome": desired_outcome.strip(),
            "progress_analysis": progress_analysis.strip(),
        },
    )
    _audit(
        actor=actor,
        action="performance.commentary_edit",
        target=obj,
        details={"section": section.code, "month": month.isoformat(), "created": created},
    )
    return obj


class IndicatorEngine(Protocol):
    """The engine's contract with the report: every month end in one call."""

    def compute_indicator_series(
        self, as_ats: list[date], codes: list[str]
    ) -> Mapping[date, Iterable[Any]]: ...


def _default_engine() -> IndicatorEngine:
    from scrutiny.casedata import engine

    return engine  # type: ignore[return-value]


def _engine_decimals(indicator: Indicator, value: Decimal) -> int:
    """The engine rounds percentages and rates to 1 place and averages to 2; counts are whole."""
    if indicator.unit == Unit.COUNT and value == value.to_integral_value():
        return 0
    return 2 if indicator.unit == Unit.AVERAGE else 1


def _whole(number: Any) -> int | None:
    """A count as an int; None for missing or fractional figures (such as FTE denominators)."""
    if number is None:
        return None
    value = Decimal(str(number))
    if value != value.to_integral_value() or value < 0:
        return None
    return int(value)


def _team_rows(teams: Any) -> list[tuple[str, int, int]]:
    """Team counts from the engine: (team, numerator, denominator) tuples, a mapping of team
    to (numerator, denominator), or items with team, numerator and denominator.

    Rows whose counts are not whole numbers (caseload averages) are left out: the team table
    holds counts.
    """
    if not teams:
        return []
    raw: list[tuple[Any, Any, Any]] = []
    if isinstance(teams, dict):
        for team, counts in teams.items():
            if isinstance(counts, dict):
                raw.append((team, counts.get("numerator"), counts.get("denominator")))
            else:
                raw.append((team, *counts))
    else:
        for entry in teams:
            if isinstance(entry, list | tuple):
                raw.append((entry[0], entry[1], entry[2]))
            elif isinstance(entry, dict):
                raw.append((entry.get("team"), entry.get("numerator"), entry.get("denominator")))
            else:
                raw.append(
                    (
                        getattr(entry, "team", None),
                        getattr(entry, "numerator", None),
                        getattr(entry, "denominator", None),
                    )
                )
    rows = []
    for team, numerator, denominator in raw:
        n, d = _whole(numerator), _whole(denominator)
        if team and n is not None and d is not None and n <= d:
            rows.append((str(team), n, d))
    return rows


def _plain(value: Any) -> Any:
    """Provenance made JSON-safe."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if hasattr(value, "__dict__"):
        return _plain(vars(value))
    return str(value)


def _follow_engine_catalogue(indicators: list[Indicator]) -> None:
    """Engine rows say what the engine's catalogue says now (a definition may have changed
    since the catalogue file was imported)."""
    changed = []
    for indicator in indicators:
        definition = engine_definition(indicator.engine_code)
        if definition is None:
            continue
        fields = definition.fields()
        if any(getattr(indicator, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(indicator, name, value)
            changed.append(indicator)
    Indicator.objects.bulk_update(changed, ["name", "definition", "unit", "polarity"])


@dataclass(frozen=True)
class RefreshSummary:
    stored: int
    empty: list[str]


@transaction.atomic
def engine_values_refresh(
    *, month_ends: Iterable[date], actor: Actor, engine: IndicatorEngine | None = None
) -> RefreshSummary:
    """Store the engine's values for every engine-sourced indicator at each month end."""
    require_officer(actor)
    engine = engine or _default_engine()
    indicators = list(Indicator.objects.filter(value_source=ValueSource.ENGINE))
    _follow_engine_catalogue(indicators)
    by_engine_code: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_engine_code.setdefault(indicator.engine_code, []).append(indicator)
    stored = 0
    empty: list[str] = []
    months = sorted({month_end(m.year, m.month) for m in month_ends})
    if not by_engine_code or not months:
        series: Mapping[date, Iterable[Any]] = {}
    else:
        try:
            # One call for the whole series: the engine counts every month end in one pass.
            series = engine.compute_indicator_series(as_ats=months, codes=sorted(by_engine_code))
        except RuntimeError as exc:  # e.g. no case-data store yet
            raise EntryError(f"The engine could not compute the values: {exc}") from exc
    batch = ImportBatch.objects.create(kind="engine_values_refresh")
    for month in months:
        for result in series.get(month, []):
            for indicator in by_engine_code.get(result.code, []):
                if result.value is None:
                    empty.append(f"{indicator.code} {month:%Y-%m}")
                    continue
                value = Decimal(str(result.value))
                MonthlyValue.objects.update_or_create(
                    indicator=indicator,
                    month=month,
                    defaults={
                        "value": value,
                        "decimals": _engine_decimals(indicator, value),
                        "as_at": month,
                        "numerator": _whole(result.numerator),
                        "denominator": _whole(result.denominator),
                        "source": ValueSource.ENGINE,
                        "provenance": _plain(result.provenance) | {"refresh": batch.pk},
                    },
                )
                teams = _team_rows(getattr(result, "teams", None))
                if teams:
                    TeamBreakdown.objects.filter(indicator=indicator, month=month).delete()
                    TeamBreakdown.objects.bulk_create(
                        TeamBreakdown(
                            indicator=indicator,
                            month=month,
                            position=i,
                            team=t,
                            numerator=n,
                            denominator=d,
                        )
                        for i, (t, n, d) in enumerate(teams, start=1)
                    )
                stored += 1
    batch.created = stored
    batch.save(update_fields=["created"])
    _audit(
        actor=actor,
        action="performance.engine_values_refresh",
        target=batch,
        details={"stored": stored, "empty": empty},
    )
    return RefreshSummary(stored, empty)
