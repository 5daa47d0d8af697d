"""Working days in England and Wales (or another UK region) from the `holidays` package.

A clear working day excludes weekends and bank holidays. Counting conventions:

* ``clear_working_days_between(a, b)`` counts working days strictly between a and b
  (the access-to-information "clear days" rule: neither the day of publication nor the
  meeting day counts).
* ``working_days_after(start, end)`` counts working days in (start, end], so the start day
  is day 0 (DfE timeliness convention: an assessment authorised on its 45th working day
  after the start is in time).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

# Council setting value -> holidays subdivision of GB.
REGION_SUBDIVISIONS = {
    "england_and_wales": "ENG",
    "scotland": "SCT",
    "northern_ireland": "NIR",
}
DEFAULT_REGION = "england_and_wales"


@lru_cache(maxsize=64)
def _holidays_for(region: str, year: int) -> frozenset[date]:
    subdiv = REGION_SUBDIVISIONS[region]
    return frozenset(holidays.country_holidays("GB", subdiv=subdiv, years=year).keys())


def bank_holidays(years: Iterable[int], region: str = DEFAULT_REGION) -> frozenset[date]:
    """Every bank holiday in the given years for the region."""
    result: set[date] = set()
    for year in years:
        result |= _holidays_for(region, year)
    return frozenset(result)


def is_working_day(day: date, region: str = DEFAULT_REGION) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(region, day.year)


def clear_working_days_between(first: date, last: date, region: str = DEFAULT_REGION) -> int:
    """Working days strictly between ``first`` and ``last`` (0 if last <= first + 1 day)."""
    count = 0
    day = first + timedelta(days=1)
    while day < last:
        if is_working_day(day, region):
            count += 1
        day += timedelta(days=1)
    return count


def working_days_after(start: date, end: date, region: str = DEFAULT_REGION) -> int:
    """Working days in (start, end]; negative if end is before start."""
    if end < start:
        return -working_days_after(end, start, region)
    return clear_working_days_between(start, end, region) + (
        1 if end > start and is_working_day(end, region) else 0
    )


def add_working_days(start: date, days: int, region: str = DEFAULT_REGION) -> date:
    """The date ``days`` working days after ``start`` (start is day 0)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day, region):
            remaining -= 1
    return day


def latest_publication_date(
    meeting_day: date, clear_days: int = 5, region: str = DEFAULT_REGION
) -> date:
    """The last working day on which papers can be published with ``clear_days`` clear days.

    Publishing on a weekend would count the same clear days, but officers publish on working
    days, so the answer is the last working day that still leaves enough clear days.
    """
    day = meeting_day - timedelta(days=1)
    while not is_working_day(day, region) or (
        clear_working_days_between(day, meeting_day, region) < clear_days
    ):
        day -= timedelta(days=1)
    return day
