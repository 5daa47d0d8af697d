"""Figures for a period from the register, and what the public version hides."""

from datetime import date

import pytest

from scrutiny.performance.suppression import suppress_breakdown
from scrutiny.reviews import services
from scrutiny.reviews.figures import Period, PeriodError, compute, parse_period, table_rows
from scrutiny.reviews.models import DecisionKind
from tests.reviews.factories import PartnershipFactory, decided_case, partnership_staff

pytestmark = pytest.mark.django_db


def test_periods_are_reporting_years_or_any_range():
    assert parse_period("2023-24") == Period(date(2023, 4, 1), date(2024, 3, 31))
    assert parse_period("2023-24").label == "2023/24"
    custom = parse_period("2024-01-01..2024-06-30")
    assert custom.key == "2024-01-01..2024-06-30"
    for bad in ("2023-25", "2024-02-30..2024-03-01", "2024-03-01..2024-01-01", "x"):
        with pytest.raises(PeriodError):
            parse_period(bad)


def test_suppression_hides_a_second_part_so_none_can_be_worked_out():
    assert suppress_breakdown(16, {"a": 2, "b": 6, "c": 8}) == (False, {"a", "b"})
    assert suppress_breakdown(16, {"a": 0, "b": 16}) == (False, set())
    assert suppress_breakdown(4, {"a": 0, "b": 4}) == (True, {"b"})
    assert suppress_breakdown(20, {"a": 6, "b": 14}) == (False, set())


@pytest.fixture
def register(db):
    staff = partnership_staff()
    partnership = PartnershipFactory()
    cases = []
    # Six notified within the year: five on time, one on the 6th working day.
    for n, (aware, notified) in enumerate(
        [
            (date(2024, 5, 23), date(2024, 5, 31)),  # 5th working day over the bank holiday
            (date(2024, 5, 23), date(2024, 6, 3)),  # 6th: late
            (date(2024, 6, 3), date(2024, 6, 4)),
            (date(2024, 7, 1), date(2024, 7, 2)),
            (date(2024, 9, 2), date(2024, 9, 3)),
            (date(2024, 10, 1), date(2024, 10, 2)),
        ],
        start=1,
    ):
        cases.append(
            decided_case(
                staff,
                partnership=partnership,
                reference=f"RR-2425-{n:02d}",
                aware=aware,
                notification=notified,
                rapid_review=notified,
                decision=DecisionKind.LCSPR if n <= 2 else DecisionKind.NO_FURTHER_REVIEW,
                # the 2nd case decided on the 16th working day after its notification
                decision_date=date(2024, 6, 25) if n == 2 else notified,
            )
        )
    # A referral from the year before, published in this one.
    old = decided_case(
        staff,
        partnership=partnership,
        reference="RR-2324-09",
        aware=date(2023, 6, 5),
        notification=date(2023, 6, 6),
        rapid_review=date(2023, 6, 20),
        decision=DecisionKind.LCSPR,
        decision_date=date(2023, 6, 20),
    )
    services.case_review_record_milestones(
        actor=staff,
        case=old,
        commissioned_on=date(2023, 7, 3),
        reviewer="",
        draft_received_on=None,
        sent_to_national_panel_on=None,
    )
    services.case_review_set_themes(actor=staff, case=old, themes=["Neglect"])
    services.case_review_publish(
        actor=staff,
        case=old,
        published_on=date(2024, 6, 20),
        publication_url="https://example.org/r",
    )
    services.review_recommendation_add(
        actor=staff,
        case=old,
        text="Train staff.",
        owning_agency="Health",
        recorded_on=date(2024, 6, 20),
    )
    return cases


def test_yearly_figures_count_each_stage_by_its_own_date(register):
    f = compute(parse_period("2024-25"))
    assert (f.referrals, f.notifications, f.notifications_in_time) == (6, 6, 5)
    assert (f.rapid_reviews, f.rapid_reviews_in_time) == (6, 5)
    assert f.decisions == {"lcspr": 2, "thematic": 0, "no_further_review": 4}
    assert (f.lcsprs_started, f.lcsprs_published) == (0, 1)
    assert f.median_days_to_publication == 366  # 20 June 2023 to 20 June 2024
    assert f.open_recommendations == 1
    assert f.themes == [("Neglect", 1)]
    earlier = compute(parse_period("2023-24"))
    assert (earlier.referrals, earlier.lcsprs_started, earlier.lcsprs_published) == (1, 1, 0)
    assert earlier.open_recommendations == 0


def test_the_public_version_shows_c_for_1_to_5_and_the_exact_one_does_not(register):
    f = compute(parse_period("2024-25"))
    public = {row.label: row.value for _, rows in table_rows(f, suppress=True) for row in rows}
    exact = {row.label: row.value for _, rows in table_rows(f, suppress=False) for row in rows}
    assert public["Serious incident notifications"] == "6"
    assert public["Within 5 working days"] == "c"  # 5 on time
    assert public["After 5 working days"] == "c"  # 1 late, and 6 - 5 would give it away
    assert public["Percentage in time"] == "c"
    assert public["Median days from decision to publication"] == "c"
    assert exact["Within 5 working days"] == "5" and exact["After 5 working days"] == "1"
    assert exact["Percentage in time"] == "83%"
    assert exact["Median days from decision to publication"] == "366"
