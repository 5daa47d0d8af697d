"""Month arithmetic and periods, in one place for every app.

Months in the performance report are named by their last day (October 2024 is 2024-10-31);
``month_end`` and ``shift_months`` work in month ends. ``add_months`` moves a day by whole
months, keeping the day where the month has it (a recommendation due three months after
30 November is due on 28 or 29 February). ``year_before`` is the same day a year earlier
(29 February goes to 28 February, as DuckDB's ``- INTERVAL 1 YEAR`` does).

A ``Period`` is a span of days, both ends included; the council's reporting year runs from
April to March and is keyed ``2023-24`` (any other span ``2023-04-01..2024-03-31``).
Working and clear days are in ``scrutiny.core.workingdays``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

YEAR_KEY = re.compile(r"^(\d{4})-(\d{2})$")
RANGE_KEY = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def month_end(year: int, month: int) -> date:
    """The last day of the month."""
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_months(month: date, delta: int) -> date:
    """The month end ``delta`` months after (or before, if negative) the month of ``month``."""
    index = month.year * 12 + month.month - 1 + delta
    return month_end(index // 12, index % 12 + 1)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter (31 Dec + 2 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def year_before(day: date) -> date:
    """The same day a year earlier; 29 February goes to 28 February."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, first_year: int) -> Period:
        """The reporting year, April to March."""
        return cls(date(first_year, 4, 1), date(first_year + 1, 3, 31))

    @property
    def is_reporting_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (
            4,
            1,
            3,
            31,
        ) and self.end.year == self.start.year + 1

    @property
    def key(self) -> str:
        if self.is_reporting_year:
            return f"{self.start.year}-{str(self.end.year)[2:]}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        if self.is_reporting_year:
            return f"{self.start.year}/{str(self.end.year)[2:]}"
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


class PeriodError(ValueError):
    pass


def parse_period(key: str) -> Period:
    """``2023-24`` (April 2023 to March 2024) or ``2023-04-01..2024-03-31``."""
    match = YEAR_KEY.match(key or "")
    if match:
        first, second = int(match[1]), int(match[2])
        if (first + 1) % 100 != second:
            raise PeriodError("A reporting year is written like 2023-24.")
        return Period.year(first)
    match = RANGE_KEY.match(key or "")
    if not match:
        raise PeriodError("A period is written 2023-24 or 2023-04-01..2024-03-31.")
    try:
        start, end = date.fromisoformat(match[1]), date.fromisoformat(match[2])
    except ValueError as exc:
        raise PeriodError("The period's dates are not real dates.") from exc
    if end < start:
        raise PeriodError("The period ends before it starts.")
    return Period(start, end)


def current_year(today: date) -> Period:
    """The reporting year ``today`` falls in."""
    return Period.year(today.year if today.month >= 4 else today.year - 1)
