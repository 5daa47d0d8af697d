"""RAG rating, direction of travel and value formatting (pure functions, no database).

Direction of travel compares the report month with the month before it and reads the
change through the indicator's polarity, so an arrow up means "got better" (see
docs/performance.md for how this rule was checked against the November 2024 report).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .models import Polarity, Unit


@dataclass(frozen=True)
class Rating:
    code: str  # "green", "amber", "red" or "none"
    label: str

    @property
    def is_rated(self) -> bool:
        return self.code != "none"


GREEN = Rating("green", "Green: on target")
AMBER = Rating("amber", "Amber: close to target")
RED = Rating("red", "Red: off target")
NOT_RATED = Rating("none", "Not rated")


@dataclass(frozen=True)
class Direction:
    code: str  # "improving", "worsening", "level", "increased", "decreased", "none"
    arrow: str
    label: str


IMPROVING = Direction("improving", "↑", "Improving")
WORSENING = Direction("worsening", "↓", "Worsening")
LEVEL = Direction("level", "→", "No change")
INCREASED = Direction("increased", "↑", "Increased (no judgement)")
DECREASED = Direction("decreased", "↓", "Decreased (no judgement)")
NO_DIRECTION = Direction("none", "-", "No comparison available")

# Seed arrows map onto these codes: ↑ up, ↓ down, → level.
ARROW_CODES = {
    IMPROVING.code: "up",
    WORSENING.code: "down",
    LEVEL.code: "level",
    INCREASED.code: "up",
    DECREASED.code: "down",
    NO_DIRECTION.code: "none",
}


def rag_rating(
    value: Decimal | None,
    target: Decimal | None,
    polarity: str,
    amber_tolerance: Decimal | None,
) -> Rating:
    """Green when the target is met, amber within the tolerance of it, red beyond."""
    if value is None or target is None or polarity == Polarity.NO_JUDGEMENT:
        return NOT_RATED
    tolerance = amber_tolerance or Decimal(0)
    higher = polarity == Polarity.HIGHER_IS_BETTER
    shortfall = target - value if higher else value - target
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance:
        return AMBER
    return RED


def direction_of_travel(
    current: Decimal | None,
    previous: Decimal | None,
    polarity: str,
    decimals: int = 0,
) -> Direction:
    """Compare this month with last month at the precision the values are shown."""
    if current is None or previous is None:
        return NO_DIRECTION
    step = Decimal(1).scaleb(-decimals)
    now = current.quantize(step, rounding=ROUND_HALF_UP)
    before = previous.quantize(step, rounding=ROUND_HALF_UP)
    if now == before:
        return LEVEL
    rose = now > before
    if polarity == Polarity.NO_JUDGEMENT:
        return INCREASED if rose else DECREASED
    better = rose == (polarity == Polarity.HIGHER_IS_BETTER)
    return IMPROVING if better else WORSENING


def format_number(value: Decimal | None, decimals: int, unit: str | None = None) -> str:
    """The value as printed: fixed decimals, thousands unseparated like the source, % sign."""
    if value is None:
        return ""
    step = Decimal(1).scaleb(-decimals)
    text = f"{value.quantize(step, rounding=ROUND_HALF_UP):f}"
    if unit == Unit.PERCENTAGE:
        text += "%"
    return text


def decimals_of(text: str) -> int:
    """Decimal places written in a number's text ("63.90" -> 2)."""
    exponent = Decimal(text).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
