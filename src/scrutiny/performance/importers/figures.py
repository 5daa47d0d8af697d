"""Importers of figures: monthly values, yearly benchmarks and team tables."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.tabular import RowChecker, read_table

from .. import parsing
from ..models import Benchmark, Indicator, MonthlyValue, TeamBreakdown, ValueSource
from ..value_checks import COUNTS_NEEDED, check_value, counts_missing, written_decimals
from .common import ImportSummary, audit_import, indicator_lookup

MONTHLY_COLUMNS = ["indicator_code", "month", "value"]
MONTHLY_OPTIONAL = ["as_at", "numerator", "denominator"]


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
    checker = RowChecker(table, MONTHLY_COLUMNS, MONTHLY_OPTIONAL)
    indicators = {i.code: i for i in Indicator.objects.all()}
    parsed: dict[tuple[int, date], dict[str, Any]] = {}
    for number, cells in table.rows:
        indicator = indicator_lookup(
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
        problem = check_value(indicator, value) if indicator and value is not None else None
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
            "decimals": written_decimals(cells["value"]),
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
    audit_import(
        actor=actor,
        action="performance.monthly_values_import",
        details={"file": file_name, "created": summary.created, "updated": summary.updated},
    )
    return summary


BENCHMARK_COLUMNS = ["indicator_code", "year", "comparator", "value"]


@transaction.atomic
def benchmarks_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    """Load yearly comparator values; any error rejects the whole file."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = RowChecker(table, BENCHMARK_COLUMNS)
    indicators = {i.code: i for i in Indicator.objects.all()}
    parsed: dict[tuple[int, int, str], tuple[int, Decimal, int]] = {}
    for number, cells in table.rows:
        indicator = indicator_lookup(
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
        parsed[key] = (number, value, written_decimals(cells["value"]))
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
    audit_import(
        actor=actor,
        action="performance.benchmarks_import",
        details={"file": file_name, "created": created, "updated": updated},
    )
    return summary


TEAM_COLUMNS = ["indicator_code", "month", "team", "denominator", "numerator"]


@transaction.atomic
def team_breakdown_import(*, file_name: str, data: bytes, actor: Actor) -> ImportSummary:
    """Replace the team tables of each indicator and month in the file."""
    require_officer(actor)
    table = read_table(file_name, data)
    checker = RowChecker(table, TEAM_COLUMNS)
    indicators = {i.code: i for i in Indicator.objects.all()}
    groups: dict[tuple[int, date], list[tuple[str, int, int]]] = {}
    seen: dict[tuple[int, date, str], int] = {}
    for number, cells in table.rows:
        indicator = indicator_lookup(
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
    audit_import(
        actor=actor,
        action="performance.team_breakdown_import",
        details={"file": file_name, "rows": created},
    )
    return ImportSummary(file_name, created, 0)
