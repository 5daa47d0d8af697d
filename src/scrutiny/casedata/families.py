"""The SQL of the indicator families, and the lookups they share.

Every window is half-open, (lo, as-at]; ``Windows`` turns a record date into the range of
as-at indexes whose windows hold it, so no family joins records against dates. Each
``sql_*`` function returns one statement yielding rows (k, la, code, team, num, den) for
every requested as-at index k; a NULL team marks a total given directly (where team rows
do not add up to the total). The engine (``scrutiny.casedata.engine``) runs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

from scrutiny.core.dates import year_before

FOSTER = "('U1','U2','U3','U4','U5','U6')"
CONNECTED = "('U1','U2','U3')"
CHILDRENS_HOME = "('K1','K2')"
UNREGULATED = "('P2','H5','Z1')"
ADOPTION_PLACEMENT = "('A3','A4','A5','A6')"
SHORT_BREAK = "('V3','V4')"
# An episode that is not a short break (a missing legal status is not one).
NOT_SHORT_BREAK = f"(ls IS NULL OR ls NOT IN {SHORT_BREAK})"
CAO_SGO = "('E41','E43','E44','E45','E46','E47','E48')"

# The windows of the current computation, and whether team attribution is wanted.
WINDOWS: ContextVar[Windows] = ContextVar("casedata_windows")
# False when only totals are wanted: team attribution is skipped altogether.
TEAMS: ContextVar[bool] = ContextVar("casedata_teams", default=True)
# Whether team names are an ENUM while computing (large stores) or plain text.
TEAM_ENUM: ContextVar[bool] = ContextVar("casedata_team_enum", default=True)


def count_before(col: str, days: Sequence[date]) -> str:
    """SQL for how many of the sorted ``days`` fall before ``col`` (NULL counts as after all).

    A chain of comparisons against constants: for the dozen or so dates of a report this
    is cheaper than any join, and it parallelises with the scan.
    """
    branches = " ".join(
        f"WHEN {col} <= DATE '{day.isoformat()}' THEN {i}" for i, day in enumerate(days)
    )
    return f"(CASE {branches} ELSE {len(days)} END)"


@dataclass(frozen=True)
class Windows:
    """The as-at dates of one computation and the windows that end on them.

    Every window is half-open, (lo, as_at]: the 12-month period has lo = as_at minus one
    year; the month has lo = the last day of the month before. With the as-at dates sorted
    (index k), a date d lies in window k exactly when ``ka(d) <= k < kp(d)`` (period) or
    ``ka(d) <= k < km(d)`` (month), where ka, kp and km count the as-at dates, period
    bounds and month bounds before d. A span [start, end) is open at as-at k exactly when
    ``ka(start) <= k < ka(end)``. So records are grouped once by (ka, kp) and only that
    small aggregate is spread over the windows with ``unnest(range(...))``; nothing joins
    records against dates.
    """

    as_ats: tuple[date, ...]
    period_los: tuple[date, ...]
    month_los: tuple[date, ...]

    @classmethod
    def of(cls, as_ats: Iterable[date]) -> Windows:
        days = tuple(sorted(set(as_ats)))
        return cls(
            as_ats=days,
            period_los=tuple(year_before(d) for d in days),
            month_los=tuple(d.replace(day=1) - timedelta(days=1) for d in days),
        )

    # ka, kp and km are temp macros (``macros``): written out, the comparison chains made
    # up most of the SQL text, and parsing it cost more than running it on small stores.
    def ka(self, col: str) -> str:
        return f"_ka({col})"

    def kp(self, col: str) -> str:
        return f"_kp({col})"

    def km(self, col: str) -> str:
        return f"_km({col})"

    def macros(self) -> list[str]:
        return [
            f"CREATE OR REPLACE TEMP MACRO {name}(d) AS {count_before('d', days)}"
            for name, days in [
                ("_ka", self.as_ats),
                ("_kp", self.period_los),
                ("_km", self.month_los),
            ]
        ]

    def bounded(self, col: str, month: bool = False) -> str:
        """Constant outer bounds: DuckDB skips row groups by their min/max before any work."""
        lo = (self.month_los if month else self.period_los)[0]
        return f"{col} > DATE '{lo.isoformat()}' AND {col} <= DATE '{self.as_ats[-1].isoformat()}'"

    def spans(self, start: str, stop: str) -> str:
        """Spans open at some as-at date (constant bounds, row groups skipped)."""
        first, last = self.as_ats[0].isoformat(), self.as_ats[-1].isoformat()
        return f"{start} <= DATE '{last}' AND COALESCE({stop}, DATE '9999-12-31') > DATE '{first}'"

    def overlaps_periods(self, start: str, stop: str) -> str:
        """Spans overlapping some 12-month period (constant bounds)."""
        lo, last = self.period_los[0].isoformat(), self.as_ats[-1].isoformat()
        return f"{start} <= DATE '{last}' AND COALESCE({stop}, DATE '9999-12-31') > DATE '{lo}'"

    def open_at(self, start: str, stop: str) -> str:
        """The as-at indexes at which the span [start, stop) is open, as a list."""
        return f"range({self.ka(start)}, {self.ka(stop)})"


def _team_of(rel: str, date_col: str, month: bool = False, table: str = "") -> str:
    """Attach the team: the record's own team, else the allocation open on date_col.

    The allocation lookups are prepared once per computation (``prepare_event_teams``), tagged
    with the (table, date column) they serve, so each family joins on a hash table of its
    own records only. Rows outside the computation's outer date bounds are dropped first.
    """
    bounded = WINDOWS.get().bounded(date_col, month)
    if not TEAMS.get():
        return f"SELECT r.*, 'All' AS team_final FROM ({rel}) r WHERE {bounded}"
    src = EVENT_SOURCES[(table, date_col)]
    return f"""
        SELECT r.*, COALESCE(r.team::_team, t.alloc_team, 'Unallocated'::_team) AS team_final
        FROM (SELECT * FROM ({rel}) WHERE {bounded}) r
        LEFT JOIN (SELECT ck, d, alloc_team FROM _ev_team WHERE src = {src}) t
          ON t.ck = r.ck AND t.d = r.{date_col}"""


def _team_at_as_at(rel: str) -> str:
    """rel has k and ck: attach the team of the child's allocation open at as-at k."""
    if not TEAMS.get():
        return f"SELECT r.*, 'All' AS team_final FROM ({rel}) r"
    return f"""
        SELECT r.*, COALESCE(t.alloc_team, 'Unallocated'::_team) AS team_final
        FROM ({rel}) r LEFT JOIN _pit_team t ON t.ck = r.ck AND t.k = r.k"""


