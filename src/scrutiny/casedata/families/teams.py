"""Team attribution: the lookups from records and as-at dates to allocated teams."""

from __future__ import annotations

from typing import Any

from scrutiny.casedata.families.windows import Computation


def team_of(
    comp: Computation, rel: str, date_col: str, month: bool = False, table: str = ""
) -> str:
    """Attach the team: the record's own team, else the allocation open on date_col.

    The allocation lookups are prepared once per computation (``prepare_event_teams``), tagged
    with the (table, date column) they serve, so each family joins on a hash table of its
    own records only. Rows outside the computation's outer date bounds are dropped first.
    """
    bounded = comp.windows.bounded(date_col, month)
    if not comp.teams:
        return f"SELECT r.*, 'All' AS team_final FROM ({rel}) r WHERE {bounded}"
    src = EVENT_SOURCES[(table, date_col)]
    return f"""
        SELECT r.*, COALESCE(r.team::_team, t.alloc_team, 'Unallocated'::_team) AS team_final
        FROM (SELECT * FROM ({rel}) WHERE {bounded}) r
        LEFT JOIN (SELECT ck, d, alloc_team FROM _ev_team WHERE src = {src}) t
          ON t.ck = r.ck AND t.d = r.{date_col}"""


def team_at_as_at(comp: Computation, rel: str) -> str:
    """rel has k and ck: attach the team of the child's allocation open at as-at k."""
    if not comp.teams:
        return f"SELECT r.*, 'All' AS team_final FROM ({rel}) r"
    return f"""
        SELECT r.*, COALESCE(t.alloc_team, 'Unallocated'::_team) AS team_final
        FROM ({rel}) r LEFT JOIN _pit_team t ON t.ck = r.ck AND t.k = r.k"""


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
EVENT_SOURCES = {(table, col): i for i, (table, col, _month) in enumerate(EVENT_DATES)}


def prepare_allocations(con: Any, comp: Computation) -> None:
    """Allocations open at each as-at date (for caseloads and point-in-time teams)."""
    win = comp.windows
    team = "team::_team" if comp.teams else "team"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _alloc_open AS
        SELECT unnest({win.open_at("alloc_start", "alloc_end")}) AS k, ck,
          hash(la, worker) AS wk, {team} AS team, alloc_start, alloc_end
        FROM v_allocations WHERE {win.spans("alloc_start", "alloc_end")}""")


# Tables whose records may carry their own team (Annex A gives one).
TEAM_TABLES = [
    "allocations",
    "contacts",
    "early_help",
    "referrals",
    "assessments",
    "strategy_discussions",
    "s47_enquiries",
    "cp_plans",
    "cin_plans",
    "visits",
    "supervisions",
]


def prepare_team_type(con: Any, comp: Computation) -> None:
    """Team names as a temp ENUM: on large stores, grouping and joining on it compares small
    integers. On small ones collecting the names costs more than it saves: plain text."""
    if not comp.teams:
        return
    if not comp.team_enum:
        con.execute("CREATE OR REPLACE TEMP TYPE _team AS VARCHAR")
        return
    names = " UNION ".join(
        f"SELECT team FROM v_{table} WHERE team IS NOT NULL" for table in TEAM_TABLES
    )
    # Sorted, so that comparing two values compares the names (ties between allocations
    # are broken by team name either way).
    con.execute(
        "CREATE OR REPLACE TEMP TYPE _team AS ENUM "
        f"(SELECT team FROM ({names} UNION SELECT 'Unallocated') ORDER BY team)"
    )


# Among allocations open on a day, the one a child's team comes from: the latest started,
# then the longest lasting (open-ended last), then the team name, so that ties give the
# same answer every time.
LATEST_ALLOCATION = "(alloc_start, COALESCE(alloc_end, DATE '9999-12-31'), team)"


def prepare_event_teams(con: Any, comp: Computation) -> None:
    """Team of every (child, record date) the families count: the allocation open that day
    (to its end date inclusive) chosen by ``LATEST_ALLOCATION``."""
    if not comp.teams:
        return
    win = comp.windows
    keys = " UNION ALL ".join(
        f"SELECT {i} AS src, ck, {col} AS d FROM v_{table} WHERE {win.bounded(col, month)}"
        for i, (table, col, month) in enumerate(EVENT_DATES)
    )
    # Allocations starting the same day are first reduced to the one that would win (it is
    # open whenever any of them is), so the big group-by compares plain dates.
    starts = """
        SELECT ck, alloc_start, max(COALESCE(alloc_end, DATE '9999-12-31')) AS alloc_end,
          arg_max(team, (COALESCE(alloc_end, DATE '9999-12-31'), team))::_team AS team
        FROM v_allocations GROUP BY ALL"""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _ev_team AS
        SELECT k.src, k.ck, k.d, arg_max(a.team, a.alloc_start) AS alloc_team
        FROM ({keys}) k JOIN ({starts}) a
          ON a.ck = k.ck AND a.alloc_start <= k.d AND a.alloc_end >= k.d
        GROUP BY ALL""")


def prepare_as_at_teams(con: Any, comp: Computation) -> None:
    """Team of every child at each as-at date: its open allocation by ``LATEST_ALLOCATION``."""
    if not comp.teams:
        return
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pit_team AS
        SELECT k, ck, arg_max(team, {LATEST_ALLOCATION}) AS alloc_team
        FROM _alloc_open GROUP BY ALL""")
