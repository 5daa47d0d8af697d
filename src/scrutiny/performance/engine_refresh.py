"""The engine adapter: values computed from child-level records stored in the report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from django.db import transaction

from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.dates import month_end

from .engine_catalogue import engine_definition
from .entry import EntryError
from .models import ImportBatch, Indicator, MonthlyValue, TeamBreakdown, Unit, ValueSource


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
    audit_record(
        actor=actor,
        action="performance.engine_values_refresh",
        target=batch,
        data={"stored": stored, "empty": empty},
    )
    return RefreshSummary(stored, empty)
