"""Return home interviews after missing episodes."""

from __future__ import annotations

from scrutiny.casedata.families.counting import unpivot, windowed
from scrutiny.casedata.families.windows import Computation


def sql_missing(comp: Computation) -> str:
    rel = """
        SELECT la, ck, mis_end, NULL AS team,
          rhi_date IS NOT NULL AND rhi_date >= mis_end AND rhi_date - mis_end <= 3 AS in_time
        FROM v_missing_episodes WHERE mis_end IS NOT NULL AND rhi_status IS NOT NULL"""
    agg = windowed(
        comp,
        rel,
        "mis_end",
        {"n": "count(*)", "ok": "count(*) FILTER (in_time)"},
        table="missing_episodes",
    )
    return unpivot(agg, {"rhi_72h_pct": ("ok", "n")})
