"""The statutory timescales, counted in working days across a bank holiday."""

from datetime import date

import pytest

from scrutiny.reviews import rules
from scrutiny.reviews.models import CaseReview

# Thursday 23 May 2024; Monday 27 May 2024 is the spring bank holiday.
AWARE = date(2024, 5, 23)


def case(**dates) -> CaseReview:
    return CaseReview(incident_date=AWARE, aware_date=AWARE, **dates)


@pytest.mark.parametrize(
    ("notified", "working_day", "in_time"),
    [
        (date(2024, 5, 31), 5, True),  # Fri 24, Tue 28, Wed 29, Thu 30, Fri 31
        (date(2024, 6, 3), 6, False),  # Monday 3 June, the 6th working day
    ],
)
def test_notification_on_the_5th_working_day_is_in_time_and_the_6th_late(
    notified, working_day, in_time
):
    c = case(notification_date=notified)
    assert rules.notification_days(c) == working_day
    assert rules.notified_in_time(c) is in_time


def test_the_bank_holiday_moves_the_notification_deadline():
    assert rules.notification_due(case()) == date(2024, 5, 31)  # not Thursday 30 May
    assert rules.notification_days(case(notification_date=date(2024, 5, 30))) == 4


@pytest.mark.parametrize(
    ("decided", "working_day", "in_time"),
    [
        (date(2024, 6, 21), 15, True),
        (date(2024, 6, 24), 16, False),
    ],
)
def test_rapid_review_decision_on_day_15_is_in_time_and_day_16_late(decided, working_day, in_time):
    # Notified Friday 31 May 2024; 15 working days later is Friday 21 June.
    c = case(notification_date=date(2024, 5, 31), decision_date=decided)
    assert rules.decision_days(c) == working_day
    assert rules.decided_in_time(c) is in_time
    assert rules.decision_due(c) == date(2024, 6, 21)


def test_rapid_review_window_across_the_august_bank_holiday():
    # Notified Friday 16 August 2024; Monday 26 August is a bank holiday.
    c = case(notification_date=date(2024, 8, 16), decision_date=date(2024, 9, 6))
    assert rules.decision_days(c) == 14
    assert rules.decision_due(c) == date(2024, 9, 9)
