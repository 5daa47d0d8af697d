"""Visits and supervisions within timescale for children open to a plan at each as-at date."""

from __future__ import annotations

from datetime import date, timedelta

from scrutiny.casedata.families.counting import SHORT_BREAK
from scrutiny.casedata.families.teams import team_at_as_at
from scrutiny.casedata.families.windows import Computation, count_before


def active_children_sql(comp: Computation) -> str:
    """Children open to each kind of plan at each as-at date (k), with the plan start."""
    win = comp.windows

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


def sql_timescales(comp: Computation, codes: dict[str, tuple[str, int, str]], lookback: int) -> str:
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
            FROM ({active_sql(comp, codes, lookback)}) WHERE plan IN ({plans})
            GROUP BY ALL))"""


def lookback_lows(comp: Computation, lookback: int) -> list[date]:
    return [day - timedelta(days=int(lookback)) for day in comp.windows.as_ats]


def lookback_macro_sql(comp: Computation, lookback: int) -> str:
    """The ``_kl`` macro ``active_sql`` uses: as-at dates minus ``lookback`` before d."""
    return (
        f"CREATE OR REPLACE TEMP MACRO _kl(d) AS {count_before('d', lookback_lows(comp, lookback))}"
    )


def active_sql(comp: Computation, codes: dict[str, tuple[str, int, str]], lookback: int) -> str:
    """Open plans with the latest visit and supervision on or before as-at.

    A record dated d can only decide a timescale at as-at k when d is on or before it and
    no more than ``lookback`` days earlier (the longest timescale): that is k in
    [ka(d), kl(d)), kl counting the as-at dates minus ``lookback`` before d (the ``_kl``
    macro from ``lookback_macro_sql``, which must be made first). Records are spread over
    those few as-at dates only, reduced to the latest per (k, child) and joined to the open
    plans. A child with none counts as late, exactly as if its last record were that old.
    Working-day numbers are looked up only where a timescale is in working days.
    """
    win = comp.windows
    lows = lookback_lows(comp, lookback)
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
        FROM ({team_at_as_at(comp, active_children_sql(comp))}) r
        JOIN _asat w ON w.k = r.k
        {" ".join(joins)}"""
