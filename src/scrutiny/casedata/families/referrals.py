"""Referrals (re-referrals, no further action) and the monthly counts of front-door work."""

from __future__ import annotations

from scrutiny.casedata.families.counting import unpivot, windowed
from scrutiny.casedata.families.windows import Computation


def sql_referrals(comp: Computation) -> str:
    rel = """
        SELECT la, ck, referral_date, team, COALESCE(nfa, false) AS nfa,
          count(*) OVER (PARTITION BY ck ORDER BY referral_date
            RANGE BETWEEN INTERVAL 1 YEAR PRECEDING AND INTERVAL 1 DAY PRECEDING) > 0
            AS rerefer
        FROM v_referrals"""
    agg = windowed(
        comp,
        rel,
        "referral_date",
        {
            "n": "count(*)",
            "n_rerefer": "count(*) FILTER (rerefer)",
            "n_nfa": "count(*) FILTER (nfa)",
        },
        table="referrals",
    )
    return unpivot(
        agg,
        {
            "referrals": ("n", "NULL"),
            "re_referrals_12m_pct": ("n_rerefer", "n"),
            "referrals_nfa_pct": ("n_nfa", "n"),
        },
    )


def sql_month_counts(comp: Computation) -> str:
    parts = []
    for code, table, col, by_team in [
        # Contacts reach the front door before any allocation: no team breakdown.
        ("contacts_month", "v_contacts", "contact_date", False),
        ("early_help_started_month", "v_early_help", "eh_start", True),
        ("referrals_month", "v_referrals", "referral_date", True),
        ("strategy_discussions_month", "v_strategy_discussions", "strategy_date", True),
    ]:
        rel = f"SELECT la, ck, {col}, team FROM {table}"
        agg = windowed(
            comp, rel, col, {"n": "count(*)"}, table=table[2:], month=True, by_team=by_team
        )
        parts.append(unpivot(agg, {code: ("n", "NULL")}))
    return " UNION ALL ".join(parts)
