"""Which family provides each code, what each reads beyond the views, and the rates."""

from __future__ import annotations

from typing import Any

from scrutiny.casedata.families.assessments import sql_assessments, sql_s47
from scrutiny.casedata.families.caseloads import sql_caseloads
from scrutiny.casedata.families.looked_after import sql_cla_at_date, sql_cla_flows
from scrutiny.casedata.families.missing import sql_missing
from scrutiny.casedata.families.protection import sql_cp_plans, sql_plans_at_date
from scrutiny.casedata.families.referrals import sql_month_counts, sql_referrals

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
