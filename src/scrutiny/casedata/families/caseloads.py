"""Caseloads: children held per worker and team at each as-at date."""

from __future__ import annotations

from scrutiny.casedata.families.teams import LATEST_ALLOCATION
from scrutiny.casedata.families.windows import Computation


def sql_caseloads(comp: Computation) -> str:
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