def _windowed(
    rel: str,
    date_col: str,
    counts: dict[str, str],
    *,
    table: str,
    month: bool = False,
    by_team: bool = True,
    keys: dict[str, str] | None = None,
    outputs: dict[str, str] | None = None,
) -> str:
    """(k, la, team_final, ...) counting each record of rel in every window holding date_col.

    ``counts`` are aggregates per group of records; ``keys`` are extra grouping columns;
    ``outputs`` are the columns given for each window (default: every count). A window may
    get several rows for one team: results are sums, added up when read.
    """
    win = WINDOWS.get()
    if by_team:
        source = _team_of(rel, date_col, month, table)
    else:
        source = f"SELECT *, NULL AS team_final FROM ({rel}) WHERE {win.bounded(date_col, month)}"
    upper = win.km(date_col) if month else win.kp(date_col)
    extra = "".join(f", {expr} AS {name}" for name, expr in (keys or {}).items())
    inner = ", ".join(f"{expr} AS {name}" for name, expr in counts.items())
    outer = ", ".join(f"{expr} AS {name}" for name, expr in (outputs or {}).items())
    spread = f"""
        SELECT unnest(range(k0, k1)) AS k, * FROM (
          SELECT la, team_final, {win.ka(date_col)} AS k0, {upper} AS k1{extra}, {inner}
          FROM ({source}) r GROUP BY ALL)"""
    return f"SELECT *, {outer} FROM ({spread})" if outer else spread


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


