"""Each indicator definition pinned with small hand-made records."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scrutiny.casedata.engine import (
    INDICATORS,
    compute_indicator_series,
    compute_indicators,
    round_half_up,
)
from scrutiny.core.workingdays import add_working_days, bank_holidays, working_days_after

from .conftest import d


def one(store, code, as_at, **kwargs):
    (result,) = compute_indicators(d(as_at), [code], store=store, **kwargs)
    return result


# ------------------------------------------------------------------ assessments, 45 days


def test_assessment_authorised_on_working_day_45_is_in_time_and_day_46_is_late(store, build):
    start = d("2024-01-02")
    day45 = add_working_days(start, 45)
    assert working_days_after(start, day45) == 45
    build.add("assessments", child="a", assessment_start=start, assessment_authorised=day45)
    build.add(
        "assessments",
        child="b",
        assessment_start=start,
        assessment_authorised=add_working_days(start, 46),
    )
    result = one(store, "assessments_45wd_pct", "2024-03-31")
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_assessment_same_day_is_day_zero(store, build):
    build.add(
        "assessments",
        child="a",
        assessment_start=d("2024-02-01"),
        assessment_authorised=d("2024-02-01"),
    )
    assert one(store, "assessments_45wd_pct", "2024-03-31").value == 100.0


def test_bank_holidays_inside_the_period_are_not_working_days(store, build):
    # Easter 2024: Good Friday 29 March and Easter Monday 1 April are bank holidays.
    start = d("2024-02-20")
    assert {d("2024-03-29"), d("2024-04-01")} <= bank_holidays([2024])
    day45 = add_working_days(start, 45)
    weekdays_only = start
    counted = 0
    while counted < 45:
        weekdays_only += timedelta(days=1)
        if weekdays_only.weekday() < 5:
            counted += 1
    assert day45 == weekdays_only + timedelta(days=2)  # two holidays push day 45 back
    build.add("assessments", child="a", assessment_start=start, assessment_authorised=day45)
    build.add(
        "assessments",
        child="b",
        assessment_start=start,
        assessment_authorised=add_working_days(start, 46),
    )
    result = one(store, "assessments_45wd_pct", "2024-05-31")
    assert (result.numerator, result.denominator) == (1, 2)


def test_assessments_count_by_authorisation_date_in_period(store, build):
    build.add(
        "assessments",
        child="a",
        assessment_start=d("2023-01-05"),
        assessment_authorised=d("2023-03-31"),
    )  # on as-at minus one year: outside
    build.add(
        "assessments",
        child="b",
        assessment_start=d("2024-03-01"),
        assessment_authorised=d("2024-03-31"),
    )  # on the as-at date: inside
    build.add("assessments", child="c", assessment_start=d("2024-03-20"))  # not authorised
    result = one(store, "assessments", "2024-03-31")
    assert result.value == 1


# ------------------------------------------------------------------ referrals


def test_re_referral_exactly_twelve_months_after_the_last_counts(store, build):
    build.add("referrals", child="a", referral_date=d("2023-06-15"))
    build.add("referrals", child="a", referral_date=d("2024-06-15"))  # exactly 12 months
    build.add("referrals", child="b", referral_date=d("2023-06-14"))
    build.add("referrals", child="b", referral_date=d("2024-06-15"))  # 12 months and a day
    result = one(store, "re_referrals_12m_pct", "2024-06-30")
    # In the period (2023-06-30, 2024-06-30]: a's and b's 2024 referrals only.
    assert (result.numerator, result.denominator, result.value) == (1, 2, 50.0)


def test_re_referral_looks_back_before_the_period_and_ignores_same_day(store, build):
    build.add("referrals", child="a", referral_date=d("2023-02-01"))
    build.add("referrals", child="a", referral_date=d("2023-05-01"))  # in period, re-referral
    build.add("referrals", child="c", referral_date=d("2024-01-10"))
    build.add("referrals", child="c", referral_date=d("2024-01-10"), la="T2")  # other LA
    result = one(store, "re_referrals_12m_pct", "2024-03-31")
    assert (result.numerator, result.denominator) == (1, 3)


def test_re_referral_on_29_february(store, build):
    build.add("referrals", child="a", referral_date=d("2023-02-28"))
    build.add("referrals", child="a", referral_date=d("2024-02-29"))
    result = one(store, "re_referrals_12m_pct", "2024-02-29")
    assert (result.numerator, result.denominator) == (1, 1)


def test_referral_period_boundaries_and_nfa(store, build):
    build.add("referrals", child="a", referral_date=d("2023-10-31"), nfa=True)  # excluded
    build.add("referrals", child="b", referral_date=d("2023-11-01"), nfa=True)
    build.add("referrals", child="c", referral_date=d("2024-10-31"), nfa=False)
    build.add("referrals", child="d", referral_date=d("2024-10-31"))  # unknown: not NFA
    build.add("referrals", child="e", referral_date=d("2024-11-01"), nfa=True)  # after
    results = {
        r.code: r
        for r in compute_indicators(
            d("2024-10-31"), ["referrals", "referrals_nfa_pct", "referrals_month"], store=store
        )
    }
    assert results["referrals"].value == 3
    assert (results["referrals_nfa_pct"].numerator, results["referrals_nfa_pct"].denominator) == (
        1,
        3,
    )
    assert results["referrals_nfa_pct"].value == 33.3
    assert results["referrals_month"].value == 2


# ------------------------------------------------------------------ child protection


def test_second_plan_by_history_or_by_previous_plan_count(store, build):
    build.add("cp_plans", child="a", cpp_start=d("2019-05-01"), cpp_end=d("2020-01-01"))
    build.add("cp_plans", child="a", cpp_start=d("2024-01-15"))  # second: earlier plan
    build.add("cp_plans", child="b", cpp_start=d("2024-02-01"), previous_plans=1)  # second
    build.add("cp_plans", child="c", cpp_start=d("2024-02-01"), previous_plans=0)  # first
    build.add("cp_plans", child="e", cpp_start=d("2024-02-01"))  # first, count unknown
    result = one(store, "cpp_second_or_subsequent_pct", "2024-03-31")
    assert (result.numerator, result.denominator, result.value) == (2, 4, 50.0)


def test_plans_at_date_and_ceased_after_two_years(store, build):
    build.add("cp_plans", child="a", cpp_start=d("2022-01-10"), cpp_end=d("2024-01-10"))
    build.add("cp_plans", child="b", cpp_start=d("2022-01-10"), cpp_end=d("2024-01-09"))
    build.add("cp_plans", child="c", cpp_start=d("2024-03-01"), cpp_end=d("2024-03-31"))
    build.add("cp_plans", child="e", cpp_start=d("2024-03-31"))
    build.add("population", year=2023, population=20000)
    results = {
        r.code: r
        for r in compute_indicators(
            d("2024-03-31"), ["cpp_ceased_2y_plus_pct", "cpp_at_date", "cpp_rate"], store=store
        )
    }
    assert (
        results["cpp_ceased_2y_plus_pct"].numerator,
        results["cpp_ceased_2y_plus_pct"].denominator,
    ) == (1, 3)
    assert results["cpp_at_date"].value == 1  # c ended on the as-at date, e started on it
    assert results["cpp_rate"].value == 0.5


def test_s47_to_conference_and_conference_within_15_working_days(store, build):
    strategy = d("2024-03-20")
    build.add(
        "s47_enquiries",
        child="a",
        strategy_date=strategy,
        s47_start=strategy,
        icpc_date=add_working_days(strategy, 15),
    )
    build.add(
        "s47_enquiries", child="b", s47_start=strategy, icpc_date=add_working_days(strategy, 16)
    )
    build.add("s47_enquiries", child="c", s47_start=strategy, icpc_not_required=True)
    build.add(
        "s47_enquiries", child="e", s47_start=d("2024-04-25"), icpc_date=d("2024-05-10")
    )  # conference after the as-at date
    # A conference with no start date is not an enquiry and has no timescale.
    build.add("s47_enquiries", child="f", icpc_date=d("2024-04-02"))
    results = {
        r.code: r
        for r in compute_indicators(
            d("2024-04-30"), ["s47", "s47_icpc_pct", "icpc_15wd_pct"], store=store
        )
    }
    assert results["s47"].value == 4
    assert (results["s47_icpc_pct"].numerator, results["s47_icpc_pct"].denominator) == (2, 4)
    assert (results["icpc_15wd_pct"].numerator, results["icpc_15wd_pct"].denominator) == (1, 2)


# ------------------------------------------------------------------ looked after


def episode(build, child, decom, dec=None, rne="P", ls="C2", place="U4", provider="PR1", rec=None):
    build.add(
        "cla_episodes",
        child=child,
        decom=d(decom),
        dec=d(dec) if dec else None,
        rne=rne,
        ls=ls,
        place=place,
        place_provider=provider,
        rec=rec if rec or not dec else "X1",
    )


def test_cla_at_date_boundaries(store, build):
    episode(build, "a", "2024-03-31", rne="S")  # started on as-at: counted
    episode(build, "b", "2023-01-01", "2024-03-31", rne="S", rec="E13")  # ended on it: not
    episode(build, "c", "2023-01-01", "2024-04-01", rne="S", rec="E13")  # ended after: counted
    episode(build, "e", "2024-04-01", rne="S")  # starts later
    episode(build, "f", "2023-06-01", rne="S", ls="V3")  # short breaks: not counted
    assert one(store, "cla_at_date", "2024-03-31").value == 2


def test_three_placements_counts_legal_status_changes_as_continuing(store, build):
    # a: S, then L (legal status only), then P -> 2 placements.
    episode(build, "a", "2023-05-01", "2023-08-01", rne="S")
    episode(build, "a", "2023-08-01", "2023-11-01", rne="L", ls="C1")
    episode(build, "a", "2023-11-01", rne="P")
    # b: S, P, T -> 3 placements.
    episode(build, "b", "2023-05-01", "2023-08-01", rne="S")
    episode(build, "b", "2023-08-01", "2023-11-01", rne="P")
    episode(build, "b", "2023-11-01", rne="T")
    # c: first overlapping episode is an L episode and still counts as one: L, P, P -> 3.
    episode(build, "c", "2022-01-01", "2023-02-01", rne="S")  # before the period
    episode(build, "c", "2023-02-01", "2023-09-01", rne="L")
    episode(build, "c", "2023-09-01", "2023-12-01", rne="P")
    episode(build, "c", "2023-12-01", rne="P")
    result = one(store, "cla_3plus_placements_pct", "2024-03-31")
    assert (result.numerator, result.denominator) == (2, 3)
    assert result.value == 66.7


def test_short_break_children_are_left_out_of_placement_stability(store, build):
    episode(build, "a", "2023-05-01", "2023-08-01", rne="S", ls="V4")
    episode(build, "a", "2023-08-01", "2023-11-01", rne="P", ls="V4")
    episode(build, "a", "2023-11-01", rne="P", ls="V4")
    episode(build, "b", "2023-05-01", "2023-08-01", rne="S")
    episode(build, "b", "2023-08-01", "2023-11-01", rne="P")
    episode(build, "b", "2023-11-01", rne="P")
    result = one(store, "cla_3plus_placements_pct", "2024-03-31")
    assert (result.numerator, result.denominator) == (1, 1)
    assert one(store, "cla_at_date", "2024-03-31").value == 1


# The DfE's children-looked-after statistics leave out children looked after under an
# agreed series of short-term placements (legal status V3 or V4); so do the benchmarks.
def test_short_break_children_are_not_counted_as_looked_after(store, build):
    build.add("population", year=2023, population=10000)
    episode(build, "a", "2023-06-01", rne="S", place="U4", provider="PR4")  # looked after
    episode(build, "v3", "2024-01-10", rne="S", ls="V3", place="U4", provider="PR4")
    episode(build, "v4", "2023-09-01", rne="S", ls="V4", place="K2", provider="PR4")
    # Short breaks first, then full care from 1 March: looked after at the as-at date.
    episode(build, "m", "2023-05-01", "2024-03-01", rne="S", ls="V4", rec="X1")
    episode(build, "m", "2024-03-01", rne="L", ls="C2", place="U1", provider="PR1")
    results = {r.code: r for r in compute_indicators(d("2024-03-31"), store=store)}
    assert results["cla_at_date"].value == 2
    assert (results["cla_rate"].numerator, results["cla_rate"].value) == (2, 2.0)
    assert results["cla_placed_ifa"].value == 1
    assert (results["cla_placed_ifa_pct"].numerator, results["cla_placed_ifa_pct"].denominator) == (
        1,
        2,
    )
    assert results["cla_placed_childrens_home"].value == 0
    assert results["cla_placed_connected"].value == 1
    assert results["cla_3plus_placements_pct"].denominator == 2
    # Starting to be looked after: a's and m's full care began before March; v3 and v4
    # began short breaks. In March only m's move from short breaks to full care counts.
    assert results["cla_new_month"].value == 1


def test_short_break_episodes_do_not_start_or_end_care_in_the_month(store, build):
    episode(build, "v3", "2024-03-04", "2024-03-08", rne="S", ls="V3", rec="E13")
    episode(build, "v4", "2024-03-11", rne="S", ls="V4")
    episode(build, "a", "2024-03-05", rne="S")
    episode(build, "b", "2023-01-01", "2024-03-20", rne="S", rec="E4A")
    # Full care ends, short breaks follow: the child has ceased to be looked after.
    episode(build, "c", "2023-01-01", "2024-03-25", rne="S", rec="X1")
    episode(build, "c", "2024-03-25", rne="L", ls="V4")
    results = {r.code: r.value for r in compute_indicators(d("2024-03-31"), store=store)}
    assert results["cla_new_month"] == 1
    assert results["cla_ceased_month"] == 2
    assert results["cla_ceased_month_returned_home"] == 1


def test_episode_ending_on_the_day_the_period_starts_overlaps_it(store, build):
    # Period for 2024-03-31 is (2023-03-31, 2024-03-31]; an episode ending on 2023-03-31
    # does not overlap, one ending on 2023-04-01 does.
    episode(build, "a", "2022-01-01", "2023-03-31", rne="S")
    episode(build, "a", "2023-03-31", "2023-10-01", rne="P")
    episode(build, "a", "2023-10-01", rne="P")
    episode(build, "b", "2022-01-01", "2023-04-01", rne="S")
    episode(build, "b", "2023-04-01", "2023-10-01", rne="P")
    episode(build, "b", "2023-10-01", rne="P")
    result = one(store, "cla_3plus_placements_pct", "2024-03-31")
    assert (result.numerator, result.denominator) == (1, 2)


def test_placement_types_and_month_flows(store, build):
    episode(build, "a", "2024-03-05", rne="S", place="U4", provider="PR4")  # IFA
    episode(build, "b", "2023-01-01", place="U1", provider="PR1")  # connected, in-house
    episode(build, "c", "2023-01-01", place="K2", provider="PR4")  # children's home
    episode(build, "e", "2023-01-01", place="P1", provider="PR0")  # with parents
    episode(build, "f", "2023-01-01", place="H5", provider="PR4")  # unregulated
    episode(build, "g", "2023-01-01", "2024-03-10", rne="S", rec="E4A")
    episode(build, "h", "2023-01-01", "2024-03-11", rne="S", rec="E45")
    episode(build, "i", "2023-01-01", "2024-03-12", rne="S", rec="X1")  # continues
    episode(build, "i", "2024-03-12", rne="P")
    build.add("children", child="h", uasc=True)
    results = {r.code: r.value for r in compute_indicators(d("2024-03-31"), store=store)}
    assert results["cla_at_date"] == 6
    assert results["cla_placed_ifa"] == 1
    assert results["cla_placed_ifa_pct"] == 16.7
    assert results["cla_placed_connected"] == 1
    assert results["cla_placed_in_house_foster"] == 2  # b (U1, PR1) and i (U4, PR1)
    assert results["cla_placed_childrens_home"] == 1
    assert results["cla_placed_with_parents"] == 1
    assert results["cla_placed_unregulated"] == 1
    assert results["cla_new_month"] == 1
    assert results["cla_ceased_month"] == 2
    assert results["cla_ceased_month_excl_uasc"] == 1
    assert results["cla_ceased_month_returned_home"] == 1
    assert results["cla_ceased_month_cao_sgo"] == 1


# ------------------------------------------------------------------ zero denominators


def test_zero_denominators_give_no_value(store):
    results = compute_indicators(d("2024-03-31"), store=store)
    assert {r.code for r in results} == set(INDICATORS)
    for r in results:
        if r.unit == "count":
            assert r.value == 0
        else:
            assert r.value is None, r.code


# ------------------------------------------------------------------ teams and provenance


def test_team_breakdown_adds_up_and_provenance_is_kept(store, build):
    start = d("2024-01-02")
    build.add("allocations", child="a", worker="w1", team="Jigsaw 1", alloc_start=d("2023-12-01"))
    build.add(
        "allocations",
        child="b",
        worker="w2",
        team="CRS",
        alloc_start=d("2023-12-01"),
        alloc_end=d("2024-01-31"),
    )
    build.add(
        "assessments",
        child="a",
        assessment_start=start,
        assessment_authorised=add_working_days(start, 10),
    )
    build.add(
        "assessments",
        child="b",
        assessment_start=start,
        assessment_authorised=add_working_days(start, 60),
    )
    build.add(
        "assessments",
        child="c",
        assessment_start=start,
        assessment_authorised=add_working_days(start, 30),
        team="Young People Team 1",
    )
    result = one(store, "assessments_45wd_pct", "2024-06-30")
    assert sorted(result.teams) == [
        ("Jigsaw 1", 1, 1),
        ("Unallocated", 0, 1),
        ("Young People Team 1", 1, 1),
    ]
    assert (result.numerator, result.denominator, result.value) == (2, 3, 66.7)
    assert result.provenance["definition_version"] == INDICATORS[result.code].version
    assert result.provenance["records_counted"] == 3
    assert result.provenance["as_at"] == "2024-06-30"


@pytest.fixture
def allocated_to_a_then_briefly_b(build):
    """Child a: Team A from 1 January, open; Team B as well from 1 February to 1 March."""
    build.add("allocations", child="a", worker="w1", team="Team A", alloc_start=d("2024-01-01"))
    build.add(
        "allocations",
        child="a",
        worker="w2",
        team="Team B",
        alloc_start=d("2024-02-01"),
        alloc_end=d("2024-03-01"),
    )
    return build


def test_team_at_a_date_is_the_open_allocation_that_started_last(
    store, allocated_to_a_then_briefly_b
):
    allocated_to_a_then_briefly_b.add("cp_plans", child="a", cpp_start=d("2024-01-15"))
    # On 15 February both are open: the later one. By 31 March Team B's has closed, and the
    # child is still allocated to Team A.
    assert one(store, "cpp_at_date", "2024-02-15").teams == [("Team B", 1, None)]
    assert one(store, "cpp_at_date", "2024-03-31").teams == [("Team A", 1, None)]


def test_team_on_a_record_date_is_the_open_allocation_that_started_last(
    store, allocated_to_a_then_briefly_b
):
    build = allocated_to_a_then_briefly_b
    build.add("referrals", child="a", referral_date=d("2024-02-10"))
    build.add("referrals", child="a", referral_date=d("2024-04-15"))  # Team B's has closed
    result = one(store, "referrals", "2024-04-30")
    assert sorted(result.teams) == [("Team A", 1, None), ("Team B", 1, None)]


@pytest.mark.parametrize("large_store", [False, True], ids=["small store", "large store"])
def test_allocations_starting_the_same_day_give_the_same_team_every_time(
    store, build, monkeypatch, large_store
):
    from scrutiny.casedata import engine

    if large_store:  # team names become an ENUM and families run one at a time
        monkeypatch.setattr(engine, "SMALL_STORE_ROWS", 0)
    # Both open on 15 January: the one lasting longer (open-ended) gives the team.
    build.add(
        "allocations",
        child="a",
        worker="w1",
        team="Team Z",
        alloc_start=d("2024-01-01"),
        alloc_end=d("2024-02-01"),
    )
    build.add("allocations", child="a", worker="w2", team="Team A", alloc_start=d("2024-01-01"))
    build.add("referrals", child="a", referral_date=d("2024-01-15"))
    build.add("cp_plans", child="a", cpp_start=d("2024-01-10"))
    # Open-ended on the same day as Team A's: the names decide, the same way every time.
    build.add("allocations", child="b", worker="w3", team="Team A", alloc_start=d("2024-01-01"))
    build.add("allocations", child="b", worker="w4", team="Team Z", alloc_start=d("2024-01-01"))
    build.add("cp_plans", child="b", cpp_start=d("2024-01-10"))
    for _ in range(3):
        assert one(store, "referrals", "2024-01-31").teams == [("Team A", 1, None)]
        assert one(store, "cpp_at_date", "2024-01-31").teams == [
            ("Team A", 1, None),
            ("Team Z", 1, None),
        ]


def test_series_matches_single_dates(store, build):
    for i, day in enumerate(["2023-01-05", "2023-06-01", "2023-12-24", "2024-02-10"]):
        build.add("referrals", child=f"c{i % 2}", referral_date=d(day), nfa=i == 2)
    dates = [d("2023-06-30"), d("2023-12-31"), d("2024-03-31")]
    series = compute_indicator_series(dates, ["referrals", "re_referrals_12m_pct"], store=store)
    for as_at in dates:
        single = compute_indicators(as_at, ["referrals", "re_referrals_12m_pct"], store=store)
        assert [(r.code, r.value) for r in single] == [(r.code, r.value) for r in series[as_at]]


# ------------------------------------------------------------------ visits and caseloads


def test_cp_visits_within_ten_working_days(store, build):
    as_at = d("2024-04-30")
    build.add("cp_plans", child="a", cpp_start=d("2024-01-10"))
    build.add("visits", child="a", visit_date=d("2024-04-16"), visit_kind="cp")
    build.add("cp_plans", child="b", cpp_start=d("2024-01-10"))
    build.add("visits", child="b", visit_date=d("2024-04-15"), visit_kind="cp")  # 11
    build.add("cp_plans", child="c", cpp_start=d("2024-04-25"))  # not yet due
    assert working_days_after(d("2024-04-16"), as_at) == 10
    result = one(store, "visits_cp_10wd_pct", "2024-04-30")
    assert (result.numerator, result.denominator) == (1, 2)


def test_a_visit_counts_only_for_the_plan_of_its_kind(store, build):
    # Both children on a CIN plan since January; each visited 10 days before the as-at
    # date, but a's visit was an early help visit.
    for child, kind in [("a", "eh"), ("b", "cin")]:
        build.add("cin_plans", child=child, cin_start=d("2024-01-10"))
        build.add("visits", child=child, visit_date=d("2024-04-20"), visit_kind=kind)
    result = one(store, "visits_cin_3w_pct", "2024-04-30")
    assert (result.numerator, result.denominator) == (1, 2)


def test_a_legal_status_change_does_not_restart_the_looked_after_visit_clock(store, build):
    # Placed on 1 June; legal status changed (RNE L) on 10 October; last visited 30 days
    # before the change. The placement continues, so by 31 October the visit is 51 days
    # old: late (regulation 28 runs from the placement, not from the new episode).
    episode(build, "a", "2024-06-01", "2024-10-10", rne="S", ls="C2")
    episode(build, "a", "2024-10-10", rne="L", ls="C1")
    build.add("visits", child="a", visit_date=d("2024-09-10"), visit_kind="cla")
    # A real move (RNE P) on 10 October does start a new placement: not yet due.
    episode(build, "b", "2024-06-01", "2024-10-10", rne="S", ls="C2")
    episode(build, "b", "2024-10-10", rne="P", ls="C2")
    build.add("visits", child="b", visit_date=d("2024-09-10"), visit_kind="cla")
    result = one(store, "visits_cla_6w_pct", "2024-10-31")
    assert (result.numerator, result.denominator) == (0, 1)


def test_overlapping_plans_count_from_the_earliest_start(store, build):
    # Two overlapping CIN plans: on a plan since 1 February (89 days by 30 April), so a
    # visit is due, although the later plan began only 10 days ago.
    build.add("cin_plans", child="a", cin_start=d("2024-02-01"))
    build.add("cin_plans", child="a", cin_start=d("2024-04-20"))
    build.add("visits", child="a", visit_date=d("2024-03-01"), visit_kind="cin")
    result = one(store, "visits_cin_6w_pct", "2024-04-30")
    assert (result.numerator, result.denominator) == (0, 1)
    # Assessments too: in progress since 1 March (one supervision due after 28 days).
    build.add("assessments", child="b", assessment_start=d("2024-03-01"))
    build.add("assessments", child="b", assessment_start=d("2024-04-25"))
    build.add("supervisions", child="b", supervision_date=d("2024-03-10"))
    result = one(store, "supervision_assessment_pct", "2024-04-30")
    assert (result.numerator, result.denominator) == (0, 1)


def test_caseloads(store, build):
    for i in range(20):
        build.add(
            "allocations", child=f"a{i}", worker="w1", team="Team A", alloc_start=d("2024-01-01")
        )
    build.add("allocations", child="b", worker="w2", team="Team B", alloc_start=d("2024-01-01"))
    build.add(
        "allocations",
        child="c",
        worker="w2",
        team="Team B",
        alloc_start=d("2024-01-01"),
        alloc_end=d("2024-02-01"),
    )
    results = {
        r.code: r
        for r in compute_indicators(
            d("2024-03-31"),
            ["caseload_average", "caseload_workers_20plus", "caseload_children_held"],
            store=store,
        )
    }
    assert results["caseload_children_held"].value == 21
    assert results["caseload_average"].value == 10.5
    assert results["caseload_workers_20plus"].value == 1


def test_rates_use_the_mid_year_estimate_in_force(store, build):
    build.add("population", year=2022, population=40000)
    build.add("population", year=2023, population=50000)
    build.add("referrals", child="a", referral_date=d("2023-05-01"))
    assert one(store, "referrals_rate", "2023-06-30").value == 0.3  # 1 / 40,000, mid-2022
    assert one(store, "referrals_rate", "2024-03-31").value == 0.2  # 1 / 50,000, mid-2023
    assert one(store, "referrals_rate", "2023-07-31").denominator == 50000


def test_round_half_up():
    assert round_half_up(66.65, 1) == 66.7
    assert round_half_up(0.25, 1) == 0.3
    assert round_half_up(2 / 3 * 100, 1) == 66.7
