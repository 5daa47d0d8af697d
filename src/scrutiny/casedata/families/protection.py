"""Child protection plans started and ended, and CP and CIN plans open at each as-at date."""

from __future__ import annotations

from scrutiny.casedata.families.counting import children_open, unpivot, windowed
from scrutiny.casedata.families.teams import team_at_as_at
from scrutiny.casedata.families.windows import Computation


def sql_cp_plans(comp: Computation) -> str:
    # An earlier plan in the records: the child's first plan started before this one.
    started = """
        SELECT la, ck, cpp_start, team,
          COALESCE(previous_plans, 0) > 0
            OR min(cpp_start) OVER (PARTITION BY ck) < cpp_start AS repeat_plan
        FROM v_cp_plans"""
    agg_started = windowed(
        comp,
        started,
        "cpp_start",
        {"n": "count(*)", "n_repeat": "count(*) FILTER (repeat_plan)"},
        table="cp_plans",
    )
    ended = """
        SELECT la, ck, cpp_end, team,
          cpp_end >= CAST(cpp_start + INTERVAL 2 YEAR AS DATE) AS long_plan
        FROM v_cp_plans WHERE cpp_end IS NOT NULL"""
    agg_ended = windowed(
        comp,
        ended,
        "cpp_end",
        {"n": "count(*)", "n2": "count(*) FILTER (long_plan)"},
        table="cp_plans",
    )
    return " UNION ALL ".join(
        [
            unpivot(
                agg_started,
                {"cpp_started": ("n", "NULL"), "cpp_second_or_subsequent_pct": ("n_repeat", "n")},
            ),
            unpivot(agg_ended, {"cpp_ceased_2y_plus_pct": ("n2", "n")}),
        ]
    )


def sql_plans_at_date(comp: Computation) -> str:
    """Children on a CP plan and on a CIN plan at each as-at date."""
    at_date = children_open(comp, "cp_plans", "cpp_start", "cpp_end")
    agg_at = f"""
        SELECT k, la, team_final, count(*) AS n FROM ({team_at_as_at(comp, at_date)}) r
        GROUP BY ALL"""
    cin_at = children_open(comp, "cin_plans", "cin_start", "cin_end")
    agg_cin = f"""
        SELECT k, la, team_final, count(*) AS n FROM ({team_at_as_at(comp, cin_at)}) r
        GROUP BY ALL"""
    return " UNION ALL ".join(
        [
            unpivot(agg_at, {"cpp_at_date": ("n", "NULL")}),
            unpivot(agg_cin, {"cin_plans_at_date": ("n", "NULL")}),
        ]
    )
