from datetime import date

import pytest

from scrutiny.core.workingdays import (
    add_working_days,
    bank_holidays,
    clear_working_days_between,
    is_working_day,
    latest_publication_date,
    working_days_after,
)


def test_england_and_wales_bank_holidays_include_christmas_and_boxing_day_2024():
    holidays_2024 = bank_holidays([2024])
    assert date(2024, 12, 25) in holidays_2024
    assert date(2024, 12, 26) in holidays_2024
    assert date(2024, 8, 26) in holidays_2024  # summer bank holiday in England, not Scotland
    assert date(2024, 8, 5) not in holidays_2024


@pytest.mark.parametrize(
    ("meeting", "latest"),
    [
        (date(2024, 11, 28), date(2024, 11, 20)),  # Thursday -> previous Wednesday
        (date(2025, 1, 2), date(2024, 12, 20)),  # Christmas, Boxing Day and New Year excluded
    ],
)
def test_latest_publication_date_gives_five_clear_working_days(meeting, latest):
    assert latest_publication_date(meeting) == latest
    assert clear_working_days_between(latest, meeting) == 5
    assert is_working_day(latest)
    next_working_day = add_working_days(latest, 1)
    assert clear_working_days_between(next_working_day, meeting) < 5


def test_clear_days_exclude_both_ends_and_weekends():
    # Wed 20 Nov -> Thu 28 Nov 2024: 21, 22, 25, 26, 27 November
    assert clear_working_days_between(date(2024, 11, 20), date(2024, 11, 28)) == 5
    assert clear_working_days_between(date(2024, 11, 27), date(2024, 11, 28)) == 0


def test_start_day_is_day_zero_and_day_45_is_in_time():
    start = date(2024, 9, 2)  # Monday
    day_45 = add_working_days(start, 45)
    assert working_days_after(start, day_45) == 45
    assert working_days_after(start, start) == 0
    # A bank holiday inside the period pushes the 45th working day back by one day.
    start_with_holiday = date(2024, 8, 20)
    assert date(2024, 8, 26) in bank_holidays([2024])
    assert working_days_after(start_with_holiday, add_working_days(start_with_holiday, 45)) == 45
    assert (add_working_days(start_with_holiday, 45) - start_with_holiday).days == 64


def test_weekend_is_not_a_working_day():
    assert not is_working_day(date(2024, 11, 23))
    assert is_working_day(date(2024, 11, 22))
