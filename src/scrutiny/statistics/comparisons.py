"""Comparisons of an area's figures with England, the region and its statistical neighbours.

Pure functions over the figures a viewer may see (no database):

* the gap to a comparator in percentage points (value minus comparator, from the figures as
  published), and the same gap in earlier years;
* the change since the year before against the comparator's change;
* the "additional pupils" figure: how many more pupils of the cohort would have needed to
  reach the standard to be in line with the comparator (rounded up: whole pupils needed),
  or how many more reached it than the comparator's rate implies (rounded down);
* the LAIT quartile band A-D from a rank among all authorities (rank 1 = best, so the
  banding already reads through the measure's polarity);
* direction of travel through polarity (scrutiny.performance.rules).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from scrutiny.performance.rules import Direction, direction_of_travel

from .models import Unit

BANDS = "ABCD"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Figure:
    """One value as the viewer may see it."""

    value: Decimal | None
    symbol: str = ""
    numerator: int | None = None
    cohort: int | None = None
    rank: int | None = None
    ranked_out_of: int | None = None
    derived: bool = False
    basis: dict = field(default_factory=dict, compare=False)
    release_id: int | None = None
    release_title: str = ""
    release_notes: str = ""
    provisional: bool = False
    withheld: bool = False  # from a confidential release (shown only to those entitled)


@dataclass(frozen=True)
class Pupils:
    count: int
    cohort: int
    above: bool  # True: this many more reached it than the comparator's rate implies

    @property
    def needed(self) -> bool:
        return not self.above and self.count > 0


def gap(value: Figure | None, comparator: Figure | None) -> Decimal | None:
    if value is None or comparator is None or value.value is None or comparator.value is None:
        return None
    return value.value - comparator.value


def change(current: Figure | None, previous: Figure | None) -> Decimal | None:
    return gap(current, previous)


def additional_pupils(value: Figure | None, comparator: Figure | None) -> Pupils | None:
    """Pupils of the cohort between the area's result and the comparator's rate.

    With the count of pupils who reached the standard, the shortfall is measured from that
    count (comparator rate x cohort - pupils); otherwise from the published percentage.
    """
    if value is None or comparator is None or value.cohort is None:
        return None
    if comparator.value is None or (value.value is None and value.numerator is None):
        return None
    cohort = Decimal(value.cohort)
    if value.numerator is not None:
        shortfall = comparator.value * cohort / HUNDRED - value.numerator
    else:
        shortfall = (comparator.value - value.value) * cohort / HUNDRED  # type: ignore[operator]
    if shortfall > 0:
        return Pupils(math.ceil(shortfall), value.cohort, above=False)
    return Pupils(math.floor(-shortfall), value.cohort, above=True)


def quartile_band(rank: int | None, out_of: int | None) -> str:
    """A for the best quarter of authorities to D for the worst ("" without a rank)."""
    if not rank or not out_of or rank > out_of:
        return ""
    return BANDS[min(3, math.ceil(4 * rank / out_of) - 1)]


def direction(
    current: Figure | None, previous: Figure | None, polarity: str, decimals: int
) -> Direction:
    return direction_of_travel(
        None if current is None else current.value,
        None if previous is None else previous.value,
        polarity,
        decimals,
    )


def points_word(unit: str) -> str:
    return "percentage points" if unit == Unit.PERCENTAGE else "points"
