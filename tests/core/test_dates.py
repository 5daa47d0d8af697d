"""Month arithmetic and periods, shared by every app (scrutiny.core.dates)."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.core.dates import (
    Period,
    PeriodError,
    add_months,
    current_year,
    month_end,
    parse_period,
    shift_months,
    year_before,
)


def test_months_are_named_by_their_last_day_and_shift_across_years():
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2023, 2) == date(2023, 2, 28)
    assert shift_months(date(2024, 10, 31), 1) == date(2024, 11, 30)
    assert shift_months(date(2024, 1, 31), -1) == date(2023, 12, 31)
    assert shift_months(date(2024, 10, 31), -24) == date(2022, 10, 31)
    assert shift_months(date(2024, 12, 2), -1) == date(2024, 11, 30)  # any day of the month


def test_a_day_moves_by_whole_months_keeping_its_day_where_it_can():
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2024, 5, 15), 12) == date(2025, 5, 15)
    assert year_before(date(2024, 2, 29)) == date(2023, 2, 28)
    assert year_before(date(2024, 10, 31)) == date(2023, 10, 31)


def test_reporting_years_and_other_periods():
    year = parse_period("2023-24")
    assert year == Period(date(2023, 4, 1), date(2024, 3, 31)) == Period.year(2023)
    assert (year.key, year.label) == ("2023-24", "2023/24")
    span = parse_period("2024-01-01..2024-06-30")
    assert span.key == "2024-01-01..2024-06-30" and not span.is_reporting_year
    assert current_year(date(2025, 3, 31)) == Period.year(2024)
    assert current_year(date(2025, 4, 1)) == Period.year(2025)
    for bad in ("2023-25", "2024-06-30..2024-01-01", "2024-02-30..2024-03-01", "soon"):
        with pytest.raises(PeriodError):
            parse_period(bad)