def prepare_allocations(con: Any) -> None:
    """Allocations open at each as-at date (for caseloads and point-in-time teams)."""
    win = WINDOWS.get()
    team = "team::_team" if TEAMS.get() else "team"
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


def prepare_team_type(con: Any) -> None:
    """Team names as a temp ENUM: on large stores, grouping and joining on it compares small
    integers. On small ones collecting the names costs more than it saves: plain text."""
    if not TEAMS.get():
        return
    if not TEAM_ENUM.get():
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


def prepare_event_teams(con: Any) -> None:
    """Team of every (child, record date) the families count: the allocation open that day
    (to its end date inclusive) chosen by ``LATEST_ALLOCATION``."""
    if not TEAMS.get():
        return
    win = WINDOWS.get()
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


def prepare_as_at_teams(con: Any) -> None:
    """Team of every child at each as-at date: its open allocation by ``LATEST_ALLOCATION``."""
    if not TEAMS.get():
        return
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE _pit_team AS
        SELECT k, ck, arg_max(team, {LATEST_ALLOCATION}) AS alloc_team
        FROM _alloc_open GROUP BY ALL""")


def _unpivot(rel: str, pairs: dict[str, tuple[str, str]]) -> str:
    """rel has k, la, team_final and aggregate columns; emit one row per code.

    One projection that unnests a list of structs: far cheaper to plan than a UNION ALL
    of one branch per code.
    """
    items = ", ".join(
        f"{{'code': '{code}', 'num': CAST({num} AS DOUBLE), 'den': CAST({den} AS DOUBLE)}}"
        for code, (num, den) in pairs.items()
    )
    return f"""
        SELECT k, la, u.code, team, u.num, u.den FROM (
          SELECT k, la, team_final AS team, unnest([{items}]) AS u FROM ({rel}))"""


def sql_referrals() -> str:
    rel = """
        SELECT la, ck, referral_date, team, COALESCE(nfa, false) AS nfa,
          count(*) OVER (PARTITION BY ck ORDER BY referral_date
            RANGE BETWEEN INTERVAL 1 YEAR PRECEDING AND INTERVAL 1 DAY PRECEDING) > 0
            AS rerefer
        FROM v_referrals"""
    agg = _windowed(
        rel,
        "referral_date",
        {
            "n": "count(*)",
            "n_rerefer": "count(*) FILTER (rerefer)",
            "n_nfa": "count(*) FILTER (nfa)",
        },
        table="referrals",
    )
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
        rel = f"SELECT la, ck, {col}, team FROM {table}"
        agg = _windowed(rel, col, {"n": "count(*)"}, table=table[2:], month=True, by_team=by_team)
        parts.append(_unpivot(agg, {code: ("n", "NULL")}))
    return " UNION ALL ".join(parts)


def sql_assessments() -> str:
    rel = """
        SELECT a.la, a.ck, a.assessment_authorised, a.team,
          (ce.wd_index - cs.wd_index) <= 45 AS in_time
        FROM v_assessments a
        JOIN _cal cs ON cs.day = a.assessment_start
        JOIN _cal ce ON ce.day = a.assessment_authorised
        WHERE a.assessment_authorised IS NOT NULL"""
    agg = _windowed(
        rel,
        "assessment_authorised",
        {"n": "count(*)", "n_in_time": "count(*) FILTER (in_time)"},
        table="assessments",
    )
    return _unpivot(
        agg,
        {
            "assessments": ("n", "NULL"),
            "assessments_45wd_pct": ("n_in_time", "n"),
        },
    )


def sql_s47() -> str:
    win = WINDOWS.get()
    started = (
        "SELECT la, ck, s47_start, icpc_date, team FROM v_s47_enquiries WHERE s47_start IS NOT NULL"
    )
    # Conference held by as-at k: ka(icpc_date) <= k (a missing date never is).
    agg_started = _windowed(
        started,
        "s47_start",
        {"n": "count(*)"},
        table="s47_enquiries",
        keys={"kh": win.ka("icpc_date")},
        outputs={"n_icpc": "CASE WHEN kh <= k THEN n ELSE 0 END"},
    )
    conferences = """
        SELECT s.la, s.ck, s.icpc_date, s.team,
          (ce.wd_index - cs.wd_index) <= 15 AS in_time
        FROM v_s47_enquiries s
        JOIN _cal cs ON cs.day = COALESCE(s.strategy_date, s.s47_start)
        JOIN _cal ce ON ce.day = s.icpc_date
        WHERE s.icpc_date IS NOT NULL"""
    agg_conf = _windowed(
        conferences,
        "icpc_date",
        {"n": "count(*)", "n_ok": "count(*) FILTER (in_time)"},
        table="s47_enquiries",
    )
    return (
        _unpivot(agg_started, {"s47": ("n", "NULL"), "s47_icpc_pct": ("n_icpc", "n")})
        + " UNION ALL "
        + _unpivot(agg_conf, {"icpc_15wd_pct": ("n_ok", "n")})
    )


def _children_open(table: str, start: str, stop: str) -> str:
    """(k, la, ck) of children with a span of table open at each as-at date."""
    win = WINDOWS.get()
    return f"""
        SELECT DISTINCT unnest({win.open_at(start, stop)}) AS k, la, ck
        FROM v_{table} WHERE {win.spans(start, stop)}"""


def sql_cp_plans() -> str:
    # An earlier plan in the records: the child's first plan started before this one.
    started = """
        SELECT la, ck, cpp_start, team,
          COALESCE(previous_plans, 0) > 0
            OR min(cpp_start) OVER (PARTITION BY ck) < cpp_start AS repeat_plan
        FROM v_cp_plans"""
    agg_started = _windowed(
        started,
        "cpp_start",
        {"n": "count(*)", "n_repeat": "count(*) FILTER (repeat_plan)"},
        table="cp_plans",
    )
    ended = """
        SELECT la, ck, cpp_end, team,
          cpp_end >= CAST(cpp_start + INTERVAL 2 YEAR AS DATE) AS long_plan
        FROM v_cp_plans WHERE cpp_end IS NOT NULL"""
    agg_ended = _windowed(
        ended, "cpp_end", {"n": "count(*)", "n2": "count(*) FILTER (long_plan)"}, table="cp_plans"
    )
    return " UNION ALL ".join(
        [
            _unpivot(
                agg_started,
                {"cpp_started": ("n", "NULL"), "cpp_second_or_subsequent_pct": ("n_repeat", "n")},
            ),
            _unpivot(agg_ended, {"cpp_ceased_2y_plus_pct": ("n2", "n")}),
        ]
    )


def sql_plans_at_date() -> str:
    """Children on a CP plan and on a CIN plan at each as-at date."""
    at_date = _children_open("cp_plans", "cpp_start", "cpp_end")
    agg_at = f"""
        SELECT k, la, team_final, count(*) AS n FROM ({_team_at_as_at(at_date)}) r
        GROUP BY ALL"""
    cin_at = _children_open("cin_plans", "cin_start", "cin_end")
    agg_cin = f"""
        SELECT k, la, team_final, count(*) AS n FROM ({_team_at_as_at(cin_at)}) r
        GROUP BY ALL"""
    return " UNION ALL ".join(
        [
            _unpivot(agg_at, {"cpp_at_date": ("n", "NULL")}),
            _unpivot(agg_cin, {"cin_plans_at_date": ("n", "NULL")}),
        ]
    )


def sql_cla_at_date() -> str:
    """Children looked after at each as-at date, their current episode and placements."""
    win = WINDOWS.get()
    current = f"""
        SELECT k, la, ck,
          arg_max(ls, decom) AS ls, arg_max(place, decom) AS place,
          arg_max(place_provider, decom) AS provider
        FROM (SELECT unnest({win.open_at("decom", "dec")}) AS k, *
              FROM v_cla_episodes WHERE {win.spans("decom", "dec")})
        GROUP BY ALL"""
    # Episodes overlapping the period (decom <= as-at, dec > period start). The first one
    # always counts; a later one counts unless it only continues a placement (RNE L).
    placements = f"""
        SELECT k, la, ck,
          count(*) FILTER (rne IS DISTINCT FROM 'L')
            + CASE WHEN arg_min(rne, decom) = 'L' THEN 1 ELSE 0 END AS placements
        FROM (SELECT unnest(range({win.ka("decom")}, {win.kp("dec")})) AS k, la, ck, rne, decom
              FROM v_cla_episodes WHERE {win.overlaps_periods("decom", "dec")})
        GROUP BY ALL"""
    rel = f"""
        SELECT c.*, p.placements FROM ({current}) c
        LEFT JOIN ({placements}) p USING (k, la, ck)"""
    # The DfE counts leave out children looked after under an agreed series of short
    # breaks: the child's current episode decides (legal status V3 or V4).
    rel = f"SELECT * FROM ({rel}) WHERE {NOT_SHORT_BREAK}"
    agg = f"""
        SELECT k, la, team_final, count(*) AS n,
          count(*) FILTER (placements >= 3) AS n_3plus,
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
            "cla_3plus_placements_pct": ("n_3plus", "n"),
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
    # Short breaks (V3, V4) are left out, as in the DfE counts: a child starts to be looked
    # after with an episode that is not a short break and either starts a period of care
    # (RNE S) or directly follows a short break; a child ceases with an episode that is not
    # a short break and either ends care (REC other than X1) or is directly followed by one.
    episodes = """
        SELECT e.la, e.ck, e.decom, e.dec, e.rne, e.rec, e.ls,
          lag(e.ls) OVER w AS prev_ls, lag(e.dec) OVER w AS prev_dec,
          lead(e.ls) OVER w AS next_ls, lead(e.decom) OVER w AS next_decom,
          COALESCE(c.uasc, false) AS uasc
        FROM v_cla_episodes e LEFT JOIN v_children c USING (la, ck)
        WINDOW w AS (PARTITION BY e.ck ORDER BY e.decom)"""
    started = f"""
        SELECT la, ck, decom, NULL AS team, uasc FROM ({episodes})
        WHERE {NOT_SHORT_BREAK} AND (rne = 'S'
          OR (prev_dec = decom AND prev_ls IN {SHORT_BREAK}))"""
    agg_new = _windowed(
        started,
        "decom",
        {"n": "count(*)", "n_uasc": "count(*) FILTER (uasc)"},
        table="cla_episodes",
        month=True,
    )
    ceased = f"""
        SELECT la, ck, dec, rec, NULL AS team, uasc FROM ({episodes})
        WHERE {NOT_SHORT_BREAK} AND dec IS NOT NULL AND rec IS NOT NULL
          AND (rec <> 'X1' OR (next_decom = dec AND next_ls IN {SHORT_BREAK}))"""
    agg_ceased = _windowed(
        ceased,
        "dec",
        {
            "n": "count(*)",
            "n_not_uasc": "count(*) FILTER (NOT uasc)",
            "n_order": f"count(*) FILTER (rec IN {CAO_SGO})",
            "n_home": "count(*) FILTER (rec = 'E4A')",
            "n_adopted": "count(*) FILTER (rec IN ('E11','E12'))",
        },
        table="cla_episodes",
        month=True,
    )
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
    """Caseloads from the allocations open at each as-at date (``_alloc_open``).

    A worker's team is that of their latest allocation (``LATEST_ALLOCATION``). The open
    allocations carry integers only (hashed worker and child); names are joined back on the
    small per-worker table.
    """
    return f"""
        SELECT * FROM (
        WITH wk AS MATERIALIZED (
          SELECT hash(la, worker) AS wk, any_value(la) AS la,
            COALESCE(arg_max(team, {LATEST_ALLOCATION}), 'Unallocated') AS team
          FROM v_allocations GROUP BY ALL),
        oa AS MATERIALIZED (SELECT DISTINCT k, wk, ck FROM _alloc_open),
        pw AS MATERIALIZED (
          SELECT o.k, w.la, w.team, o.held
          FROM (SELECT k, wk, count(*) AS held FROM oa GROUP BY ALL) o
          JOIN wk w USING (wk)),
        tr AS MATERIALIZED (
          SELECT k, la, team, sum(held) AS held, count(*) AS workers,
            count(*) FILTER (held >= 20) AS w20
          FROM pw GROUP BY ALL),
        ch AS (
          SELECT c.k, w.la, count(*) AS children
          FROM (SELECT k, ck, min(wk) AS wk FROM oa GROUP BY ALL) c
          JOIN wk w USING (wk) GROUP BY ALL)
        SELECT k, la, 'caseload_children_held' AS code, team,
          CAST(held AS DOUBLE) AS num, CAST(NULL AS DOUBLE) AS den FROM tr
        UNION ALL SELECT k, la, 'caseload_average', team, held, workers FROM tr
        UNION ALL SELECT k, la, 'caseload_workers_20plus', team, w20, NULL FROM tr
        UNION ALL SELECT k, la, 'caseload_children_held', NULL, children, NULL FROM ch
        UNION ALL SELECT k, la, 'caseload_average', NULL, sum(held), count(*)
          FROM pw GROUP BY ALL)"""


