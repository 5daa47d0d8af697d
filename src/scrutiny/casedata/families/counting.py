"""Shared shapes of family SQL: records spread over windows, and rows per code."""

from __future__ import annotations

from scrutiny.casedata.families.teams import team_of
from scrutiny.casedata.families.windows import Computation

SHORT_BREAK = "('V3','V4')"
# An episode that is not a short break (a missing legal status is not one).
NOT_SHORT_BREAK = f"(ls IS NULL OR ls NOT IN {SHORT_BREAK})"


def windowed(
    comp: Computation,
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
    win = comp.windows
    if by_team:
        source = team_of(comp, rel, date_col, month, table)
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


def unpivot(rel: str, pairs: dict[str, tuple[str, str]]) -> str:
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


def children_open(comp: Computation, table: str, start: str, stop: str) -> str:
    """(k, la, ck) of children with a span of table open at each as-at date."""
    win = comp.windows
    return f"""
        SELECT DISTINCT unnest({win.open_at(start, stop)}) AS k, la, ck
        FROM v_{table} WHERE {win.spans(start, stop)}"""
