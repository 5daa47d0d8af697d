"""The working-day calendar the timescale families look dates up in."""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from scrutiny.casedata.families.windows import Computation

_CALENDARS: dict[tuple[int, int], pa.Table] = {}


def prepare_calendar(con: Any, comp: Computation) -> None:
    """A temp working-day calendar covering every date the SQL looks up."""
    as_ats = comp.windows.as_ats
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