def sql_missing() -> str:
    rel = """
        SELECT la, ck, mis_end, NULL AS team,
          rhi_date IS NOT NULL AND rhi_date >= mis_end AND rhi_date - mis_end <= 3 AS in_time
        FROM v_missing_episodes WHERE mis_end IS NOT NULL AND rhi_status IS NOT NULL"""
    agg = _windowed(
        rel,
        "mis_end",
        {"n": "count(*)", "ok": "count(*) FILTER (in_time)"},
        table="missing_episodes",
    )
    return _unpivot(agg, {"rhi_72h_pct": ("ok", "n")})


def active_children_sql() -> str:
    """Children open to each kind of plan at each as-at date (k), with the plan start."""
    win = WINDOWS.get()

    plans = " UNION ALL ".join(
        f"SELECT la, ck, '{plan}' AS plan, {start} AS start, {stop} AS stop FROM v_{table} "
        f"WHERE {win.spans(start, stop)}"
        for table, plan, start, stop in [
            ("cp_plans", "cp", "cpp_start", "cpp_end"),
            ("cin_plans", "cin", "cin_start", "cin_end"),
            ("early_help", "eh", "eh_start", "eh_end"),
            ("assessments", "assessment", "assessment_start", "assessment_authorised"),
        ]
    )
    # Overlapping plans of one kind: the child has been on a plan since the earliest of
    # them began, so that start is the one timescales count from.
    earliest = f"""
        SELECT k, la, ck, plan, min(start) AS plan_start
        FROM (SELECT unnest({win.open_at("start", "stop")}) AS k, la, ck, plan, start
              FROM ({plans}))
        GROUP BY ALL"""
    # Looked after: the current episode must not be a short break (V3, V4). Visits are due
    # from the start of the placement (regulation 28), and a change of legal status only
    # (RNE L) continues the placement before it: an episode's placement began with the
    # latest episode up to it whose RNE is not L (or the child's first episode).
    episodes = """
        SELECT la, ck, decom, dec, ls, COALESCE(
            max(CASE WHEN rne IS DISTINCT FROM 'L' THEN decom END) OVER w, min(decom) OVER w)
          AS placed
        FROM v_cla_episodes
        WINDOW w AS (PARTITION BY ck ORDER BY decom
                     ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"""
    cla = f"""
        SELECT k, la, ck, 'cla' AS plan, arg_max(placed, decom) AS plan_start
        FROM (SELECT unnest({win.open_at("decom", "dec")}) AS k, la, ck, decom, ls, placed
              FROM ({episodes}) WHERE {win.spans("decom", "dec")})
        GROUP BY ALL
        HAVING arg_max(ls, decom) IS NULL OR arg_max(ls, decom) NOT IN {SHORT_BREAK}"""
    return f"{earliest} UNION ALL {cla}"


