"""Children looked after at each as-at date (placements), and those starting and ceasing."""

from __future__ import annotations

from scrutiny.casedata.families.counting import NOT_SHORT_BREAK, SHORT_BREAK, unpivot, windowed
from scrutiny.casedata.families.teams import team_at_as_at
from scrutiny.casedata.families.windows import Computation

# Placement types (SSDA903 PLACE) and reasons for ceasing (REC) the families group by.
FOSTER = "('U1','U2','U3','U4','U5','U6')"
CONNECTED = "('U1','U2','U3')"
CHILDRENS_HOME = "('K1','K2')"
UNREGULATED = "('P2','H5','Z1')"
ADOPTION_PLACEMENT = "('A3','A4','A5','A6')"
CAO_SGO = "('E41','E43','E44','E45','E46','E47','E48')"


def sql_cla_at_date(comp: Computation) -> str:
    """Children looked after at each as-at date, their current episode and placements."""
    win = comp.windows
    current = f"""
        SELECT k, la, ck,
          arg_max(ls, decom) AS ls, arg_max(place, decom) AS place,
          arg_max(place_provider, decom) AS provider
        FROM (SELECT unnest({win.open_at("decom", "dec")}) AS k, *
              FROM v_cla_episodes WHERE {win.spans("decom", "dec")})
        GROUP BY ALL"""
    # Episodes overlapping the period (decom <= as-at, dec > period start). The first one
    # always counts; a later one counts unless it only continues a placement (RNE L).
    placements = f"""
        SELECT k, la, ck,
          count(*) FILTER (rne IS DISTINCT FROM 'L')
            + CASE WHEN arg_min(rne, decom) = 'L' THEN 1 ELSE 0 END AS placements
        FROM (SELECT unnest(range({win.ka("decom")}, {win.kp("dec")})) AS k, la, ck, rne, decom
              FROM v_cla_episodes WHERE {win.overlaps_periods("decom", "dec")})
        GROUP BY ALL"""
    rel = f"""
        SELECT c.*, p.placements FROM ({current}) c
        LEFT JOIN ({placements}) p USING (k, la, ck)"""
    # The DfE counts leave out children looked after under an agreed series of short
    # breaks: the child's current episode decides (legal status V3 or V4).
    rel = f"SELECT * FROM ({rel}) WHERE {NOT_SHORT_BREAK}"
    agg = f"""
        SELECT k, la, team_final, count(*) AS n,
          count(*) FILTER (placements >= 3) AS n_3plus,
          count(*) FILTER (place IN {FOSTER} AND provider IN ('PR4','PR5')) AS n_ifa,
          count(*) FILTER (place IN {FOSTER} AND provider = 'PR1') AS n_in_house,
          count(*) FILTER (place IN {CONNECTED}) AS n_connected,
          count(*) FILTER (place IN {CHILDRENS_HOME}) AS n_home,
          count(*) FILTER (place = 'P1') AS n_parents,
          count(*) FILTER (place IN {UNREGULATED}) AS n_unreg,
          count(*) FILTER (place IN {ADOPTION_PLACEMENT}) AS n_adoption
        FROM ({team_at_as_at(comp, rel)}) r GROUP BY ALL"""
    return unpivot(
        agg,
        {
            "cla_at_date": ("n", "NULL"),
            "cla_3plus_placements_pct": ("n_3plus", "n"),
            "cla_placed_ifa": ("n_ifa", "NULL"),
            "cla_placed_ifa_pct": ("n_ifa", "n"),
            "cla_placed_in_house_foster": ("n_in_house", "NULL"),
            "cla_placed_in_house_foster_pct": ("n_in_house", "n"),
            "cla_placed_connected": ("n_connected", "NULL"),
            "cla_placed_childrens_home": ("n_home", "NULL"),
            "cla_placed_childrens_home_pct": ("n_home", "n"),
            "cla_placed_with_parents": ("n_parents", "NULL"),
            "cla_placed_unregulated": ("n_unreg", "NULL"),
            "cla_placed_unregulated_pct": ("n_unreg", "n"),
            "cla_placed_for_adoption": ("n_adoption", "NULL"),
        },
    )


def sql_cla_flows(comp: Computation) -> str:
    # Short breaks (V3, V4) are left out, as in the DfE counts: a child starts to be looked
    # after with an episode that is not a short break and either starts a period of care
    # (RNE S) or directly follows a short break; a child ceases with an episode that is not
    # a short break and either ends care (REC other than X1) or is directly followed by one.
    episodes = """
        SELECT e.la, e.ck, e.decom, e.dec, e.rne, e.rec, e.ls,
          lag(e.ls) OVER w AS prev_ls, lag(e.dec) OVER w AS prev_dec,
          lead(e.ls) OVER w AS next_ls, lead(e.decom) OVER w AS next_decom,
          COALESCE(c.uasc, false) AS uasc
        FROM v_cla_episodes e LEFT JOIN v_children c USING (la, ck)
        WINDOW w AS (PARTITION BY e.ck ORDER BY e.decom)"""
    started = f"""
        SELECT la, ck, decom, NULL AS team, uasc FROM ({episodes})
        WHERE {NOT_SHORT_BREAK} AND (rne = 'S'
          OR (prev_dec = decom AND prev_ls IN {SHORT_BREAK}))"""
    agg_new = windowed(
        comp,
        started,
        "decom",
        {"n": "count(*)", "n_uasc": "count(*) FILTER (uasc)"},
        table="cla_episodes",
        month=True,
    )
    ceased = f"""
        SELECT la, ck, dec, rec, NULL AS team, uasc FROM ({episodes})
        WHERE {NOT_SHORT_BREAK} AND dec IS NOT NULL AND rec IS NOT NULL
          AND (rec <> 'X1' OR (next_decom = dec AND next_ls IN {SHORT_BREAK}))"""
    agg_ceased = windowed(
        comp,
        ceased,
        "dec",
        {
            "n": "count(*)",
            "n_not_uasc": "count(*) FILTER (NOT uasc)",
            "n_order": f"count(*) FILTER (rec IN {CAO_SGO})",
            "n_home": "count(*) FILTER (rec = 'E4A')",
            "n_adopted": "count(*) FILTER (rec IN ('E11','E12'))",
        },
        table="cla_episodes",
        month=True,
    )
    return (
        unpivot(agg_new, {"cla_new_month": ("n", "NULL"), "cla_new_month_uasc": ("n_uasc", "NULL")})
        + " UNION ALL "
        + unpivot(
            agg_ceased,
            {
                "cla_ceased_month": ("n", "NULL"),
                "cla_ceased_month_excl_uasc": ("n_not_uasc", "NULL"),
                "cla_ceased_month_cao_sgo": ("n_order", "NULL"),
                "cla_ceased_month_returned_home": ("n_home", "NULL"),
                "cla_ceased_month_adopted": ("n_adopted", "NULL"),
            },
        )
    )
