"""The indicator engine: set-based DuckDB SQL over the child-level store.

Public API (used by the performance report; keep stable):

* ``compute_indicators(as_at, codes=None, *, store=None, la=None) -> list[IndicatorResult]``
* ``compute_indicator_series(as_ats, codes=None, *, store=None, la=None)``
  -> ``dict[date, list[IndicatorResult]]`` (several month ends in one pass)
* ``compute_indicator_table(as_ats, codes=None, *, store=None, la=None, by_la=False)``
  -> ``pyarrow.Table`` of totals (as_at, la, code, value, numerator, denominator)
* ``INDICATORS``: the catalogue, code -> ``Indicator`` (name, unit, polarity, definition,
  source, version).

Every family of indicators is one SQL statement over all requested as-at dates at once;
no Python loop runs per child or per record.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa

from scrutiny.casedata.indicators import (
    AVERAGE,
    COUNT,
    PERCENTAGE,
    RATE,
    Indicator,
    catalogue,
)
from scrutiny.casedata.store import Store, open_store

ENGINE_VERSION = "1"
INDICATORS: dict[str, Indicator] = catalogue()

FOSTER = "('U1','U2','U3','U4','U5','U6')"
CONNECTED = "('U1','U2','U3')"
CHILDRENS_HOME = "('K1','K2')"
UNREGULATED = "('P2','H5','Z1')"
ADOPTION_PLACEMENT = "('A3','A4','A5','A6')"
SHORT_BREAK = "('V3','V4')"
CAO_SGO = "('E41','E43','E44','E45','E46','E47','E48')"


class StoreMissing(RuntimeError):
    """There is no case-data store to compute from."""


@dataclass
class IndicatorResult:
    code: str
    name: str
    unit: str
    value: float | None
    numerator: float | None
    denominator: float | None
    teams: list[tuple[str, float, float | None]] = field(default_factory=list)
    provenance: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- SQL families
# Each family is SQL yielding rows (as_at, la, code, team, num, den). team NULL marks a
# total row given directly (used where team rows do not add up to the total).


# Outer date bounds of the current computation as SQL literals (earliest period start,
# earliest month start, latest as-at). Constant bounds let DuckDB skip row groups by their
# min/max before any join; the exact per-date windows are applied afterwards.
_BOUNDS: ContextVar[dict[str, str]] = ContextVar("casedata_bounds")
# False when only totals are wanted: team attribution is skipped altogether.
_TEAMS: ContextVar[bool] = ContextVar("casedata_teams", default=True)


def _bounds(as_ats: Sequence[date]) -> dict[str, str]:
    first, last = min(as_ats), max(as_ats)
    try:
        p_lo = first.replace(year=first.year - 1)
    except ValueError:  # 29 February: one year back is 28 February, as in DuckDB
        p_lo = first.replace(year=first.year - 1, day=28)
    return {
        "p_lo": f"DATE '{p_lo.isoformat()}'",
        "m_lo": f"DATE '{first.replace(day=1).isoformat()}'",
        "first": f"DATE '{first.isoformat()}'",
        "hi": f"DATE '{last.isoformat()}'",
    }


def _in_bounds(col: str, month: bool = False) -> str:
    b = _BOUNDS.get()
    if month:
        return f"{col} >= {b['m_lo']} AND {col} <= {b['hi']}"
    return f"{col} > {b['p_lo']} AND {col} <= {b['hi']}"


def _team_of(rel: str, date_col: str, month: bool = False) -> str:
    """Attach the team: the record's own team, else the allocation open on date_col.

    The allocation lookups are prepared once per computation (``_prepare_teams``), so each
    family joins on a hash table rather than running its own ASOF join. Rows outside the
    computation's outer date bounds are dropped first.
    """
    if not _TEAMS.get():
        return f"""
        SELECT r.*, 'All' AS team_final
        FROM (SELECT * FROM ({rel}) WHERE {_in_bounds(date_col, month)}) r"""
    return f"""
        SELECT r.*, COALESCE(r.team, t.alloc_team, 'Unallocated') AS team_final
        FROM (SELECT * FROM ({rel}) WHERE {_in_bounds(date_col, month)}) r
        LEFT JOIN _ev_team t ON t.ck = r.ck AND t.d = r.{date_col}"""


def _team_at_as_at(rel: str) -> str:
    if not _TEAMS.get():
        return f"SELECT r.*, 'All' AS team_final FROM ({rel}) r"
    return f"""
        SELECT r.*, COALESCE(t.alloc_team, 'Unallocated') AS team_final
        FROM ({rel}) r LEFT JOIN _pit_team t
          ON t.ck = r.ck AND t.as_at = r.as_at"""


# Record dates whose team is looked up (table, date column, month-only).
EVENT_DATES = [
    ("referrals", "referral_date", False),
    ("early_help", "eh_start", True),
    ("strategy_discussions", "strategy_date", True),
    ("assessments", "assessment_authorised", False),
    ("s47_enquiries", "s47_start", False),
    ("s47_enquiries", "icpc_date", False),
    ("cp_plans", "cpp_start", False),
    ("cp_plans", "cpp_end", False),
    ("cla_episodes", "decom", True),
    ("cla_episodes", "dec", True),
    ("missing_episodes", "mis_end", False),
]


def _prepare_teams(con: Any) -> None:
    """Team of every (child, date) the families need, by two ASOF joins in all."""
    if not _TEAMS.get():
        con.execute(f"CREATE OR REPLACE TEMP TABLE _act AS {active_children_sql()}")
        return
    keys = " UNION ".join(
        f"SELECT ck, {col} AS d FROM v_{table} WHERE {_in_bounds(col, month)}"
        for table, col, month in EVENT_DATES
    )
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ev_keys AS {keys}")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _ev_team AS
        SELECT k.ck, k.d,
          CASE WHEN a.alloc_end IS NULL OR a.alloc_end >= k.d THEN a.team END AS alloc_team
        FROM _ev_keys k ASOF LEFT JOIN v_allocations a
          ON a.ck = k.ck AND k.d >= a.alloc_start""")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _act AS {active_children_sql()}")
    pit = """
        SELECT w.as_at, e.ck FROM v_cla_episodes e JOIN _asat w
          ON e.decom <= w.as_at AND COALESCE(e.dec, DATE '9999-12-31') > w.as_at
        UNION SELECT as_at, ck FROM _act"""
    con.execute(f"CREATE OR REPLACE TEMP TABLE _pit_keys AS {pit}")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _pit_team AS
        SELECT k.as_at, k.ck,
          CASE WHEN a.alloc_end IS NULL OR a.alloc_end > k.as_at THEN a.team END AS alloc_team
        FROM _pit_keys k ASOF LEFT JOIN v_allocations a
          ON a.ck = k.ck AND k.as_at >= a.alloc_start""")
    con.execute("DROP TABLE _ev_keys")
    con.execute("DROP TABLE _pit_keys")


def _unpivot(rel: str, pairs: dict[str, tuple[str, str]]) -> str:
    """rel has as_at, la, team_final and aggregate columns; emit one row per code."""
    parts = [
        f"SELECT as_at, la, '{code}' AS code, team_final AS team, "
        f"CAST({num} AS DOUBLE) AS num, CAST({den} AS DOUBLE) AS den FROM agg"
        for code, (num, den) in pairs.items()
    ]
    return f"SELECT * FROM (WITH agg AS MATERIALIZED ({rel}) {' UNION ALL '.join(parts)})"


def _period_join(date_col: str) -> str:
    return f"JOIN _asat w ON r.{date_col} > w.p_lo AND r.{date_col} <= w.as_at"


def _month_join(date_col: str) -> str:
    return f"JOIN _asat w ON r.{date_col} >= w.m_lo AND r.{date_col} <= w.as_at"


def sql_referrals() -> str:
    rel = """
        SELECT la, ck, referral_date, team, COALESCE(nfa, false) AS nfa,
          count(*) OVER (PARTITION BY ck ORDER BY referral_date
            RANGE BETWEEN INTERVAL 1 YEAR PRECEDING AND INTERVAL 1 DAY PRECEDING) > 0
            AS rerefer
        FROM v_referrals"""
    agg = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n,
          count(*) FILTER (r.rerefer) AS n_rerefer, count(*) FILTER (r.nfa) AS n_nfa
        FROM ({_team_of(rel, "referral_date")}) r {_period_join("referral_date")}
        GROUP BY ALL"""
    return _unpivot(
        agg,
        {
            "referrals": ("n", "NULL"),
            "re_referrals_12m_pct": ("n_rerefer", "n"),
            "referrals_nfa_pct": ("n_nfa", "n"),
        },
    )


