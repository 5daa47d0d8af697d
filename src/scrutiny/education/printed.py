"""How figures are printed in the evidence and its statements: suppressed where small."""

from __future__ import annotations

from decimal import Decimal

from scrutiny.performance.rules import format_number
from scrutiny.performance.suppression import SUPPRESSED, is_small
from scrutiny.statistics import comparisons as cmp
from scrutiny.statistics.models import Measure, Unit


def show(figure: cmp.Figure | None, measure: Measure, exact: bool) -> str:
    """A figure as printed: its symbol, "c" where suppressed, else the number and unit."""
    if figure is None:
        return ""
    if figure.symbol:
        return figure.symbol
    if not exact and hidden(figure, measure):
        return SUPPRESSED
    return format_number(figure.value, measure.decimals, measure.unit)


def hidden(figure: cmp.Figure, measure: Measure) -> bool:
    if measure.unit == Unit.COUNT:
        return is_small(figure.value)
    return is_small(figure.numerator) or is_small(figure.cohort)


def points(value: Decimal | None, measure: Measure, signed: bool = True) -> str:
    if value is None:
        return ""
    text = format_number(abs(value) if not signed else value, measure.decimals)
    return ("+" + text) if signed and value > 0 else text


def count(number: int | None) -> str:
    return "" if number is None else f"{number:,}"
