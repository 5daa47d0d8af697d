"""The engine's results kept per store version and as-at date (``engine_cache``)."""

from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from scrutiny.casedata import engine
from scrutiny.casedata.engine_cache import clear_results
from scrutiny.casedata.generator import generate_la
from scrutiny.casedata.store import append_arrow, data_version, open_store

from .conftest import d

CODES = ["referrals", "cpp_at_date", "visits_cp_10wd_pct", "caseload_average", "cla_rate"]
MONTH_ENDS = [d("2024-07-31"), d("2024-08-31"), d("2024-09-30"), d("2024-10-31")]


@pytest.fixture
def generated():
    clear_results()
    st = open_store(":memory:")
    generate_la(st.con, la="852", children=400, seed=7, end=date(2024, 10, 31))
    yield st
    st.close()
    clear_results()


@pytest.fixture
def computed_dates(monkeypatch):
    """The as-at dates each real computation was asked for."""
    calls: list[list[date]] = []
    real = engine._compute_dates

    def spy(store, as_ats, *args, **kwargs):
        calls.append(list(as_ats))
        return real(store, as_ats, *args, **kwargs)

    monkeypatch.setattr(engine, "_compute_dates", spy)
    return calls


def values(series):
    return {
        (as_at, r.code): (r.numerator, r.denominator, r.value, r.teams)
        for as_at, results in series.items()
        for r in results
    }


def test_a_new_month_computes_that_month_only_with_the_same_figures(generated, computed_dates):
    engine.compute_indicator_series(MONTH_ENDS[:-1], CODES, store=generated)
    assert computed_dates == [MONTH_ENDS[:-1]]
    kept = engine.compute_indicator_series(MONTH_ENDS, CODES, store=generated)
    assert computed_dates[1:] == [[MONTH_ENDS[-1]]]

    clear_results()
    fresh = engine.compute_indicator_series(MONTH_ENDS, CODES, store=generated)
    assert computed_dates[2:] == [MONTH_ENDS]
    assert values(kept) == values(fresh)
    assert any(r.teams for r in fresh[MONTH_ENDS[-1]])  # team rows are kept too

    # Asked again (as a series or as a table), nothing is computed.
    engine.compute_indicator_series(MONTH_ENDS, CODES, store=generated)
    table = engine.compute_indicator_table(MONTH_ENDS, CODES, store=generated)
    assert len(computed_dates) == 3
    assert table.num_rows == len(MONTH_ENDS) * len(CODES)
    by_key = {(r["as_at"], r["code"]): r["numerator"] for r in table.to_pylist()}
    assert all(by_key[(a, c)] == v[0] for (a, c), v in values(fresh).items())


def test_a_write_through_the_store_gives_a_new_version_and_new_results(generated):
    before_version = data_version(generated.con)
    before = engine.compute_indicators(MONTH_ENDS[-1], ["referrals"], store=generated)[0]
    append_arrow(
        generated.con,
        "referrals",
        pa.table(
            {
                "la": ["852"],
                "child": ["new-child"],
                "referral_date": [d("2024-10-15")],
            }
        ),
    )
    assert data_version(generated.con) not in (None, before_version)
    after = engine.compute_indicators(MONTH_ENDS[-1], ["referrals"], store=generated)[0]
    assert after.value == before.value + 1


def test_records_written_by_hand_are_never_cached(store, build, computed_dates):
    build.add("referrals", child="a", referral_date=d("2024-03-01"))
    assert data_version(store.con) is None
    first = engine.compute_indicators(d("2024-03-31"), ["referrals"], store=store)[0]
    build.add("referrals", child="b", referral_date=d("2024-03-02"))
    second = engine.compute_indicators(d("2024-03-31"), ["referrals"], store=store)[0]
    assert (first.value, second.value) == (1, 2)
    assert len(computed_dates) == 2
