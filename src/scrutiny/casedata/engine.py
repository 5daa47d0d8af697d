"""The indicator engine: set-based DuckDB SQL over the child-level store.

Public API (used by the performance report; keep stable):

* ``compute_indicators(as_at, codes=None, *, store=None, la=None) -> list[IndicatorResult]``
* ``compute_indicator_series(as_ats, codes=None, *, store=None, la=None)``
  -> ``dict[date, list[IndicatorResult]]`` (several month ends in one pass)
* ``compute_indicator_table(as_ats, codes=None, *, store=None, la=None, by_la=False)``
  -> ``pyarrow.Table`` of totals (as_at, la, code, value, numerator, denominator)
* ``INDICATORS``: the catalogue, code -> ``Indicator`` (name, unit, polarity, definition,
  source, version).

Every family of indicators (``scrutiny.casedata.families``) is one SQL statement over all
requested as-at dates at once; no Python loop runs per child or per record. This module
prepares a connection, runs the families (side by side on small stores) and turns their
rows into values with provenance.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from scrutiny.casedata.engine_cache import cached_results, remember_results, results_key
from scrutiny.casedata.families import (
    FAMILIES,
    RATES,
    REQUIRES,
    Computation,
    lookback_macro_sql,
    prepare_allocations,
    prepare_as_at_teams,
    prepare_calendar,
    prepare_event_teams,
    prepare_team_type,
    sql_timescales,
)
from scrutiny.casedata.indicators import (
    AVERAGE,
    COUNT,
    PERCENTAGE,
    RATE,
    Indicator,
    catalogue,
)
from scrutiny.casedata.store import Store, open_store

# 2: a team is that of the open allocation that started last, ties broken the same way.
ENGINE_VERSION = "2"
INDICATORS: dict[str, Indicator] = catalogue()


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


def _prepare(con: Any, comp: Computation, la: str | None) -> None:
    """Views, window macros and as-at dates on one connection (temp objects are per
    connection). Sent as one batch: on small stores the round trips add up."""
    from scrutiny.casedata.store import TABLES

    # The LA is a parameter, never pasted into SQL: the views read it from a temp table.
    con.execute("CREATE OR REPLACE TEMP TABLE _scope AS SELECT CAST(? AS VARCHAR) AS la", [la])
    filt = " WHERE la = (SELECT la FROM _scope)" if la is not None else ""
    batch = []
    for table in TABLES:
        # Children are matched by a 64-bit hash of (LA, child id): joins and sorts on one
        # integer run about twice as fast as on two strings. Writes refuse a clash
        # (store.check_child_keys), so no two children can share a key here.
        key = ", hash(la, child) AS ck" if table != "population" else ""
        batch.append(f"CREATE OR REPLACE TEMP VIEW v_{table} AS SELECT *{key} FROM {table}{filt}")
    win = comp.windows
    batch += win.macros()
    dates = zip(win.as_ats, win.period_los, win.month_los, strict=True)
    rows = ", ".join(
        f"({k}, DATE '{day}', DATE '{p_lo}', DATE '{m_lo + timedelta(days=1)}')"
        for k, (day, p_lo, m_lo) in enumerate(dates)
    )
    batch.append(
        "CREATE OR REPLACE TEMP TABLE _asat AS SELECT * FROM "
        f"(VALUES {rows}) v(k, as_at, p_lo, m_lo)"
    )
    batch.append(f"CREATE OR REPLACE TEMP TABLE _res ({RESULT_COLUMNS})")
    con.execute(";\n".join(batch))


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


# Temp tables the families read, built on a connection the first time one needs them.
PREREQUISITES: dict[str, tuple[tuple[str, ...], Any]] = {
    "allocations": (("team_type",), prepare_allocations),
    "calendar": ((), prepare_calendar),
    "team_type": ((), prepare_team_type),
    "event_teams": (("team_type",), prepare_event_teams),
    "as_at_teams": (("allocations", "team_type"), prepare_as_at_teams),
}


class _Lane:
    """One connection computing families, with the temp tables it has built so far."""

    def __init__(self, con: Any, comp: Computation) -> None:
        self.con = con
        self.comp = comp
        self.built: set[str] = set()

    def missing(self, names: Iterable[str]) -> int:
        """How many temp tables names need (with what they need) not yet built here."""
        return sum(
            0 if name in self.built else 1 + self.missing(PREREQUISITES[name][0]) for name in names
        )

    def need(self, names: Iterable[str]) -> None:
        for name in names:
            if name in self.built:
                continue
            before, build = PREREQUISITES[name]
            self.need(before)
            build(self.con, self.comp)
            self.built.add(name)


SMALL_STORE_ROWS = 1_000_000
# Rows of every family, by as-at index k (``_asat`` maps k to the date when results are read).
RESULT_COLUMNS = "k BIGINT, la VARCHAR, code VARCHAR, team VARCHAR, num DOUBLE, den DOUBLE"


def _compute_rows(
    store: Store,
    as_ats: Sequence[date],
    wanted: set[str],
    la: str | None,
    teams: bool = True,
) -> None:
    """Fill the temp table _res(k, la, code, team, num, den), computing only the as-at dates
    whose results are not cached for this store version (``engine_cache``)."""
    days = sorted(set(as_ats))
    key = results_key(store, la, teams, wanted)
    known = cached_results(key)
    missing = [day for day in days if day not in known]
    if missing:
        _compute_dates(store, missing, wanted, la, teams)
        if len(missing) == len(days) and key is None:
            return
        fresh = _rows_by_date(store.con, missing)
        remember_results(key, fresh)
        if len(missing) == len(days):
            return
        known.update(fresh)
    # Lay the kept rows out under the indexes of all the requested dates.
    con = store.con
    _prepare(con, Computation.of(days, teams=teams), la)
    con.register("_kept", pa.concat_tables([known[day] for day in days]))
    try:
        con.execute(
            "INSERT INTO _res SELECT w.k, r.la, r.code, r.team, r.num, r.den "
            "FROM _kept r JOIN _asat w USING (as_at)"
        )
    finally:
        con.unregister("_kept")


def _rows_by_date(con: Any, days: Sequence[date]) -> dict[date, pa.Table]:
    rows = con.sql(
        "SELECT w.as_at, r.la, r.code, r.team, r.num, r.den FROM _res r JOIN _asat w USING (k)"
    ).to_arrow_table()
    as_at = rows.column("as_at")
    return {day: rows.filter(pc.equal(as_at, pa.scalar(day, pa.date32()))) for day in days}


def _compute_dates(
    store: Store,
    as_ats: Sequence[date],
    wanted: set[str],
    la: str | None,
    teams: bool = True,
) -> None:
    con = store.con
    threads = int(con.execute("SELECT current_setting('threads')").fetchall()[0][0])
    rows = con.execute(
        "SELECT sum(estimated_size) FROM duckdb_tables() WHERE database_name = current_database()"
    ).fetchall()[0][0]
    # One authority's statements are small: planning them costs more than running them,
    # and a second thread inside a statement costs more in scheduling than it saves. So
    # each statement runs on one thread and independent statements run side by side, one
    # per thread. Larger stores give every thread to each statement in turn.
    small = (rows or 0) < SMALL_STORE_ROWS
    lanes = min(threads, 2) if small else 1
    if small:
        con.execute("SET threads = 1")
    comp = Computation.of(as_ats, teams=teams, team_enum=not small)
    try:
        _compute_families(con, comp, wanted, la, lanes)
    finally:
        if small:
            con.execute(f"SET threads = {threads}")


def _compute_families(
    con: Any, comp: Computation, wanted: set[str], la: str | None, lanes: int = 1
) -> None:
    needed = set(wanted) | {RATES[c] for c in wanted if c in RATES}
    jobs: list[tuple[str, Any]] = []
    # Timescales first: the longest job, so the lanes finish together.
    scales = {c: v for c, v in catalogue_timescales().items() if c in needed}
    if scales:
        jobs.append(("timescales", lambda con: _insert_timescales(con, comp, scales)))
    for family, provides in FAMILIES:
        if provides & needed:
            jobs.append(
                (family.__name__, lambda con, family=family: _insert_results(con, family(comp)))
            )
    taking = threading.Lock()

    def next_job(lane: _Lane, prefer: str) -> tuple[str, Any] | None:
        # Each lane keeps to one kind of lookup (children at each as-at date, or teams on
        # record dates) while it has such jobs, so the two lanes do not both build every
        # lookup; then it takes what is left, the job needing least first.
        with taking:
            if not jobs:
                return None
            own = [i for i, (name, _run) in enumerate(jobs) if prefer in REQUIRES[name]]
            candidates = own or range(len(jobs))
            best = min(candidates, key=lambda i: lane.missing(REQUIRES[jobs[i][0]]))
            return jobs.pop(best)

    def run_lane(con: Any, prefer: str = "as_at_teams") -> None:
        _prepare(con, comp, la)
        lane = _Lane(con, comp)
        while (job := next_job(lane, prefer)) is not None:
            name, run = job
            lane.need(REQUIRES[name])
            run(con)

    if lanes > 1:
        cursor = con.cursor()
        try:
            with ThreadPoolExecutor(max_workers=1) as pool:
                other = pool.submit(run_lane, cursor, "event_teams")
                run_lane(con)
                other.result()
            con.register("_res_lane", cursor.sql("SELECT * FROM _res").to_arrow_table())
            con.execute("INSERT INTO _res SELECT * FROM _res_lane")
            con.unregister("_res_lane")
        finally:
            cursor.close()
    else:
        run_lane(con)
    rates = {c: base for c, base in RATES.items() if c in wanted}
    if rates:
        pairs = ", ".join(f"('{code}', '{base}')" for code, base in rates.items())
        con.execute(f"""
            INSERT INTO _res
            WITH pop AS ({_population_sql()}),
            base AS (
              SELECT k, la, code, sum(num) AS num FROM _res
              WHERE team IS NOT NULL GROUP BY ALL)
            SELECT w.k, p.la, r.code, NULL, COALESCE(b.num, 0), p.population
            FROM pop p JOIN _asat w USING (as_at) CROSS JOIN (VALUES {pairs}) r(code, base)
            LEFT JOIN base b ON b.k = w.k AND b.la = p.la AND b.code = r.base""")


def _insert_timescales(
    con: Any, comp: Computation, scales: dict[str, tuple[str, int, str]]
) -> None:
    # Without any visit (supervision) records in scope the measure says nothing: leave it
    # empty rather than report 0%.
    has = con.execute(
        "SELECT (SELECT count(*) FROM (SELECT 1 FROM v_visits LIMIT 1)), "
        "(SELECT count(*) FROM (SELECT 1 FROM v_supervisions LIMIT 1))"
    ).fetchall()[0]
    scales = {c: v for c, v in scales.items() if has[0 if c.startswith("visits_") else 1]}
    if scales:
        # Longest timescale in days (working days count at most 2 calendar days each, plus
        # a margin for bank holidays).
        lookback = max(a if unit == "days" else 2 * a + 14 for _p, a, unit in scales.values())
        con.execute(lookback_macro_sql(comp, lookback + 1))
        _insert_results(con, sql_timescales(comp, scales, lookback + 1))


def _insert_results(con: Any, family_sql: str) -> None:
    """Store a family's rows (k, la, code, team, num, den)."""
    con.execute(f"INSERT INTO _res SELECT k, la, code, team, num, den FROM ({family_sql})")


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
        FROM _res JOIN _asat USING (k) GROUP BY {group}"""


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
            SELECT as_at, code, team, sum(num), sum(den) FROM _res JOIN _asat USING (k)
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


def store_authorities(store: Store | str | Path | None = None) -> list[str]:
    """The local authorities the store holds (raises ``StoreMissing`` if there is none)."""
    from scrutiny.casedata.store import authorities

    st, owned = _resolve_store(store)
    try:
        return authorities(st.con)
    finally:
        if owned:
            st.close()
