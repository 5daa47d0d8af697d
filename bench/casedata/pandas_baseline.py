"""A straightforward pandas implementation of the engine's indicators (the baseline).

Loads every table into pandas DataFrames and loops over the month ends, filtering and
grouping as an analyst would. It produces the same totals per (as_at, la, code) as
``compute_indicator_table(..., by_la=True)`` (team breakdowns are not computed here, which
only flatters the baseline). ``bench_indicators.py`` checks the two agree.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from scrutiny.casedata.indicators import timescales
from scrutiny.casedata.store import TABLES, calendar_arrow

FOSTER = {"U1", "U2", "U3", "U4", "U5", "U6"}
SHORT_BREAK = {"V3", "V4"}
CAO_SGO = {"E41", "E43", "E44", "E45", "E46", "E47", "E48"}


def load_frames(con) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in TABLES:
        df = con.execute(f"SELECT * FROM {table}").df()
        for column in df.columns:
            if df[column].dtype.kind == "M":
                df[column] = df[column].astype("datetime64[ns]")
        frames[table] = df
    return frames


class Workdays:
    def __init__(self, first_year: int, last_year: int):
        cal = calendar_arrow(first_year, last_year).to_pandas()
        self.days = cal["day"].astype("datetime64[ns]").to_numpy()
        self.index = cal["wd_index"].to_numpy()

    def __call__(self, values: pd.Series) -> np.ndarray:
        pos = np.searchsorted(self.days, values.to_numpy(dtype="datetime64[ns]"))
        return self.index[np.clip(pos, 0, len(self.index) - 1)]


def compute(frames: dict[str, pd.DataFrame], as_ats: list[date]) -> pd.DataFrame:
    """Rows (as_at, la, code, num, den) for every indicator the engine computes."""
    f = frames
    years = [d.year for d in as_ats]
    wd = Workdays(min(years) - 12, max(years) + 2)
    rows: list[tuple] = []

    latest: dict[str, pd.Series] = {}

    def emit(as_at, code, num: pd.Series, den: pd.Series | None = None):
        latest[code] = num
        for la, value in num.items():
            rows.append(
                (as_at, la, code, float(value), None if den is None else float(den.get(la, 0)))
            )

    # Per-record flags that do not depend on the as-at date.
    ref = f["referrals"].copy()
    distinct = (
        ref[["la", "child", "referral_date"]]
        .drop_duplicates()
        .sort_values(["la", "child", "referral_date"])
    )
    distinct["prev"] = distinct.groupby(["la", "child"])["referral_date"].shift()
    ref = ref.merge(distinct, on=["la", "child", "referral_date"], how="left")
    ref["rerefer"] = ref["prev"].notna() & (
        ref["prev"] >= ref["referral_date"] - pd.DateOffset(years=1)
    )
    ref["nfa"] = ref["nfa"].fillna(False).astype(bool)

    ass = f["assessments"].dropna(subset=["assessment_authorised"]).copy()
    ass["in_time"] = (wd(ass["assessment_authorised"]) - wd(ass["assessment_start"])) <= 45

    s47 = f["s47_enquiries"]
    started = s47[s47["s47_start"].notna()]
    conf = s47[s47["icpc_date"].notna()].copy()
    conf["base"] = conf["strategy_date"].fillna(conf["s47_start"])
    conf = conf[conf["base"].notna()]
    conf["in_time"] = (wd(conf["icpc_date"]) - wd(conf["base"])) <= 15

    cp = f["cp_plans"].copy()
    first_start = cp.groupby(["la", "child"])["cpp_start"].transform("min")
    cp["repeat"] = (cp["previous_plans"].fillna(0) > 0) | (first_start < cp["cpp_start"])
    cp["long"] = cp["cpp_end"] >= cp["cpp_start"] + pd.DateOffset(years=2)

    eps = f["cla_episodes"].sort_values(["la", "child", "decom"])
    uasc = f["children"].loc[f["children"]["uasc"].fillna(False).astype(bool), ["la", "child"]]
    eps = eps.merge(uasc.drop_duplicates().assign(uasc=True), on=["la", "child"], how="left")
    eps["uasc"] = eps["uasc"].fillna(False).astype(bool)
    # Short breaks are left out of the DfE counts (see the engine's flows).
    eps["short"] = eps["ls"].isin(SHORT_BREAK)
    by_child = eps.groupby(["la", "child"])
    prev_short = by_child["short"].shift(1, fill_value=False).astype(bool)
    prev_dec = by_child["dec"].shift(1)
    next_short = by_child["short"].shift(-1, fill_value=False).astype(bool)
    next_decom = by_child["decom"].shift(-1)
    eps["starts"] = ~eps["short"] & (
        (eps["rne"] == "S") | (prev_short & (prev_dec == eps["decom"]))
    )
    eps["ceases"] = (
        ~eps["short"]
        & eps["dec"].notna()
        & eps["rec"].notna()
        & ((eps["rec"] != "X1") | (next_short & (next_decom == eps["dec"])))
    )
    # Placement start: the latest episode so far whose RNE is not L (else the first).
    not_l = eps["decom"].where(eps["rne"] != "L")
    # Episodes are in date order, so carrying the last non-L start forward finds it.
    eps["placed"] = (
        not_l.groupby([eps["la"], eps["child"]]).ffill().fillna(by_child["decom"].transform("min"))
    )

    miss = f["missing_episodes"]
    miss = miss[miss["mis_end"].notna() & miss["rhi_status"].notna()].copy()
    gap = (miss["rhi_date"] - miss["mis_end"]).dt.days
    miss["in_time"] = miss["rhi_date"].notna() & (gap >= 0) & (gap <= 3)

    pop = f["population"]
    scales = timescales()
    far = pd.Timestamp("2262-01-01")

    for as_at_day in as_ats:
        as_at = pd.Timestamp(as_at_day)
        p_lo = as_at - pd.DateOffset(years=1)
        m_lo = as_at.replace(day=1)

        def in_period(s, p_lo=p_lo, as_at=as_at):
            return (s > p_lo) & (s <= as_at)

        def in_month(s, m_lo=m_lo, as_at=as_at):
            return (s >= m_lo) & (s <= as_at)

        r = ref[in_period(ref["referral_date"])]
        g = r.groupby("la")
        emit(as_at_day, "referrals", g.size())
        emit(as_at_day, "re_referrals_12m_pct", g["rerefer"].sum(), g.size())
        emit(as_at_day, "referrals_nfa_pct", g["nfa"].sum(), g.size())
        for code, table, col in [
            ("contacts_month", "contacts", "contact_date"),
            ("early_help_started_month", "early_help", "eh_start"),
            ("referrals_month", "referrals", "referral_date"),
            ("strategy_discussions_month", "strategy_discussions", "strategy_date"),
        ]:
            t = f[table]
            emit(as_at_day, code, t[in_month(t[col])].groupby("la").size())

        a = ass[in_period(ass["assessment_authorised"])].groupby("la")
        emit(as_at_day, "assessments", a.size())
        emit(as_at_day, "assessments_45wd_pct", a["in_time"].sum(), a.size())

        s = started[in_period(started["s47_start"])]
        held = s["icpc_date"].notna() & (s["icpc_date"] <= as_at)
        emit(as_at_day, "s47", s.groupby("la").size())
        emit(as_at_day, "s47_icpc_pct", held.groupby(s["la"]).sum(), s.groupby("la").size())
        c = conf[in_period(conf["icpc_date"])].groupby("la")
        emit(as_at_day, "icpc_15wd_pct", c["in_time"].sum(), c.size())

        ps = cp[in_period(cp["cpp_start"])].groupby("la")
        emit(as_at_day, "cpp_started", ps.size())
        emit(as_at_day, "cpp_second_or_subsequent_pct", ps["repeat"].sum(), ps.size())
        pe = cp[cp["cpp_end"].notna() & in_period(cp["cpp_end"])].groupby("la")
        emit(as_at_day, "cpp_ceased_2y_plus_pct", pe["long"].sum(), pe.size())
        open_cp = cp[(cp["cpp_start"] <= as_at) & (cp["cpp_end"].fillna(far) > as_at)]
        emit(as_at_day, "cpp_at_date", open_cp.groupby("la")["child"].nunique())
        cin = f["cin_plans"]
        open_cin = cin[(cin["cin_start"] <= as_at) & (cin["cin_end"].fillna(far) > as_at)]
        emit(as_at_day, "cin_plans_at_date", open_cin.groupby("la")["child"].nunique())

        current_all = eps[(eps["decom"] <= as_at) & (eps["dec"].fillna(far) > as_at)]
        current = current_all.drop_duplicates(["la", "child"], keep="last")
        current = current[~current["short"]]
        g = current.groupby("la")
        n = g.size()
        emit(as_at_day, "cla_at_date", n)
        place, prov = current["place"], current["place_provider"]
        for code, mask, pct in [
            ("cla_placed_ifa", place.isin(FOSTER) & prov.isin({"PR4", "PR5"}), True),
            ("cla_placed_in_house_foster", place.isin(FOSTER) & (prov == "PR1"), True),
            ("cla_placed_connected", place.isin({"U1", "U2", "U3"}), False),
            ("cla_placed_childrens_home", place.isin({"K1", "K2"}), True),
            ("cla_placed_with_parents", place == "P1", False),
            ("cla_placed_unregulated", place.isin({"P2", "H5", "Z1"}), True),
            ("cla_placed_for_adoption", place.isin({"A3", "A4", "A5", "A6"}), False),
        ]:
            counts = mask.groupby(current["la"]).sum()
            emit(as_at_day, code, counts)
            if pct:
                emit(as_at_day, code + "_pct", counts, n)
        overlap = eps[(eps["decom"] <= as_at) & (eps["dec"].fillna(far) > p_lo)]
        first = ~overlap.duplicated(["la", "child"], keep="first")
        counted = first | (overlap["rne"] != "L")
        placements = counted.groupby([overlap["la"], overlap["child"]]).sum()
        stable = current
        moves = placements.reindex(pd.MultiIndex.from_frame(stable[["la", "child"]])).to_numpy()
        emit(
            as_at_day,
            "cla_3plus_placements_pct",
            pd.Series(moves >= 3).groupby(stable["la"].to_numpy()).sum(),
            stable.groupby("la").size(),
        )

        new = eps[eps["starts"] & in_month(eps["decom"])]
        emit(as_at_day, "cla_new_month", new.groupby("la").size())
        emit(as_at_day, "cla_new_month_uasc", new["uasc"].groupby(new["la"]).sum())
        ceased = eps[eps["ceases"] & in_month(eps["dec"])]
        g = ceased.groupby("la")
        emit(as_at_day, "cla_ceased_month", g.size())
        emit(as_at_day, "cla_ceased_month_excl_uasc", (~ceased["uasc"]).groupby(ceased["la"]).sum())
        emit(
            as_at_day,
            "cla_ceased_month_cao_sgo",
            ceased["rec"].isin(CAO_SGO).groupby(ceased["la"]).sum(),
        )
        emit(
            as_at_day,
            "cla_ceased_month_returned_home",
            (ceased["rec"] == "E4A").groupby(ceased["la"]).sum(),
        )
        emit(
            as_at_day,
            "cla_ceased_month_adopted",
            ceased["rec"].isin({"E11", "E12"}).groupby(ceased["la"]).sum(),
        )

        al = f["allocations"]
        open_al = al[(al["alloc_start"] <= as_at) & (al["alloc_end"].fillna(far) > as_at)]
        held = open_al.groupby(["la", "worker"])["child"].nunique()
        emit(as_at_day, "caseload_children_held", open_al.groupby("la")["child"].nunique())
        emit(
            as_at_day, "caseload_average", held.groupby(level=0).sum(), held.groupby(level=0).size()
        )
        emit(as_at_day, "caseload_workers_20plus", (held >= 20).groupby(level=0).sum())

        m = miss[in_period(miss["mis_end"])].groupby("la")
        emit(as_at_day, "rhi_72h_pct", m["in_time"].sum(), m.size())

        # Rates per 10,000: the mid-year estimate in force, else the earliest.
        want = as_at.year if as_at.month >= 7 else as_at.year - 1
        for la, years_pop in pop.groupby("la"):
            usable = years_pop[years_pop["year"] <= want]
            chosen = (
                usable.loc[usable["year"].idxmax()]
                if len(usable)
                else years_pop.loc[years_pop["year"].idxmin()]
            )
            base = {
                code: float(latest[code].get(la, 0))
                for code in ("referrals", "assessments", "s47", "cpp_at_date", "cla_at_date")
            }
            for rate, code in [
                ("referrals_rate", "referrals"),
                ("assessments_rate", "assessments"),
                ("s47_rate", "s47"),
                ("cpp_rate", "cpp_at_date"),
                ("cla_rate", "cla_at_date"),
            ]:
                rows.append((as_at_day, la, rate, float(base[code]), float(chosen["population"])))

        # Visits and supervisions within timescale.
        active = []
        active.append(
            open_cp.groupby(["la", "child"])["cpp_start"]
            .min()
            .rename("start")
            .reset_index()
            .assign(plan="cp")
        )
        active.append(
            open_cin.groupby(["la", "child"])["cin_start"]
            .min()
            .rename("start")
            .reset_index()
            .assign(plan="cin")
        )
        active.append(
            current[["la", "child", "placed"]]
            .rename(columns={"placed": "start"})
            .assign(plan="cla")
        )
        eh = f["early_help"]
        open_eh = eh[(eh["eh_start"] <= as_at) & (eh["eh_end"].fillna(far) > as_at)]
        active.append(
            open_eh.groupby(["la", "child"])["eh_start"]
            .min()
            .rename("start")
            .reset_index()
            .assign(plan="eh")
        )
        a_all = f["assessments"]
        open_a = a_all[
            (a_all["assessment_start"] <= as_at)
            & (a_all["assessment_authorised"].fillna(far) > as_at)
        ]
        active.append(
            open_a.groupby(["la", "child"])["assessment_start"]
            .min()
            .rename("start")
            .reset_index()
            .assign(plan="assessment")
        )
        act = pd.concat(active, ignore_index=True)
        v = f["visits"]
        last_visit = (
            v[v["visit_date"] <= as_at]
            .groupby(["la", "child", "visit_kind"])["visit_date"]
            .max()
            .rename_axis(["la", "child", "plan"])
        )
        su = f["supervisions"]
        last_sup = (
            su[su["supervision_date"] <= as_at].groupby(["la", "child"])["supervision_date"].max()
        )
        act = act.join(last_visit.rename("last_visit"), on=["la", "child", "plan"])
        act = act.join(last_sup.rename("last_supervision"), on=["la", "child"])
        as_at_wd = wd(pd.Series([as_at]))[0]
        for code, (plan, amount, unit) in scales.items():
            table = v if code.startswith("visits_") else su
            if table.empty:
                continue
            last = act["last_visit" if code.startswith("visits_") else "last_supervision"]
            sel = act["plan"] == plan
            if unit == "working_days":
                due = (as_at_wd - wd(act["start"])) > amount
                ok = last.notna() & ((as_at_wd - wd(last.fillna(as_at))) <= amount)
            else:
                due = (as_at - act["start"]).dt.days > amount
                ok = (as_at - last).dt.days <= amount
            chosen_rows = act[sel & due]
            emit(
                as_at_day,
                code,
                ok[sel & due].groupby(chosen_rows["la"]).sum(),
                chosen_rows.groupby("la").size(),
            )
    return pd.DataFrame(rows, columns=["as_at", "la", "code", "num", "den"])
