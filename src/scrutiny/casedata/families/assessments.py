"""Assessments and section 47 enquiries, with their working-day timescales."""

from __future__ import annotations

from scrutiny.casedata.families.counting import unpivot, windowed
from scrutiny.casedata.families.windows import Computation


def sql_assessments(comp: Computation) -> str:
    rel = """
        SELECT a.la, a.ck, a.assessment_authorised, a.team,
          (ce.wd_index - cs.wd_index) <= 45 AS in_time
        FROM v_assessments a
        JOIN _cal cs ON cs.day = a.assessment_start
        JOIN _cal ce ON ce.day = a.assessment_authorised
        WHERE a.assessment_authorised IS NOT NULL"""
    agg = windowed(
        comp,
        rel,
        "assessment_authorised",
        {"n": "count(*)", "n_in_time": "count(*) FILTER (in_time)"},
        table="assessments",
    )
    return unpivot(
        agg,
        {
            "assessments": ("n", "NULL"),
            "assessments_45wd_pct": ("n_in_time", "n"),
        },
    )


def sql_s47(comp: Computation) -> str:
    win = comp.windows
    started = (
        "SELECT la, ck, s47_start, icpc_date, team FROM v_s47_enquiries WHERE s47_start IS NOT NULL"
    )
    # Conference held by as-at k: ka(icpc_date) <= k (a missing date never is).
    agg_started = windowed(
        comp,
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
    agg_conf = windowed(
        comp,
        conferences,
        "icpc_date",
        {"n": "count(*)", "n_ok": "count(*) FILTER (in_time)"},
        table="s47_enquiries",
    )
    return (
        unpivot(agg_started, {"s47": ("n", "NULL"), "s47_icpc_pct": ("n_icpc", "n")})
        + " UNION ALL "
        + unpivot(agg_conf, {"icpc_15wd_pct": ("n_ok", "n")})
    )