def sql_timescales(codes: dict[str, tuple[str, int, str]], lookback: int) -> str:
    """Visits and supervisions within timescale: one pass over the open plans.

    Grouped by plan as well, so each distinct timescale is one aggregate however many
    plans use it; each plan's row then yields the codes of that plan.
    """
    dues: dict[str, str] = {}
    oks: dict[str, str] = {}
    by_plan: dict[str, list[str]] = {}
    for code, (plan, amount, unit) in codes.items():
        kind = "visit" if code.startswith("visits_") else "sup"
        amount = int(amount)
        if unit == "working_days":
            due = f"(wd_at - wd_start) > {amount}"
            ok = f"(wd_at - wd_{kind}) <= {amount}"
        else:
            last = "last_visit" if kind == "visit" else "last_supervision"
            due = f"(as_at - plan_start) > {amount}"
            ok = f"(as_at - {last}) <= {amount}"
        d = dues.setdefault(due, f"d{len(dues)}")
        n = oks.setdefault(f"{due} AND {ok}", f"n{len(oks)}")
        by_plan.setdefault(plan, []).append(
            f"{{'code': '{code}', 'num': CAST({n} AS DOUBLE), 'den': CAST({d} AS DOUBLE)}}"
        )
    columns = [f"count(*) FILTER ({cond}) AS {name}" for cond, name in {**dues, **oks}.items()]
    lists = " ".join(f"WHEN '{plan}' THEN [{', '.join(items)}]" for plan, items in by_plan.items())
    plans = ", ".join(f"'{plan}'" for plan in by_plan)
    return f"""
        SELECT k, la, u.code, team, u.num, u.den FROM (
          SELECT k, la, team_final AS team, unnest(CASE plan {lists} END) AS u FROM (
            SELECT k, la, team_final, plan, {", ".join(columns)}
            FROM ({active_sql(codes, lookback)}) WHERE plan IN ({plans})
            GROUP BY ALL))"""