def sql_month_counts() -> str:
    parts = []
    for code, table, col, by_team in [
        # Contacts reach the front door before any allocation: no team breakdown.
        ("contacts_month", "v_contacts", "contact_date", False),
        ("early_help_started_month", "v_early_help", "eh_start", True),
        ("referrals_month", "v_referrals", "referral_date", True),
        ("strategy_discussions_month", "v_strategy_discussions", "strategy_date", True),
    ]:
        if by_team:
            rel = f"SELECT la, ck, {col}, team FROM {table}"
            source = _team_of(rel, col, month=True)
            team = "r.team_final"
        else:
            source = f"SELECT la, {col} FROM {table} WHERE {_in_bounds(col, month=True)}"
            team = "NULL"
        parts.append(f"""
            SELECT w.as_at, r.la, '{code}' AS code, {team} AS team,
              CAST(count(*) AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den
            FROM ({source}) r {_month_join(col)} GROUP BY ALL""")
    return " UNION ALL ".join(parts)


def sql_assessments() -> str:
    rel = """
        SELECT a.la, a.ck, a.assessment_authorised, a.team,
          (ce.wd_index - cs.wd_index) <= 45 AS in_time
        FROM v_assessments a
        JOIN _cal cs ON cs.day = a.assessment_start
        JOIN _cal ce ON ce.day = a.assessment_authorised
        WHERE a.assessment_authorised IS NOT NULL"""
    agg = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n,
          count(*) FILTER (r.in_time) AS n_in_time
        FROM ({_team_of(rel, "assessment_authorised")}) r
        {_period_join("assessment_authorised")} GROUP BY ALL"""
    return _unpivot(
        agg,
        {
            "assessments": ("n", "NULL"),
            "assessments_45wd_pct": ("n_in_time", "n"),
        },
    )


def sql_s47() -> str:
    started = (
        "SELECT la, ck, s47_start, icpc_date, team FROM v_s47_enquiries WHERE s47_start IS NOT NULL"
    )
    agg_started = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n,
          count(*) FILTER (r.icpc_date IS NOT NULL AND r.icpc_date <= w.as_at) AS n_icpc
        FROM ({_team_of(started, "s47_start")}) r {_period_join("s47_start")} GROUP BY ALL"""
    conferences = """
        SELECT s.la, s.ck, s.icpc_date, s.team,
          (ce.wd_index - cs.wd_index) <= 15 AS in_time
        FROM v_s47_enquiries s
        JOIN _cal cs ON cs.day = COALESCE(s.strategy_date, s.s47_start)
        JOIN _cal ce ON ce.day = s.icpc_date
        WHERE s.icpc_date IS NOT NULL"""
    agg_conf = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n, count(*) FILTER (r.in_time) AS n_ok
        FROM ({_team_of(conferences, "icpc_date")}) r {_period_join("icpc_date")}
        GROUP BY ALL"""
    return (
        _unpivot(agg_started, {"s47": ("n", "NULL"), "s47_icpc_pct": ("n_icpc", "n")})
        + " UNION ALL "
        + _unpivot(agg_conf, {"icpc_15wd_pct": ("n_ok", "n")})
    )


def sql_cp_plans() -> str:
    started = """
        SELECT la, ck, cpp_start, team,
          COALESCE(previous_plans, 0) > 0 OR count(*) OVER (PARTITION BY ck
            ORDER BY cpp_start RANGE BETWEEN UNBOUNDED PRECEDING AND INTERVAL 1 DAY PRECEDING)
            > 0 AS repeat_plan
        FROM v_cp_plans"""
    agg_started = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n,
          count(*) FILTER (r.repeat_plan) AS n_repeat
        FROM ({_team_of(started, "cpp_start")}) r {_period_join("cpp_start")} GROUP BY ALL"""
    ended = """
        SELECT la, ck, cpp_end, team,
          cpp_end >= CAST(cpp_start + INTERVAL 2 YEAR AS DATE) AS long_plan
        FROM v_cp_plans WHERE cpp_end IS NOT NULL"""
    agg_ended = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n, count(*) FILTER (r.long_plan) AS n2
        FROM ({_team_of(ended, "cpp_end")}) r {_period_join("cpp_end")} GROUP BY ALL"""
    at_date = """
        SELECT DISTINCT w.as_at, p.la, p.ck
        FROM v_cp_plans p JOIN _asat w
          ON p.cpp_start <= w.as_at AND COALESCE(p.cpp_end, DATE '9999-12-31') > w.as_at"""
    agg_at = f"""
        SELECT as_at, la, team_final, count(*) AS n FROM ({_team_at_as_at(at_date)}) r
        GROUP BY ALL"""
    cin_at = """
        SELECT DISTINCT w.as_at, p.la, p.ck
        FROM v_cin_plans p JOIN _asat w
          ON p.cin_start <= w.as_at AND COALESCE(p.cin_end, DATE '9999-12-31') > w.as_at"""
    agg_cin = f"""
        SELECT as_at, la, team_final, count(*) AS n FROM ({_team_at_as_at(cin_at)}) r
        GROUP BY ALL"""
    return " UNION ALL ".join(
        [
            _unpivot(
                agg_started,
                {"cpp_started": ("n", "NULL"), "cpp_second_or_subsequent_pct": ("n_repeat", "n")},
            ),
            _unpivot(agg_ended, {"cpp_ceased_2y_plus_pct": ("n2", "n")}),
            _unpivot(agg_at, {"cpp_at_date": ("n", "NULL")}),
            _unpivot(agg_cin, {"cin_plans_at_date": ("n", "NULL")}),
        ]
    )


def sql_cla_at_date() -> str:
    """Children looked after at each as-at date, their current episode and placements."""
    current = """
        SELECT w.as_at, e.la, e.ck,
          arg_max(e.ls, e.decom) AS ls, arg_max(e.place, e.decom) AS place,
          arg_max(e.place_provider, e.decom) AS provider
        FROM v_cla_episodes e JOIN _asat w
          ON e.decom <= w.as_at AND COALESCE(e.dec, DATE '9999-12-31') > w.as_at
        GROUP BY ALL"""
    placements = """
        SELECT as_at, la, ck,
          sum(CASE WHEN rn = 1 THEN 1 WHEN rne = 'L' THEN 0 ELSE 1 END) AS placements
        FROM (
          SELECT w.as_at, e.la, e.ck, e.rne, row_number() OVER (
            PARTITION BY w.as_at, e.ck ORDER BY e.decom) AS rn
          FROM v_cla_episodes e JOIN _asat w
            ON e.decom <= w.as_at AND COALESCE(e.dec, DATE '9999-12-31') > w.p_lo
        ) GROUP BY ALL"""
    rel = f"""
        SELECT c.*, p.placements FROM ({current}) c
        LEFT JOIN ({placements}) p USING (as_at, la, ck)"""
    agg = f"""
        SELECT as_at, la, team_final, count(*) AS n,
          count(*) FILTER (ls IS NULL OR ls NOT IN {SHORT_BREAK}) AS n_stable_den,
          count(*) FILTER ((ls IS NULL OR ls NOT IN {SHORT_BREAK}) AND placements >= 3)
            AS n_3plus,
          count(*) FILTER (place IN {FOSTER} AND provider IN ('PR4','PR5')) AS n_ifa,
          count(*) FILTER (place IN {FOSTER} AND provider = 'PR1') AS n_in_house,
          count(*) FILTER (place IN {CONNECTED}) AS n_connected,
          count(*) FILTER (place IN {CHILDRENS_HOME}) AS n_home,
          count(*) FILTER (place = 'P1') AS n_parents,
          count(*) FILTER (place IN {UNREGULATED}) AS n_unreg,
          count(*) FILTER (place IN {ADOPTION_PLACEMENT}) AS n_adoption
        FROM ({_team_at_as_at(rel)}) r GROUP BY ALL"""
    return _unpivot(
        agg,
        {
            "cla_at_date": ("n", "NULL"),
            "cla_3plus_placements_pct": ("n_3plus", "n_stable_den"),
            "cla_placed_ifa": ("n_ifa", "NULL"),
            "cla_placed_ifa_pct": ("n_ifa", "n"),
            "cla_placed_in_house_foster": ("n_in_house", "NULL"),
            "cla_placed_in_house_foster_pct": ("n_in_house", "n"),
            "cla_placed_connected": ("n_connected", "NULL"),
            "cla_placed_childrens_home": ("n_home", "NULL"),
            "cla_placed_childrens_home_pct": ("n_home", "n"),
            "cla_placed_with_parents": ("n_parents", "NULL"),
            "cla_placed_unregulated": ("n_unreg", "NULL"),
            "cla_placed_unregulated_pct": ("n_unreg", "n"),
            "cla_placed_for_adoption": ("n_adoption", "NULL"),
        },
    )


def sql_cla_flows() -> str:
    started = """
        SELECT e.la, e.ck, e.decom, NULL AS team, COALESCE(c.uasc, false) AS uasc
        FROM v_cla_episodes e LEFT JOIN v_children c USING (la, ck) WHERE e.rne = 'S'"""
    agg_new = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n, count(*) FILTER (r.uasc) AS n_uasc
        FROM ({_team_of(started, "decom", month=True)}) r {_month_join("decom")} GROUP BY ALL"""
    ceased = """
        SELECT e.la, e.ck, e.dec, e.rec, NULL AS team, COALESCE(c.uasc, false) AS uasc
        FROM v_cla_episodes e LEFT JOIN v_children c USING (la, ck)
        WHERE e.dec IS NOT NULL AND e.rec IS NOT NULL AND e.rec <> 'X1'"""
    agg_ceased = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n,
          count(*) FILTER (NOT r.uasc) AS n_not_uasc,
          count(*) FILTER (r.rec IN {CAO_SGO}) AS n_order,
          count(*) FILTER (r.rec = 'E4A') AS n_home,
          count(*) FILTER (r.rec IN ('E11','E12')) AS n_adopted
        FROM ({_team_of(ceased, "dec", month=True)}) r {_month_join("dec")} GROUP BY ALL"""
    return (
        _unpivot(
            agg_new, {"cla_new_month": ("n", "NULL"), "cla_new_month_uasc": ("n_uasc", "NULL")}
        )
        + " UNION ALL "
        + _unpivot(
            agg_ceased,
            {
                "cla_ceased_month": ("n", "NULL"),
                "cla_ceased_month_excl_uasc": ("n_not_uasc", "NULL"),
                "cla_ceased_month_cao_sgo": ("n_order", "NULL"),
                "cla_ceased_month_returned_home": ("n_home", "NULL"),
                "cla_ceased_month_adopted": ("n_adopted", "NULL"),
            },
        )
    )


def sql_caseloads() -> str:
    """Caseloads from open allocations. A worker's team is that of their latest allocation.

    The 13-fold expansion of allocations carries integers only (hashed worker and child);
    names are joined back on the small per-worker table.
    """
    b = _BOUNDS.get()
    return f"""
        SELECT * FROM (
        WITH wk AS MATERIALIZED (
          SELECT hash(la, worker) AS wk, any_value(la) AS la,
            COALESCE(arg_max(team, alloc_start), 'Unallocated') AS team
          FROM v_allocations GROUP BY ALL),
        oa AS MATERIALIZED (
          SELECT DISTINCT w.as_at, hash(a.la, a.worker) AS wk, a.ck
          FROM v_allocations a JOIN _asat w
            ON a.alloc_start <= w.as_at AND COALESCE(a.alloc_end, DATE '9999-12-31') > w.as_at
          WHERE a.alloc_start <= {b["hi"]}
            AND COALESCE(a.alloc_end, DATE '9999-12-31') > {b["first"]}),
        pw AS MATERIALIZED (
          SELECT o.as_at, k.la, k.team, o.held
          FROM (SELECT as_at, wk, count(*) AS held FROM oa GROUP BY ALL) o
          JOIN wk k USING (wk)),
        tr AS MATERIALIZED (
          SELECT as_at, la, team, sum(held) AS held, count(*) AS workers,
            count(*) FILTER (held >= 20) AS w20
          FROM pw GROUP BY ALL),
        ch AS (
          SELECT c.as_at, k.la, count(*) AS children
          FROM (SELECT DISTINCT as_at, ck, wk FROM (
                  SELECT as_at, ck, min(wk) AS wk FROM oa GROUP BY ALL)) c
          JOIN wk k USING (wk) GROUP BY ALL)
        SELECT as_at, la, 'caseload_children_held' AS code, team,
          CAST(held AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den FROM tr
        UNION ALL SELECT as_at, la, 'caseload_average', team, held, workers FROM tr
        UNION ALL SELECT as_at, la, 'caseload_workers_20plus', team, w20, NULL FROM tr
        UNION ALL SELECT as_at, la, 'caseload_children_held', NULL, children, NULL FROM ch
        UNION ALL SELECT as_at, la, 'caseload_average', NULL, sum(held), count(*)
          FROM pw GROUP BY ALL)"""


def sql_missing() -> str:
    rel = """
        SELECT la, ck, mis_end, NULL AS team,
          rhi_date IS NOT NULL AND rhi_date >= mis_end AND rhi_date - mis_end <= 3 AS in_time
        FROM v_missing_episodes WHERE mis_end IS NOT NULL AND rhi_status IS NOT NULL"""
    agg = f"""
        SELECT w.as_at, r.la, r.team_final, count(*) AS n, count(*) FILTER (r.in_time) AS ok
        FROM ({_team_of(rel, "mis_end")}) r {_period_join("mis_end")} GROUP BY ALL"""
    return _unpivot(agg, {"rhi_72h_pct": ("ok", "n")})


def active_children_sql() -> str:
    """Children open to each kind of plan at each as-at date, with the plan start."""
    b = _BOUNDS.get()

    def spans(start: str, stop: str) -> str:
        # Constant bounds first (row groups skipped), then the exact per-date test.
        return f"WHERE {start} <= {b['hi']} AND COALESCE({stop}, DATE '9999-12-31') > {b['first']}"

    def open_on(start: str, stop: str) -> str:
        return f"{start} <= w.as_at AND COALESCE({stop}, DATE '9999-12-31') > w.as_at"

    return f"""
        SELECT w.as_at, p.la, p.ck, 'cp' AS plan, max(p.cpp_start) AS plan_start
        FROM (SELECT * FROM v_cp_plans {spans("cpp_start", "cpp_end")}) p
        JOIN _asat w ON {open_on("p.cpp_start", "p.cpp_end")}
        GROUP BY ALL
        UNION ALL
        SELECT w.as_at, p.la, p.ck, 'cin', max(p.cin_start)
        FROM (SELECT * FROM v_cin_plans {spans("cin_start", "cin_end")}) p
        JOIN _asat w ON {open_on("p.cin_start", "p.cin_end")}
        GROUP BY ALL
        UNION ALL
        SELECT as_at, la, ck, 'cla', min(period_start) FROM (
          SELECT w.as_at, e.la, e.ck, e.decom AS period_start,
            arg_max(e.ls, e.decom) OVER (PARTITION BY w.as_at, e.ck) AS ls
          FROM (SELECT * FROM v_cla_episodes {spans("decom", "dec")}) e
          JOIN _asat w ON {open_on("e.decom", "e.dec")}
        ) WHERE ls IS NULL OR ls NOT IN {SHORT_BREAK} GROUP BY ALL
        UNION ALL
        SELECT w.as_at, p.la, p.ck, 'eh', max(p.eh_start)
        FROM (SELECT * FROM v_early_help {spans("eh_start", "eh_end")}) p
        JOIN _asat w ON {open_on("p.eh_start", "p.eh_end")}
        GROUP BY ALL
        UNION ALL
        SELECT w.as_at, a.la, a.ck, 'assessment', max(a.assessment_start)
        FROM (SELECT * FROM v_assessments
              {spans("assessment_start", "assessment_authorised")}) a
        JOIN _asat w ON {open_on("a.assessment_start", "a.assessment_authorised")}
        GROUP BY ALL"""


def sql_timescales(codes: dict[str, tuple[str, int, str]]) -> str:
    """Visits and supervisions within timescale: one pass over the _active temp table."""
    columns = []
    pairs = {}
    for i, (code, (plan, amount, unit)) in enumerate(codes.items()):
        kind = "visit" if code.startswith("visits_") else "sup"
        amount = int(amount)
        if unit == "working_days":
            due = f"(wd_at - wd_start) > {amount}"
            ok = f"(wd_at - wd_{kind}) <= {amount}"
        else:
            due = f"(as_at - plan_start) > {amount}"
            last = "last_visit" if kind == "visit" else "last_supervision"
            ok = f"(as_at - {last}) <= {amount}"
        columns.append(
            f"count(*) FILTER (plan = '{plan}' AND {due}) AS d{i}, "
            f"count(*) FILTER (plan = '{plan}' AND {due} AND {ok}) AS n{i}"
        )
        pairs[code] = (f"n{i}", f"d{i}")
    agg = f"""
        SELECT as_at, la, team_final, {", ".join(columns)}
        FROM _active GROUP BY ALL"""
    return _unpivot(agg, pairs)


def build_active(con: Any, lookback: int = 400) -> None:
    """Materialise open plans with the latest visit and supervision on or before as-at.

    Built in steps: as one nested statement the optimiser picks a far slower plan. Visits
    more than ``lookback`` days before the earliest as-at date cannot be within any
    timescale, so they are left out of the ASOF join (a child with none counts as late,
    exactly as if its last visit were that old). Working-day numbers of the dates are
    looked up once here.
    """
    b = _BOUNDS.get()
    # _act (open plans at each as-at date) was made by _prepare_teams.
    con.execute(f"CREATE OR REPLACE TEMP TABLE _act_team AS {_team_at_as_at('SELECT * FROM _act')}")
    for name, table, col in [
        ("_last_visit", "v_visits", "visit_date"),
        ("_last_sup", "v_supervisions", "supervision_date"),
    ]:
        # Latest record within the look-back window before each as-at date: a range join
        # on the 13-row date table and a group-by parallelise better than an ASOF join.
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE {name} AS
            SELECT w.as_at, r.ck, max(r.{col}) AS last_day
            FROM (SELECT ck, {col} FROM {table}
                  WHERE {col} > {b["first"]} - {lookback} AND {col} <= {b["hi"]}) r
            JOIN _asat w ON r.{col} <= w.as_at AND r.{col} > w.as_at - {lookback}
            GROUP BY ALL""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _active AS
        SELECT r.*, lv.last_day AS last_visit, ls.last_day AS last_supervision,
          ca.wd_index AS wd_at, cs.wd_index AS wd_start, cv.wd_index AS wd_visit,
          cu.wd_index AS wd_sup
        FROM _act_team r
        LEFT JOIN _last_visit lv ON lv.as_at = r.as_at AND lv.ck = r.ck
        LEFT JOIN _last_sup ls ON ls.as_at = r.as_at AND ls.ck = r.ck
        JOIN _cal ca ON ca.day = r.as_at
        JOIN _cal cs ON cs.day = r.plan_start
        LEFT JOIN _cal cv ON cv.day = lv.last_day
        LEFT JOIN _cal cu ON cu.day = ls.last_day""")
    for name in ("_act_team", "_last_visit", "_last_sup"):
        con.execute(f"DROP TABLE {name}")


