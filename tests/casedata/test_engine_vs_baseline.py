"""The engine and the independent pandas implementation agree on a generated authority."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pytest

from scrutiny.casedata.engine import (
    compute_indicator_series,
    compute_indicator_table,
    compute_indicators,
)
from scrutiny.casedata.generator import generate_la

BASELINE = Path(__file__).resolve().parents[2] / "bench" / "casedata" / "pandas_baseline.py"


@pytest.fixture(scope="module")
def baseline():
    pytest.importorskip("pandas")
    spec = importlib.util.spec_from_file_location("pandas_baseline", BASELINE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_value_matches_the_pandas_baseline(store, baseline):
    for i, la in enumerate(["A", "B"]):
        generate_la(store.con, la=la, children=1500, seed=40 + i)
    ends = [date(2024, 3, 31), date(2024, 8, 31), date(2024, 10, 31)]
    table = compute_indicator_table(ends, store=store, by_la=True).to_pandas()
    expected = baseline.compute(baseline.load_frames(store.con), ends)
    merged = table.merge(expected, on=["as_at", "la", "code"], how="outer")
    assert len(merged) == len(table)
    numerators = merged["numerator"].fillna(0) == merged["num"].fillna(0)
    denominators = merged["denominator"].fillna(0) == merged["den"].fillna(0)
    assert (numerators & denominators).all(), merged[~(numerators & denominators)].head()
    # Totals do not depend on the team attribution.
    totals = compute_indicator_table(ends, store=store, by_la=True, teams=False).to_pandas()
    assert totals.equals(table)
    # A meaningful comparison: most indicators have data in this authority.
    assert (merged["num"].fillna(0) > 0).mean() > 0.8


def test_one_la_equals_its_share_of_the_whole(store):
    for i, la in enumerate(["A", "B"]):
        generate_la(store.con, la=la, children=1500, seed=60 + i)
    as_at = date(2024, 10, 31)
    whole = {r.code: r for r in compute_indicators(as_at, store=store)}
    parts = [
        {r.code: r for r in compute_indicators(as_at, store=store, la=la)} for la in ["A", "B"]
    ]
    for code, result in whole.items():
        if code == "caseload_average" or result.unit == "rate_per_10000":
            continue
        assert result.numerator == sum(p[code].numerator or 0 for p in parts), code


def test_side_by_side_lanes_give_the_same_rows_as_one_statement_at_a_time(store, monkeypatch):
    """Small stores run families on two connections at once; large ones one at a time."""
    from scrutiny.casedata import engine

    store.con.execute("SET threads = 2")  # two lanes on a small store
    generate_la(store.con, la="A", children=800, seed=7)
    ends = [date(2024, 1, 31), date(2024, 6, 30), date(2024, 10, 31)]
    side_by_side = compute_indicator_table(ends, store=store, by_la=True).to_pandas()
    monkeypatch.setattr(engine, "SMALL_STORE_ROWS", 0)
    one_at_a_time = compute_indicator_table(ends, store=store, by_la=True).to_pandas()
    assert side_by_side.equals(one_at_a_time)

    # Team rows as well as totals.
    def teams(series):
        return {
            (as_at, r.code): (r.value, r.numerator, r.denominator, sorted(r.teams))
            for as_at, results in series.items()
            for r in results
        }

    one_lane = teams(compute_indicator_series(ends, store=store))
    monkeypatch.setattr(engine, "SMALL_STORE_ROWS", 10**12)
    two_lanes = teams(compute_indicator_series(ends, store=store))
    assert two_lanes == one_lane
    assert sum(len(v[3]) for v in two_lanes.values()) > 100