def lookback_lows(lookback: int) -> list[date]:
    return [day - timedelta(days=int(lookback)) for day in WINDOWS.get().as_ats]


def lookback_macro_sql(lookback: int) -> str:
    """The ``_kl`` macro ``active_sql`` uses: as-at dates minus ``lookback`` before d."""
    return f"CREATE OR REPLACE TEMP MACRO _kl(d) AS {count_before('d', lookback_lows(lookback))}"


def active_sql(codes: dict[str, tuple[str, int, str]], lookback: int) -> str:
    """Open plans with the latest visit and supervision on or before as-at.

    A record dated d can only decide a timescale at as-at k when d is on or before it and
    no more than ``lookback`` days earlier (the longest timescale): that is k in
    [ka(d), kl(d)), kl counting the as-at dates minus ``lookback`` before d (the ``_kl``
    macro from ``lookback_macro_sql``, which must be made first). Records are spread over
    those few as-at dates only, reduced to the latest per (k, child) and joined to the open
    plans. A child with none counts as late, exactly as if its last record were that old.
    Working-day numbers are looked up only where a timescale is in working days.
    """
    win = WINDOWS.get()
    lows = lookback_lows(lookback)
    kind_of = {c: "visit" if c.startswith("visits_") else "sup" for c in codes}
    kinds = set(kind_of.values())
    working = {kind_of[c] for c, (_p, _a, unit) in codes.items() if unit == "working_days"}
    # Visits and supervisions go through one group-by. A visit counts only for the plan of
    # its kind (an early help visit is not a looked-after visit; a visit of no recorded
    # kind counts for none); supervisions are not of a kind and count for every plan.
    parts = []
    for kind, table, col, plan in [
        ("visit", "visits", "visit_date", "COALESCE(visit_kind, '')"),
        ("sup", "supervisions", "supervision_date", "'*'"),
    ]:
        if kind not in kinds:
            continue
        bounded = (
            f"{col} > DATE '{lows[0].isoformat()}' AND {col} <= DATE '{win.as_ats[-1].isoformat()}'"
        )
        parts.append(f"""
            SELECT ck, {col} AS d, {plan} AS plan,
              unnest(range({win.ka(col)}, _kl({col}))) AS k
            FROM v_{table} WHERE {bounded}""")
    latest = f"SELECT k, ck, plan, max(d) AS d FROM ({' UNION ALL '.join(parts)}) GROUP BY ALL"
    joins = [
        "LEFT JOIN lr lv ON lv.k = r.k AND lv.ck = r.ck AND lv.plan = r.plan",
        "LEFT JOIN lr ls ON ls.k = r.k AND ls.ck = r.ck AND ls.plan = '*'",
    ]
    columns = ["lv.d AS last_visit", "ls.d AS last_supervision"]
    if working:
        joins.append("JOIN _cal ca ON ca.day = w.as_at")
        joins.append("JOIN _cal cs ON cs.day = r.plan_start")
        columns += ["ca.wd_index AS wd_at", "cs.wd_index AS wd_start"]
        for kind, alias in (("visit", "lv"), ("sup", "ls")):
            if kind in working:
                joins.append(f"LEFT JOIN _cal c_{kind} ON c_{kind}.day = {alias}.d")
                columns.append(f"c_{kind}.wd_index AS wd_{kind}")
    return f"""
        WITH lr AS MATERIALIZED ({latest})
        SELECT r.*, w.as_at, {", ".join(columns)}
        FROM ({_team_at_as_at(active_children_sql())}) r
        JOIN _asat w ON w.k = r.k
        {" ".join(joins)}"""