# Which family provides each non-timescale code.
FAMILIES: list[tuple[Any, frozenset[str]]] = [
    (
        sql_referrals,
        frozenset({"referrals", "re_referrals_12m_pct", "referrals_nfa_pct", "referrals_rate"}),
    ),
    (
        sql_month_counts,
        frozenset(
            {
                "contacts_month",
                "early_help_started_month",
                "referrals_month",
                "strategy_discussions_month",
            }
        ),
    ),
    (sql_assessments, frozenset({"assessments", "assessments_45wd_pct", "assessments_rate"})),
    (sql_s47, frozenset({"s47", "s47_icpc_pct", "icpc_15wd_pct", "s47_rate"})),
    (
        sql_cp_plans,
        frozenset(
            {
                "cpp_started",
                "cpp_second_or_subsequent_pct",
                "cpp_ceased_2y_plus_pct",
                "cpp_at_date",
                "cpp_rate",
                "cin_plans_at_date",
            }
        ),
    ),
    (
        sql_cla_at_date,
        frozenset(
            {
                "cla_at_date",
                "cla_rate",
                "cla_3plus_placements_pct",
                "cla_placed_ifa",
                "cla_placed_ifa_pct",
                "cla_placed_in_house_foster",
                "cla_placed_in_house_foster_pct",
                "cla_placed_connected",
                "cla_placed_childrens_home",
                "cla_placed_childrens_home_pct",
                "cla_placed_with_parents",
                "cla_placed_unregulated",
                "cla_placed_unregulated_pct",
                "cla_placed_for_adoption",
            }
        ),
    ),
    (
        sql_cla_flows,
        frozenset(
            {
                "cla_new_month",
                "cla_new_month_uasc",
                "cla_ceased_month",
                "cla_ceased_month_excl_uasc",
                "cla_ceased_month_cao_sgo",
                "cla_ceased_month_returned_home",
                "cla_ceased_month_adopted",
            }
        ),
    ),
    (
        sql_caseloads,
        frozenset({"caseload_children_held", "caseload_average", "caseload_workers_20plus"}),
    ),
    (sql_missing, frozenset({"rhi_72h_pct"})),
]

