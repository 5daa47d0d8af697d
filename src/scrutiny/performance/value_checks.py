"""What a monthly value must be, whether entered on the screen or imported from a file."""

from __future__ import annotations

from decimal import Decimal

from .models import Indicator, Unit
from .rules import decimals_of


def written_decimals(text: str) -> int:
    return decimals_of(text.strip().rstrip("%").replace(",", ""))


def check_value(indicator: Indicator, value: Decimal) -> str | None:
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
