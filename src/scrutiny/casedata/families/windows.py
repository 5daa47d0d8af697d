"""Windows of one computation: the as-at dates and the half-open periods ending on them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from scrutiny.core.dates import year_before


def count_before(col: str, days: Sequence[date]) -> str:
    """SQL for how many of the sorted ``days`` fall before ``col`` (NULL counts as after all).

    A chain of comparisons against constants: for the dozen or so dates of a report this
    is cheaper than any join, and it parallelises with the scan.
    """
    branches = " ".join(
        f"WHEN {col} <= DATE '{day.isoformat()}' THEN {i}" for i, day in enumerate(days)
    )
    return f"(CASE {branches} ELSE {len(days)} END)"


@dataclass(frozen=True)
class Windows:
    """The as-at dates of one computation and the windows that end on them.

    Every window is half-open, (lo, as_at]: the 12-month period has lo = as_at minus one
    year; the month has lo = the last day of the month before. With the as-at dates sorted
    (index k), a date d lies in window k exactly when ``ka(d) <= k < kp(d)`` (period) or
    ``ka(d) <= k < km(d)`` (month), where ka, kp and km count the as-at dates, period
    bounds and month bounds before d. A span [start, end) is open at as-at k exactly when
    ``ka(start) <= k < ka(end)``. So records are grouped once by (ka, kp) and only that
    small aggregate is spread over the windows with ``unnest(range(...))``; nothing joins
    records against dates.
    """

    as_ats: tuple[date, ...]
    period_los: tuple[date, ...]
    month_los: tuple[date, ...]

    @classmethod
    def of(cls, as_ats: Iterable[date]) -> Windows:
        days = tuple(sorted(set(as_ats)))
        return cls(
            as_ats=days,
            period_los=tuple(year_before(d) for d in days),
            month_los=tuple(d.replace(day=1) - timedelta(days=1) for d in days),
        )

    # ka, kp and km are temp macros (``macros``): written out, the comparison chains made
    # up most of the SQL text, and parsing it cost more than running it on small stores.
    def ka(self, col: str) -> str:
        return f"_ka({col})"

    def kp(self, col: str) -> str:
        return f"_kp({col})"

    def km(self, col: str) -> str:
        return f"_km({col})"

    def macros(self) -> list[str]:
        return [
            f"CREATE OR REPLACE TEMP MACRO {name}(d) AS {count_before('d', days)}"
            for name, days in [
                ("_ka", self.as_ats),
                ("_kp", self.period_los),
                ("_km", self.month_los),
            ]
        ]

    def bounded(self, col: str, month: bool = False) -> str:
        """Constant outer bounds: DuckDB skips row groups by their min/max before any work."""
        lo = (self.month_los if month else self.period_los)[0]
        return f"{col} > DATE '{lo.isoformat()}' AND {col} <= DATE '{self.as_ats[-1].isoformat()}'"

    def spans(self, start: str, stop: str) -> str:
        """Spans open at some as-at date (constant bounds, row groups skipped)."""
        first, last = self.as_ats[0].isoformat(), self.as_ats[-1].isoformat()
        return f"{start} <= DATE '{last}' AND COALESCE({stop}, DATE '9999-12-31') > DATE '{first}'"

    def overlaps_periods(self, start: str, stop: str) -> str:
        """Spans overlapping some 12-month period (constant bounds)."""
        lo, last = self.period_los[0].isoformat(), self.as_ats[-1].isoformat()
        return f"{start} <= DATE '{last}' AND COALESCE({stop}, DATE '9999-12-31') > DATE '{lo}'"

    def open_at(self, start: str, stop: str) -> str:
        """The as-at indexes at which the span [start, stop) is open, as a list."""
        return f"range({self.ka(start)}, {self.ka(stop)})"


@dataclass(frozen=True)
class Computation:
    """What every family and lookup of one computation is built for, passed explicitly.

    ``teams`` False when only totals are wanted: team attribution is skipped altogether.
    ``team_enum`` whether team names are a temp ENUM while computing (large stores) or
    plain text (small ones, where collecting the names costs more than it saves).
    """

    windows: Windows
    teams: bool = True
    team_enum: bool = True

    @classmethod
    def of(
        cls, as_ats: Iterable[date], *, teams: bool = True, team_enum: bool = True
    ) -> Computation:
        return cls(windows=Windows.of(as_ats), teams=teams, team_enum=team_enum)
