"""The latest published figures as at a date: one table per measure, the service beside its
comparators, as the page and the printable appendix show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from scrutiny.performance.suppression import SUPPRESSED, is_small
from scrutiny.youthjustice.models import COUNT_MEASURES, DECIMALS, AreaType, Measure, Value

AREA_ORDER = [a.value for a in AreaType]


@dataclass(frozen=True)
class Cell:
    area_type: str
    area: str
    shown: str


@dataclass(frozen=True)
class MeasureTable:
    measure: str
    label: str
    period: str
    period_end: date
    cells: list[Cell]
    earlier: list[tuple[str, str]]  # the service's earlier periods: (period, shown)


def shown(value: Value) -> str:
    if value.symbol:
        return value.symbol
    if value.value is None:
        return ":"
    if value.measure in COUNT_MEASURES and is_small(value.value):
        return SUPPRESSED
    places = DECIMALS.get(Measure(value.measure), 2)
    text = f"{value.value.quantize(Decimal(1).scaleb(-places)):,}"
    return text + (
        "%" if value.measure.endswith("_pct") or value.measure == "reoffending_rate" else ""
    )


def tables_as_at(as_at: date) -> list[MeasureTable]:
    """For each measure, the latest period ending on or before ``as_at``."""
    values = list(Value.objects.filter(period_end__lte=as_at).order_by("period_end"))
    tables = []
    for measure in Measure:
        mine = [v for v in values if v.measure == measure]
        if not mine:
            continue
        latest = max(v.period_end for v in mine)
        current = sorted(
            (v for v in mine if v.period_end == latest),
            key=lambda v: (AREA_ORDER.index(v.area_type), v.area),
        )
        earlier = [
            (v.period, shown(v))
            for v in mine
            if v.area_type == AreaType.SERVICE and v.period_end < latest
        ]
        tables.append(
            MeasureTable(
                measure=measure.value,
                label=measure.label,
                period=current[0].period,
                period_end=latest,
                cells=[Cell(v.get_area_type_display(), v.area, shown(v)) for v in current],
                earlier=earlier[-4:],
            )
        )
    return tables