CASELOAD_CODES = frozenset(
    {"caseload_children_held", "caseload_average", "caseload_workers_20plus"}
)

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
        frozenset({"cpp_started", "cpp_second_or_subsequent_pct", "cpp_ceased_2y_plus_pct"}),
    ),
    (sql_plans_at_date, frozenset({"cpp_at_date", "cpp_rate", "cin_plans_at_date"})),
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
        CASELOAD_CODES,
    ),
    (sql_missing, frozenset({"rhi_72h_pct"})),
]

# What each family reads beyond the views (see PREREQUISITES).
REQUIRES: dict[str, tuple[str, ...]] = {
    "sql_referrals": ("event_teams",),
    "sql_month_counts": ("event_teams",),
    "sql_assessments": ("event_teams", "calendar"),
    "sql_s47": ("event_teams", "calendar"),
    "sql_cp_plans": ("event_teams",),
    "sql_plans_at_date": ("as_at_teams",),
    "sql_cla_at_date": ("as_at_teams",),
    "sql_cla_flows": ("event_teams",),
    "sql_caseloads": ("allocations",),
    "sql_missing": ("event_teams",),
    "timescales": ("as_at_teams", "calendar"),
}

# Rates: code -> the count it is built on.
RATES = {
    "referrals_rate": "referrals",
    "assessments_rate": "assessments",
    "s47_rate": "s47",
    "cpp_rate": "cpp_at_date",
    "cla_rate": "cla_at_date",
}


# --------------------------------------------------------------------------- running


_CALENDARS: dict[tuple[int, int], pa.Table] = {}


def prepare_calendar(con: Any) -> None:
    """A temp working-day calendar covering every date the SQL looks up."""
    as_ats = WINDOWS.get().as_ats
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
