"""The synthetic authority passes the DfE's CIN census and SSDA903 overlap and sequence
rules (``scrutiny.casedata.validity``), and the checks catch each rule broken by hand."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from scrutiny.casedata.demo import DEMO_CHILDREN, DEMO_LA, DEMO_SEED
from scrutiny.casedata.generator import generate_la
from scrutiny.casedata.synthetic.frame import starts_during_earlier
from scrutiny.casedata.synthetic.work import one_at_a_time
from scrutiny.casedata.validity import all_rules, check_records

from .conftest import d

END = date(2024, 10, 31)


def broken(store, **kwargs) -> set[str]:
    return {v.code for v in check_records(store.con, **kwargs)}


@pytest.mark.parametrize(
    ("children", "seed", "end", "years"),
    [
        (3000, 7, END, 3),
        (1500, 40, END, 3),
        (2500, 99, date(2023, 3, 31), 2),
        (800, 5, date(2024, 2, 29), 4),
    ],
)
def test_generated_authorities_break_no_rule(store, children, seed, end, years):
    generate_la(store.con, la="SYN", children=children, seed=seed, end=end, years=years)
    assert check_records(store.con, la="SYN", end=end) == []


def test_the_demo_authority_breaks_no_rule(store):
    generate_la(store.con, la=DEMO_LA, children=DEMO_CHILDREN, seed=DEMO_SEED)
    assert check_records(store.con, la=DEMO_LA, end=END) == []


def test_generated_enquiries_start_after_their_strategy_discussion(store):
    """So the conference's 15 working days (from the discussion) and the enquiry's start
    are different dates and the ICPC timeliness figure is tested."""
    generate_la(store.con, la="SYN", children=3000, seed=7)
    same_day, later, enquiries = store.con.execute(
        """SELECT count(*) FILTER (s47_start = strategy_date),
                  count(*) FILTER (s47_start > strategy_date), count(*)
           FROM s47_enquiries"""
    ).fetchall()[0]
    assert enquiries > 100 and same_day == 0 and later == enquiries


def test_every_rule_runs_on_an_empty_store(store):
    rules = all_rules(store.con)
    assert len({r.code for r in rules}) == len(rules) > 40
    assert check_records(store.con, end=END) == []


# Each case: records breaking exactly the rule named (beside a child and a referral).
CASES = {
    "CIN 8863": [
        ("assessments", dict(assessment_start=d("2024-01-10"), assessment_authorised=None)),
        ("assessments", dict(assessment_start=d("2024-02-01"), assessment_authorised=None)),
    ],
    "CIN 4014": [
        ("cin_plans", dict(cin_start=d("2024-01-10"), cin_end=d("2024-03-01"))),
        ("cin_plans", dict(cin_start=d("2024-02-29"), cin_end=None)),
    ],
    "CIN 4016": [
        ("cp_plans", dict(cpp_start=d("2024-01-10"), cpp_end=None)),
        ("s47_enquiries", dict(strategy_date=d("2024-01-02"), s47_start=d("2024-01-03"),
                               icpc_date=d("2024-01-10"))),
        ("strategy_discussions", dict(strategy_date=d("2024-01-02"))),
        ("cin_plans", dict(cin_start=d("2024-03-01"), cin_end=None)),
    ],
    "CIN 8940": [
        ("cp_plans", dict(cpp_start=d("2024-01-10"), cpp_end=d("2024-02-01"))),
        ("cp_plans", dict(cpp_start=d("2024-02-01"), cpp_end=None)),
        ("s47_enquiries", dict(strategy_date=d("2024-01-02"), s47_start=d("2024-01-03"),
                               icpc_date=d("2024-01-10"))),
        ("s47_enquiries", dict(strategy_date=d("2024-01-24"), s47_start=d("2024-01-25"),
                               icpc_date=d("2024-02-01"))),
        ("strategy_discussions", dict(strategy_date=d("2024-01-02"))),
        ("strategy_discussions", dict(strategy_date=d("2024-01-24"))),
    ],
    "strategy_before_s47": [
        ("s47_enquiries", dict(strategy_date=d("2024-01-03"), s47_start=d("2024-01-03"),
                               icpc_date=d("2024-01-10"))),
        ("strategy_discussions", dict(strategy_date=d("2024-01-03"))),
    ],
    "903 501": [
        ("cla_episodes", dict(decom=d("2024-01-10"), dec=d("2024-03-01"), rne="S")),
        ("cla_episodes", dict(decom=d("2024-02-01"), dec=None, rne="S")),
    ],
    "903 357": [("cla_episodes", dict(decom=d("2024-01-10"), dec=None, rne="P"))],
    "allocation_overlap": [
        ("allocations", dict(worker="w1", alloc_start=d("2024-01-10"), alloc_end=None)),
        ("allocations", dict(worker="w2", alloc_start=d("2024-02-01"), alloc_end=None)),
    ],
    "contacts_key": [
        ("contacts", dict(contact_date=d("2024-01-05"))),
        ("contacts", dict(contact_date=d("2024-01-05"))),
    ],
    "referrals_dates": [("referrals", dict(referral_date=d("2024-12-01")))],
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_rule_catches_its_break(store, build, code):
    build.add("children", child="a", dob=d("2015-06-01"))
    build.add("referrals", child="a", referral_date=d("2024-01-02"))
    for table, values in CASES[code]:
        build.add(table, child="a", **values)
    assert broken(store, la="T", end=END) == {code}


def test_the_same_records_one_after_the_other_break_nothing(store, build):
    build.add("children", child="a", dob=d("2015-06-01"))
    build.add("referrals", child="a", referral_date=d("2024-01-02"))
    build.add(
        "assessments",
        child="a",
        referral_date=d("2024-01-02"),
        assessment_start=d("2024-01-03"),
        assessment_authorised=d("2024-02-01"),
    )
    build.add(
        "assessments", child="a", assessment_start=d("2024-02-01"), assessment_authorised=None
    )  # starts the day the first was authorised (8863)
    build.add("cin_plans", child="a", cin_start=d("2024-02-01"), cin_end=d("2024-03-04"))
    build.add("strategy_discussions", child="a", strategy_date=d("2024-02-20"))
    build.add(
        "s47_enquiries",
        child="a",
        strategy_date=d("2024-02-20"),
        s47_start=d("2024-02-21"),
        icpc_date=d("2024-03-04"),
    )
    build.add("cp_plans", child="a", cpp_start=d("2024-03-04"), cpp_end=None)  # CIN plan's end
    build.add("cla_episodes", child="a", decom=d("2024-03-10"), dec=d("2024-04-01"), rne="S")
    build.add("cla_episodes", child="a", decom=d("2024-04-01"), dec=None, rne="P")
    build.add(
        "allocations",
        child="a",
        worker="w1",
        alloc_start=d("2024-01-03"),
        alloc_end=d("2024-03-04"),
    )
    build.add("allocations", child="a", worker="w2", alloc_start=d("2024-03-04"), alloc_end=None)
    assert broken(store, la="T", end=END) == set()  # fmt: skip


def test_overlap_flags_match_the_validators_same_day_rules():
    child = np.array([1, 1, 1, 2, 2])
    start = np.array([10, 20, 30, 10, 15])
    end = np.array([20, 25, 40, 12, 16])
    assert list(starts_during_earlier(child, start, end, same_day_allowed=True)) == [
        False, False, False, False, False,
    ]  # fmt: skip
    assert list(starts_during_earlier(child, start, end, same_day_allowed=False)) == [
        False, True, False, False, False,
    ]  # fmt: skip
    # A dropped spell still counts as earlier, so what is kept never overlaps.
    among = np.array([True, True, True, False, True])
    flags = starts_during_earlier(child, start, end + 15, among=among, same_day_allowed=True)
    assert list(flags) == [False, True, True, False, False]


def test_overlapping_allocations_become_one_worker_at_a_time(store):
    # Child 1: an assessment (team 0) from day 10 to 30, a plan (team 1) from day 20 to 25.
    segments = one_at_a_time(
        store.con,
        child=np.array([1, 1]),
        start=np.array([10, 20]),
        stop=np.array([30, 25]),
        team=np.array([0, 1]),
        worker=np.array([0, 7]),
    )
    assert [list(map(int, column)) for column in segments] == [
        [1, 1, 1], [10, 20, 25], [20, 25, 30], [0, 1, 0],
    ]  # fmt: skip