# Rates: code -> the count it is built on.
RATES = {
    "referrals_rate": "referrals",
    "assessments_rate": "assessments",
    "s47_rate": "s47",
    "cpp_rate": "cpp_at_date",
    "cla_rate": "cla_at_date",
}


# --------------------------------------------------------------------------- running


def _prepare(store: Store, as_ats: Sequence[date], la: str | None) -> None:
    con = store.con
    # Small left sides make DuckDB swap an ASOF join for a nested loop, which is far slower
    # here (the estimate is off after the date-window joins).
    con.execute("SET asof_loop_join_threshold = 0")
    # The LA is a parameter, never pasted into SQL: the views read it from a temp table.
    con.execute("CREATE OR REPLACE TEMP TABLE _scope AS SELECT CAST(? AS VARCHAR) AS la", [la])
    filt = " WHERE la = (SELECT la FROM _scope)" if la is not None else ""
    from scrutiny.casedata.store import TABLES

    for table in TABLES:
        # Children are matched by a 64-bit hash of (LA, child id): joins and sorts on one
        # integer run about twice as fast as on two strings. Writes refuse a clash
        # (store.check_child_keys), so no two children can share a key here.
        key = ", hash(la, child) AS ck" if table != "population" else ""
        con.execute(f"CREATE OR REPLACE TEMP VIEW v_{table} AS SELECT *{key} FROM {table}{filt}")
    asat = pa.table({"as_at": pa.array(sorted(set(as_ats)), pa.date32())})
    con.register("_asat_arrow", asat)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _asat AS
        SELECT as_at, CAST(as_at - INTERVAL 1 YEAR AS DATE) AS p_lo,
          CAST(date_trunc('month', as_at) AS DATE) AS m_lo
        FROM _asat_arrow""")
    con.unregister("_asat_arrow")
    _prepare_calendar(store, as_ats)


_CALENDARS: dict[tuple[int, int], pa.Table] = {}


def _prepare_calendar(store: Store, as_ats: Sequence[date]) -> None:
    """A temp working-day calendar covering every date the SQL looks up."""
    con = store.con
    lows = []
    for table, col in [
        ("assessments", "assessment_start"),
        ("s47_enquiries", "strategy_date"),
        ("s47_enquiries", "s47_start"),
        ("cp_plans", "cpp_start"),
        ("visits", "visit_date"),
        ("supervisions", "supervision_date"),
        ("cla_episodes", "decom"),
        ("early_help", "eh_start"),
        ("cin_plans", "cin_start"),
    ]:
        lows.append(f"SELECT min({col}) AS d FROM v_{table}")
    lo = con.execute(f"SELECT min(d) FROM ({' UNION ALL '.join(lows)})").fetchall()[0][0]
    hi_sql = (
        "SELECT max(d) FROM (SELECT max(assessment_authorised) AS d FROM v_assessments "
        "UNION ALL SELECT max(icpc_date) FROM v_s47_enquiries)"
    )
    hi = con.execute(hi_sql).fetchall()[0][0]
    first = min([d.year for d in [lo, *as_ats] if d is not None])
    last = max([d.year for d in [hi, *as_ats] if d is not None])
    key = (first, last)
    if key not in _CALENDARS:
        from scrutiny.casedata.store import calendar_arrow

        _CALENDARS[key] = calendar_arrow(first, last)
    con.register("_cal_arrow", _CALENDARS[key])
    con.execute("CREATE OR REPLACE TEMP TABLE _cal AS SELECT * FROM _cal_arrow")
    con.unregister("_cal_arrow")


def _population_sql() -> str:
    """Population 0-17 per (as_at, la): the mid-year estimate in force, else the nearest."""
    return """
        WITH want AS (
          SELECT w.as_at, l.la,
            CASE WHEN month(w.as_at) >= 7 THEN year(w.as_at) ELSE year(w.as_at) - 1 END AS y
          FROM _asat w CROSS JOIN (SELECT DISTINCT la FROM v_population) l)
        SELECT want.as_at, want.la, COALESCE(
          (SELECT arg_max(p.population, p.year) FROM v_population p
             WHERE p.la = want.la AND p.year <= want.y),
          (SELECT arg_min(p.population, p.year) FROM v_population p WHERE p.la = want.la))
          AS population
        FROM want"""


def _resolve_store(store: Store | str | Path | None) -> tuple[Store, bool]:
    if isinstance(store, Store):
        return store, False
    from scrutiny.casedata.store import default_store_path

    path = Path(store) if store is not None else default_store_path()
    if not path.exists():
        raise StoreMissing(
            f"No case-data store at {path}. Import records first "
            "(scrutiny import ...) or generate synthetic ones (scrutiny generate-casedata)."
        )
    return open_store(path, read_only=True), True


SMALL_STORE_ROWS = 1_000_000


def _compute_rows(
    store: Store,
    as_ats: Sequence[date],
    wanted: set[str],
    la: str | None,
    teams: bool = True,
):
    """Fill the temp table _res(as_at, la, code, team, num, den)."""
    con = store.con
    # For one authority's records the statements are small and a second thread costs more
    # in scheduling than it saves; larger stores use every thread DuckDB is allowed.
    threads = con.execute("SELECT current_setting('threads')").fetchall()[0][0]
    rows = con.execute(
        "SELECT sum(estimated_size) FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()[0][0]
    con.execute(f"SET threads = {1 if (rows or 0) < SMALL_STORE_ROWS else int(threads)}")
    try:
        _compute_rows_inner(store, as_ats, wanted, la, teams)
    finally:
        con.execute(f"SET threads = {int(threads)}")


def _compute_rows_inner(
    store: Store, as_ats: Sequence[date], wanted: set[str], la: str | None, teams: bool
):
    token = _BOUNDS.set(_bounds(as_ats))
    teams_token = _TEAMS.set(teams)
    try:
        _compute_families(store, as_ats, wanted, la)
    finally:
        _TEAMS.reset(teams_token)
        _BOUNDS.reset(token)


def _compute_families(store: Store, as_ats: Sequence[date], wanted: set[str], la: str | None):
    con = store.con
    _prepare(store, as_ats, la)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _res (as_at DATE, la VARCHAR, code VARCHAR, "
        "team VARCHAR, num DOUBLE, den DOUBLE)"
    )
    needed = set(wanted) | {RATES[c] for c in wanted if c in RATES}
    _prepare_teams(con)
    for family, provides in FAMILIES:
        if provides & needed:
            con.execute(f"INSERT INTO _res {family()}")
    scales = {c: v for c, v in catalogue_timescales().items() if c in needed}
    # Without any visit (supervision) records in scope the measure says nothing: leave it
    # empty rather than report 0%.
    has = con.execute(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM v_visits LIMIT 1)), "
        "(SELECT count(*) FROM (SELECT 1 FROM v_supervisions LIMIT 1))"
    ).fetchall()
    scales = {c: v for c, v in scales.items() if has[0][0 if c.startswith("visits_") else 1]}
    if scales:
        # Longest timescale in days (working days count at most 2 calendar days each, plus
        # a margin for bank holidays).
        lookback = max(a if unit == "days" else 2 * a + 14 for _p, a, unit in scales.values())
        build_active(con, lookback + 1)
        con.execute(f"INSERT INTO _res {sql_timescales(scales)}")
    rates = {c: base for c, base in RATES.items() if c in wanted}
    if rates:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _pop AS {_population_sql()}")
        for code, base in rates.items():
            con.execute(f"""
                INSERT INTO _res
                SELECT p.as_at, p.la, '{code}', NULL, COALESCE(t.num, 0), p.population
                FROM _pop p LEFT JOIN (
                  SELECT as_at, la, sum(num) AS num FROM _res
                  WHERE code = '{base}' AND team IS NOT NULL GROUP BY ALL) t
                USING (as_at, la)""")


def catalogue_timescales() -> dict[str, tuple[str, int, str]]:
    from scrutiny.casedata.indicators import timescales

    return timescales()


def _value_sql() -> str:
    return f"""
        CASE
          WHEN unit = '{COUNT}' THEN num
          WHEN den IS NULL OR den = 0 THEN NULL
          WHEN unit = '{PERCENTAGE}' THEN round(100 * num / den, 1)
          WHEN unit = '{RATE}' THEN round(10000 * num / den, 1)
          WHEN unit = '{AVERAGE}' THEN round(num / den, 2)
        END"""


def _totals_sql(by_la: bool) -> str:
    la_col = "la" if by_la else "NULL::VARCHAR AS la"
    group = "as_at, la, code" if by_la else "as_at, code"
    return f"""
        SELECT as_at, {la_col}, code,
          COALESCE(sum(num) FILTER (team IS NULL), sum(num) FILTER (team IS NOT NULL)) AS num,
          COALESCE(sum(den) FILTER (team IS NULL), sum(den) FILTER (team IS NOT NULL)) AS den
        FROM _res GROUP BY {group}"""


def _units_relation(con: Any, codes: Iterable[str]) -> None:
    cat = catalogue()
    units = pa.table(
        {
            "code": [c for c in codes],
            "unit": [cat[c].unit for c in codes],
        }
    )
    con.register("_units", units)


def compute_indicator_table(
    as_ats: Sequence[date],
    codes: Iterable[str] | None = None,
    *,
    store: Store | str | Path | None = None,
    la: str | None = None,
    by_la: bool = False,
    teams: bool = True,
) -> pa.Table:
    """Totals for every (as_at[, la], code): value, numerator, denominator (Arrow table).

    ``teams=False`` skips the team attribution (totals only, a little faster).
    """
    wanted = _wanted(codes)
    st, owned = _resolve_store(store)
    try:
        _compute_rows(st, as_ats, wanted, la, teams)
        _units_relation(st.con, sorted(wanted))
        return st.con.sql(f"""
            WITH t AS ({_totals_sql(by_la)})
            SELECT a.as_at, t.la, u.code, {_value_sql()} AS value,
              COALESCE(t.num, CASE WHEN u.unit IN ('{COUNT}') THEN 0 END) AS numerator,
              t.den AS denominator
            FROM _units u CROSS JOIN _asat a
            LEFT JOIN t ON t.code = u.code AND t.as_at = a.as_at
            ORDER BY a.as_at, t.la, u.code""").to_arrow_table()
    finally:
        st.con.unregister("_units")
        if owned:
            st.close()


def _wanted(codes: Iterable[str] | None) -> set[str]:
    cat = catalogue()
    if codes is None:
        return set(cat)
    wanted = set(codes)
    unknown = wanted - set(cat)
    if unknown:
        raise KeyError(f"Unknown indicator code(s): {', '.join(sorted(unknown))}")
    return wanted


def compute_indicator_series(
    as_ats: Sequence[date],
    codes: Iterable[str] | None = None,
    *,
    store: Store | str | Path | None = None,
    la: str | None = None,
) -> dict[date, list[IndicatorResult]]:
    """Every requested indicator at each as-at date, with team rows and provenance."""
    wanted = _wanted(codes)
    cat = catalogue()
    st, owned = _resolve_store(store)
    try:
        _compute_rows(st, as_ats, wanted, la)
        con = st.con
        totals = con.execute(_totals_sql(by_la=False)).fetchall()
        teams = con.execute("""
            SELECT as_at, code, team, sum(num), sum(den) FROM _res
            WHERE team IS NOT NULL GROUP BY ALL ORDER BY as_at, code, team""").fetchall()
        counts = st.counts()
        windows = {
            row[0]: (row[1], row[2])
            for row in con.execute("SELECT as_at, p_lo, m_lo FROM _asat").fetchall()
        }
    finally:
        if owned:
            st.close()

    total_by = {(r[0], r[2]): (r[3], r[4]) for r in totals}
    teams_by: dict[tuple[date, str], list[tuple[str, float, float | None]]] = {}
    for as_at, code, team, num, den in teams:
        teams_by.setdefault((as_at, code), []).append((team, num, den))
    computed_at = datetime.now(UTC).isoformat(timespec="seconds")
    out: dict[date, list[IndicatorResult]] = {}
    for as_at in sorted(set(as_ats)):
        p_lo, m_lo = windows[as_at]
        results = []
        for code in sorted(wanted):
            ind = cat[code]
            num, den = total_by.get((as_at, code), (None, None))
            if ind.unit == COUNT and num is None:
                num = 0.0
            value = _value(ind.unit, num, den)
            records = int(num or 0) if ind.unit == COUNT else int(den or 0)
            if ind.unit == RATE:
                records = int(num or 0)
            results.append(
                IndicatorResult(
                    code=code,
                    name=ind.name,
                    unit=ind.unit,
                    value=value,
                    numerator=num,
                    denominator=den,
                    teams=teams_by.get((as_at, code), []) if ind.team_breakdown else [],
                    provenance={
                        "definition_version": ind.version,
                        "engine_version": ENGINE_VERSION,
                        "as_at": as_at.isoformat(),
                        "period_start_exclusive": p_lo.isoformat(),
                        "month_start": m_lo.isoformat(),
                        "records_counted": records,
                        "store_rows": counts,
                        "la": la,
                        "source": ind.source,
                        "computed_at": computed_at,
                    },
                )
            )
        out[as_at] = results
    return out


def _value(unit: str, num: float | None, den: float | None) -> float | None:
    if unit == COUNT:
        return num
    if not den or num is None:
        return None
    if unit == PERCENTAGE:
        return round_half_up(100 * num / den, 1)
    if unit == RATE:
        return round_half_up(10000 * num / den, 1)
    return round_half_up(num / den, 2)


def round_half_up(value: float, places: int) -> float:
    """Round halves away from zero (as published tables do), not to even."""
    quantum = Decimal(1).scaleb(-places)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP))


def compute_indicators(
    as_at: date,
    codes: Iterable[str] | None = None,
    *,
    store: Store | str | Path | None = None,
    la: str | None = None,
) -> list[IndicatorResult]:
    """Every requested indicator (all when ``codes`` is None) at one as-at date."""
    return compute_indicator_series([as_at], codes, store=store, la=la)[as_at]
