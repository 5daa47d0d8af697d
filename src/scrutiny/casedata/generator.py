"""A deterministic synthetic local authority, written straight into the store.

Everything is drawn with numpy arrays (one draw per table, never a Python loop per child),
so 150 authorities of Southampton's size (about 35 million records) take minutes, not hours.
The flows follow the statutory pathway: contact -> referral -> assessment -> strategy
discussion -> section 47 enquiry -> initial conference -> child protection plan; child in
need plans after assessments; early help episodes; looked-after periods split into episodes
with placement moves and legal-status changes; reviews; missing episodes with return
interviews; visits and supervisions at plan-specific intervals; allocations to workers in 23
teams named like the seed's assessment timeliness table.

Volumes per child are calibrated so that ``children=30000`` over 3 years gives about 250,000
records, close to a city of Southampton's size (about 3,300 referrals and 190 children on a
child protection plan a year).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scrutiny.casedata.store import append_arrow
from scrutiny.core.workingdays import bank_holidays

DEFAULT_END = date(2024, 10, 31)
EPOCH = date(1970, 1, 1)
# The missing value in a generated column (np.where with a bare None, typed).
_NULL = np.array(None, dtype=object)

LOCALITIES = ["Central", "East", "West"]
TEAMS = {
    "assessment": [
        "CRS",
        "Family Help Central 1 - CA",
        "Family Help Central 2 - CA",
        "Family Help East 1 - CA",
        "Family Help East 2 - CA",
        "Family Help West 1 - CA",
        "Family Help West 2 - CA",
    ],
    "family_help": [
        "Family Help Central 1",
        "Family Help East 1",
        "Family Help West 1",
        "Family Help West 2",
    ],
    "safeguarding": [
        "Family Safeguarding Central",
        "Family Safeguarding East 1",
        "Family Safeguarding East 2",
        "Family Safeguarding West 1",
        "Family Safeguarding West 2",
    ],
    "in_care": ["Children in Care 1", "Children in Care 2"],
    "disability": ["Jigsaw 1", "Jigsaw 2", "Jigsaw 3"],
    "young_people": ["Young People Team 1", "Young People Team 2"],
}
ALL_TEAMS = [t for group in TEAMS.values() for t in group]
WORKERS_PER_TEAM = 7

ETHNICITIES = np.array(
    [
        "WBRI",
        "WOTH",
        "WROM",
        "MWBC",
        "MWBA",
        "MWAS",
        "MOTH",
        "AIND",
        "APKN",
        "ABAN",
        "AOTH",
        "BCRB",
        "BAFR",
        "BOTH",
        "CHNE",
        "OOTH",
        "REFU",
        "NOBT",
    ]
)
ETHNICITY_P = np.array(
    [
        0.62,
        0.07,
        0.01,
        0.03,
        0.02,
        0.02,
        0.03,
        0.03,
        0.02,
        0.01,
        0.02,
        0.01,
        0.04,
        0.01,
        0.01,
        0.02,
        0.01,
        0.02,
    ]
)
CONTACT_SOURCES = np.array(["1A", "1B", "2A", "2B", "3A", "3B", "4", "5A", "5B", "6", "9"])
CATEGORIES = np.array(["NEG", "EMO", "PHY", "SAB", "MUL"])
CATEGORY_P = np.array([0.5, 0.35, 0.08, 0.04, 0.03])
# Placement (PLACE, PLACE_PROVIDER) mixes.
PLACEMENTS = np.array(
    [
        ("U4", "PR1"),
        ("U6", "PR1"),
        ("U4", "PR4"),
        ("U6", "PR4"),
        ("U6", "PR5"),
        ("U1", "PR1"),
        ("U3", "PR1"),
        ("K2", "PR4"),
        ("K2", "PR1"),
        ("P1", "PR0"),
        ("H5", "PR4"),
        ("P2", "PR4"),
        ("A5", "PR1"),
        ("A6", "PR1"),
        ("R1", "PR3"),
        ("Z1", "PR4"),
    ]
)
PLACEMENT_P = np.array(
    [0.16, 0.10, 0.12, 0.08, 0.03, 0.08, 0.05, 0.05, 0.02, 0.09, 0.06, 0.03, 0.03, 0.04, 0.02, 0.04]
)
LEGAL = np.array(["C2", "V2", "C1", "E1", "J2", "L1"])
LEGAL_P = np.array([0.5, 0.25, 0.12, 0.08, 0.03, 0.02])
LEAVING = np.array(["E4A", "E13", "E41", "E43", "E45", "E11", "E8", "E7", "E15", "E4B"])
LEAVING_P = np.array([0.22, 0.08, 0.06, 0.07, 0.04, 0.1, 0.2, 0.08, 0.05, 0.1])


def _day(value: date) -> int:
    return (value - EPOCH).days


class _Calendar:
    """Vectorised 'add n working days' (start day is day 0)."""

    def __init__(self, first: int, last: int):
        days = np.arange(first, last + 1, dtype=np.int64)
        years = range(
            date.fromordinal(EPOCH.toordinal() + first).year,
            date.fromordinal(EPOCH.toordinal() + last).year + 1,
        )
        hol = np.array([_day(h) for h in bank_holidays(years)], dtype=np.int64)
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
        self.working = days[(weekday < 5) & ~np.isin(days, hol)]

    def add(self, start: np.ndarray, n: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.working, start, side="right") - 1
        idx = np.clip(pos + n, 0, len(self.working) - 1)
        return self.working[idx]


def _dates(days: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    values = pa.array(
        days.astype(np.int32), type=pa.int32(), mask=None if valid is None else ~valid
    )
    return values.cast(pa.date32())


def _repeat_sequences(
    starts: np.ndarray,
    ends: np.ndarray,
    lo: int,
    hi: int,
    rng: np.random.Generator,
    owner: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """Events every lo..hi days from each start up to its end; returns (owner, day, group)."""
    span = np.maximum(ends - starts, 0)
    counts = (span // ((lo + hi) / 2)).astype(np.int64) + 1
    total = int(counts.sum())
    group = np.repeat(np.arange(len(starts)), counts)
    gaps = rng.integers(lo, hi + 1, size=total)
    # First event soon after the start.
    first = np.zeros(total, dtype=bool)
    offsets = np.cumsum(counts) - counts
    first[offsets[counts > 0]] = True
    gaps[first] = rng.integers(1, max(lo // 2, 2), size=int(first.sum()))
    csum = np.cumsum(gaps)
    base = np.repeat(csum[offsets] - gaps[offsets], counts)
    day = np.repeat(starts, counts) + (csum - base)
    keep = day <= np.repeat(ends, counts)
    return owner[group][keep], day[keep], group[keep]


def generate_la(
    con,
    *,
    la: str,
    children: int,
    seed: int,
    end: date | None = None,
    years: int = 3,
    source: str = "synthetic",
) -> dict[str, int]:
    """Generate one authority's records and append them to the store; returns row counts."""
    rng = np.random.default_rng(seed)
    end = end or DEFAULT_END
    t1 = _day(end)
    t0 = _day(date(end.year - years, end.month, min(end.day, 28))) + 1
    cal = _Calendar(t0 - 2200, t1 + 400)
    n = int(children)
    counts: dict[str, int] = {}

    ids = pa.array([f"{la}{i:07d}" for i in range(n)])
    workers = pa.array(
        [f"{la}-W{t:02d}{k}" for t in range(len(ALL_TEAMS)) for k in range(WORKERS_PER_TEAM)]
    )
    team_names = pa.array(ALL_TEAMS)

    def write(table: str, columns: dict[str, pa.Array | np.ndarray]) -> None:
        arrays = {"la": pa.array([la] * len(next(iter(columns.values())))), **columns}
        arrays["source"] = pa.array([source] * len(arrays["la"]))
        append_arrow(con, table, pa.table(arrays))
        counts[table] = counts.get(table, 0) + len(arrays["la"])

    def child_ids(idx: np.ndarray) -> pa.Array:
        return pc.take(ids, pa.array(idx))

    # Children.
    age_at_t1 = rng.uniform(0, 19.5, size=n)
    dob = (t1 - age_at_t1 * 365.25).astype(np.int64)
    disabled = rng.random(n) < 0.07
    uasc = (rng.random(n) < 0.012) & (age_at_t1 > 15)
    locality = rng.integers(0, 3, size=n)
    write(
        "children",
        {
            "child": ids,
            "dob": _dates(dob),
            "sex": pa.array(np.where(rng.random(n) < 0.52, "1", "2")),
            "ethnicity": pa.array(rng.choice(ETHNICITIES, size=n, p=ETHNICITY_P)),
            "disability": pa.array(np.where(disabled, "LD", "NONE")),
            "upn": pa.array([None] * n, type=pa.string()),
            "uasc": pa.array(uasc),
        },
    )
    # Earliest date a child can appear: birth, or the window start.
    first_day = np.maximum(dob, t0)

    def uniform_day(owner: np.ndarray) -> np.ndarray:
        lo = first_day[owner]
        return lo + (rng.random(len(owner)) * np.maximum(t1 - lo, 1)).astype(np.int64)

    # Contacts and referrals.
    contacts_per_child = 1 + rng.poisson(0.9, size=n)
    c_child = np.repeat(np.arange(n), contacts_per_child)
    c_day = uniform_day(c_child)
    write(
        "contacts",
        {
            "child": child_ids(c_child),
            "contact_date": _dates(c_day),
            "contact_source": pa.array(rng.choice(CONTACT_SOURCES, len(c_child))),
        },
    )
    is_ref = rng.random(len(c_child)) < 0.18
    r_child = c_child[is_ref]
    r_day = np.minimum(c_day[is_ref] + rng.integers(0, 3, is_ref.sum()), t1)
    r_nfa = rng.random(len(r_child)) < 0.06

    # Assessments for referrals that go further.
    a_ref = np.flatnonzero(~r_nfa)
    a_child = r_child[a_ref]
    a_start = np.minimum(r_day[a_ref] + rng.integers(0, 3, len(a_ref)), t1)
    late = rng.random(len(a_ref)) < 0.16
    duration = np.where(late, rng.integers(46, 95, len(a_ref)), rng.integers(3, 46, len(a_ref)))
    a_auth = cal.add(a_start, duration)
    a_done = a_auth <= t1
    write(
        "referrals",
        {
            "child": child_ids(r_child),
            "referral_date": _dates(r_day),
            "referral_source": pa.array(rng.choice(CONTACT_SOURCES, len(r_child))),
            "nfa": pa.array(r_nfa),
            "primary_need": pa.array(
                rng.choice(np.array([f"N{i}" for i in range(1, 10)]), len(r_child))
            ),
        },
    )
    write(
        "assessments",
        {
            "child": child_ids(a_child),
            "referral_date": _dates(r_day[a_ref]),
            "assessment_start": _dates(a_start),
            "assessment_authorised": _dates(a_auth, a_done),
        },
    )

    # Strategy discussions, S47 enquiries and initial conferences.
    has_strategy = rng.random(len(a_ref)) < 0.45
    s_idx = np.flatnonzero(has_strategy)
    s_child = a_child[s_idx]
    s_day = np.minimum(a_start[s_idx] + rng.integers(0, 6, len(s_idx)), t1)
    write("strategy_discussions", {"child": child_ids(s_child), "strategy_date": _dates(s_day)})
    is_s47 = rng.random(len(s_idx)) < 0.7
    e_child, e_day = s_child[is_s47], s_day[is_s47]
    has_icpc = rng.random(len(e_child)) < 0.3
    icpc_wd = np.where(
        rng.random(len(e_child)) < 0.8,
        rng.integers(4, 16, len(e_child)),
        rng.integers(16, 31, len(e_child)),
    )
    icpc = cal.add(e_day, icpc_wd)
    icpc_held = has_icpc & (icpc <= t1)
    write(
        "s47_enquiries",
        {
            "child": child_ids(e_child),
            "strategy_date": _dates(e_day),
            "s47_start": _dates(e_day),
            "icpc_date": _dates(icpc, icpc_held),
            "icpc_not_required": pa.array(~has_icpc),
            "s47_key": _dates(e_day),
        },
    )

    # Child protection plans from conferences.
    to_plan = icpc_held & (rng.random(len(e_child)) < 0.85)
    p_child, p_start = e_child[to_plan], icpc[to_plan]
    p_len = np.exp(rng.normal(np.log(270), 0.6, len(p_child))).astype(np.int64) + 30
    p_end = p_start + p_len
    p_open = p_end > t1
    previous = rng.choice([0, 1, 2], size=len(p_child), p=[0.72, 0.22, 0.06])
    write(
        "cp_plans",
        {
            "child": child_ids(p_child),
            "cpp_start": _dates(p_start),
            "cpp_end": _dates(p_end, ~p_open),
            "category": pa.array(rng.choice(CATEGORIES, len(p_child), p=CATEGORY_P)),
            "previous_plans": pa.array(previous.astype(np.int32)),
        },
    )

    # Child in need plans after assessments that did not lead to a conference.
    a_to_cin = a_done & (rng.random(len(a_ref)) < 0.33)
    cin_child, cin_start = a_child[a_to_cin], a_auth[a_to_cin]
    cin_end = cin_start + rng.integers(60, 365, len(cin_child))
    write(
        "cin_plans",
        {
            "child": child_ids(cin_child),
            "cin_start": _dates(cin_start),
            "cin_end": _dates(cin_end, cin_end <= t1),
        },
    )

    # Early help episodes.
    eh_child = np.flatnonzero(rng.random(n) < 0.15)
    eh_start = uniform_day(eh_child)
    eh_end = eh_start + rng.integers(45, 260, len(eh_child))
    write(
        "early_help",
        {
            "child": child_ids(eh_child),
            "eh_start": _dates(eh_start),
            "eh_end": _dates(eh_end, eh_end <= t1),
            "organisation": pa.array(["Family Help"] * len(eh_child)),
        },
    )

    # Looked-after periods: some already in care at the window start, some from plans.
    stock = np.flatnonzero((rng.random(n) < 0.05) & (dob < t0 - 200))
    stock_start = t0 - (rng.random(len(stock)) * np.minimum(t0 - dob[stock] - 30, 1800)).astype(
        np.int64
    )
    from_plan = rng.random(len(p_child)) < 0.15
    from_ref = rng.random(len(r_child)) < 0.025
    la_child = np.concatenate([stock, p_child[from_plan], r_child[from_ref]])
    la_start = np.concatenate(
        [
            stock_start,
            p_start[from_plan] + rng.integers(20, 300, int(from_plan.sum())),
            r_day[from_ref] + rng.integers(0, 30, int(from_ref.sum())),
        ]
    )
    keep = la_start <= t1
    la_child, la_start = la_child[keep], la_start[keep]
    short_break = rng.random(len(la_child)) < 0.04
    period_len = np.where(
        short_break,
        rng.integers(60, 500, len(la_child)),
        np.exp(rng.normal(np.log(650), 0.8, len(la_child))).astype(np.int64),
    )
    la_end = la_start + period_len + 1
    la_end_known = la_end <= t1
    horizon = np.minimum(la_end, t1)
    # Episodes: extra episodes in proportion to time in care.
    n_extra = np.minimum(rng.poisson(0.9 * (horizon - la_start) / 365.25), 8)
    n_episodes = 1 + n_extra
    period_of = np.repeat(np.arange(len(la_child)), n_episodes)
    first_ep = np.r_[True, period_of[1:] != period_of[:-1]]
    frac = np.where(first_ep, 0.0, rng.random(len(period_of)))
    order = np.lexsort((frac, period_of))
    frac = frac[order]
    ep_start = la_start[period_of] + (frac * (horizon - la_start)[period_of]).astype(np.int64)
    last_ep = np.r_[period_of[1:] != period_of[:-1], True]
    next_start = np.r_[ep_start[1:], 0]
    ep_end = np.where(last_ep, la_end[period_of], next_start)
    ep_end_known = np.where(last_ep, la_end_known[period_of], True)
    # Collapse equal start days (zero-length episodes) into their successor.
    nonzero = first_ep | (ep_start > np.r_[0, ep_start[:-1]])
    ep_start, ep_end, ep_end_known = ep_start[nonzero], ep_end[nonzero], ep_end_known[nonzero]
    period_of, first_ep, last_ep = period_of[nonzero], first_ep[nonzero], last_ep[nonzero]
    last_ep = np.r_[period_of[1:] != period_of[:-1], True]
    ep_end = np.where(last_ep, la_end[period_of], np.r_[ep_start[1:], 0])
    ep_end_known = np.where(last_ep, la_end_known[period_of], True)
    kind = rng.random(len(period_of))
    rne = np.where(first_ep, "S", np.where(kind < 0.6, "P", np.where(kind < 0.8, "L", "T")))
    legal = rng.choice(LEGAL, len(period_of), p=LEGAL_P)
    legal = np.where(
        short_break[period_of], np.where(rng.random(len(period_of)) < 0.5, "V3", "V4"), legal
    )
    placement = rng.choice(len(PLACEMENTS), len(period_of), p=PLACEMENT_P)
    # A legal-status change keeps the placement before it.
    for _ in range(3):
        keep_place = (rne == "L") & ~first_ep
        placement = np.where(keep_place, np.r_[placement[:1], placement[:-1]], placement)
    rec = np.where(last_ep, rng.choice(LEAVING, len(period_of), p=LEAVING_P), "X1")
    write(
        "cla_episodes",
        {
            "child": child_ids(la_child[period_of]),
            "decom": _dates(ep_start),
            "rne": pa.array(rne),
            "ls": pa.array(legal),
            "cin": pa.array(np.where(short_break[period_of], "N1", "N1")),
            "place": pa.array(PLACEMENTS[placement, 0]),
            "place_provider": pa.array(PLACEMENTS[placement, 1]),
            "dec": _dates(ep_end, ep_end_known),
            "rec": pa.array(np.where(ep_end_known, rec, _NULL)),
            "reason_place_change": pa.array(np.where((rne == "P") | (rne == "T"), "CARPL", _NULL)),
        },
    )

    # Reviews every 4-6 months through each period.
    rv_owner, rv_day, _ = _repeat_sequences(
        la_start + 20, horizon, 120, 180, rng, np.arange(len(la_child))
    )
    rv_day = np.minimum(rv_day, t1)
    write(
        "reviews",
        {
            "child": child_ids(la_child[rv_owner]),
            "review_date": _dates(rv_day),
            "review_code": pa.array(rng.choice(["PN1", "PN3", "PN4"], len(rv_day))),
        },
    )

    # Missing episodes for older children in care, with return interviews.
    older = (la_start - dob[la_child]) > 12 * 365
    m_count = np.where(older, rng.poisson(1.2 * (horizon - la_start) / 365.25), 0)
    m_period = np.repeat(np.arange(len(la_child)), m_count)
    m_start = la_start[m_period] + (
        rng.random(len(m_period)) * (horizon - la_start)[m_period]
    ).astype(np.int64)
    m_end = m_start + rng.integers(0, 4, len(m_period))
    m_ok = m_end <= t1
    held = rng.random(len(m_period)) < 0.85
    rhi_day = m_end + np.where(
        rng.random(len(m_period)) < 0.8,
        rng.integers(0, 4, len(m_period)),
        rng.integers(4, 10, len(m_period)),
    )
    write(
        "missing_episodes",
        {
            "child": child_ids(la_child[m_period]),
            "missing_type": pa.array(["M"] * len(m_period)),
            "mis_start": _dates(m_start),
            "mis_end": _dates(m_end, m_ok),
            "rhi_status": pa.array(np.where(m_ok, np.where(held, "held", "declined"), _NULL)),
            "rhi_date": _dates(rhi_day, m_ok & held & (rhi_day <= t1)),
        },
    )

    # Allocations: one per phase of work, to a worker in the team for that phase.
    def team_index(group: str, owner: np.ndarray) -> np.ndarray:
        names = TEAMS[group]
        base = ALL_TEAMS.index(names[0])
        pick = rng.integers(0, len(names), len(owner))
        if group in ("assessment", "family_help", "safeguarding"):
            # Teams by locality where the group has one per locality.
            by_loc = [
                [i for i, t in enumerate(names) if loc in t] or list(range(len(names)))
                for loc in LOCALITIES
            ]
            sizes = np.array([len(b) for b in by_loc])
            flat = np.array([x for b in by_loc for x in b])
            offs = np.r_[0, np.cumsum(sizes)[:-1]]
            loc = locality[owner]
            pick = flat[offs[loc] + rng.integers(0, 1 << 30, len(owner)) % sizes[loc]]
        team = base + pick
        age = (t1 - dob[owner]) / 365.25
        if group != "in_care":
            team = np.where(
                disabled[owner], ALL_TEAMS.index("Jigsaw 1") + rng.integers(0, 3, len(owner)), team
            )
            team = np.where(
                ~disabled[owner] & (age > 15.5) & (group != "assessment"),
                ALL_TEAMS.index("Young People Team 1") + rng.integers(0, 2, len(owner)),
                team,
            )
        return team

    phases = [
        ("assessment", a_child, a_start, np.where(a_done, a_auth, t1 + 1)),
        ("safeguarding", p_child, p_start, np.where(p_open, t1 + 1, p_end)),
        ("family_help", cin_child, cin_start, np.where(cin_end <= t1, cin_end, t1 + 1)),
        ("family_help", eh_child, eh_start, np.where(eh_end <= t1, eh_end, t1 + 1)),
        ("in_care", la_child, la_start, np.where(la_end_known, la_end, t1 + 1)),
    ]
    al_child, al_start, al_end, al_team = [], [], [], []
    for group, owner, start, stop in phases:
        al_child.append(owner)
        al_start.append(start)
        al_end.append(stop)
        al_team.append(team_index(group, owner))
    al_child_a = np.concatenate(al_child)
    al_start_a = np.concatenate(al_start)
    al_end_a = np.concatenate(al_end)
    al_team_a = np.concatenate(al_team)
    al_worker = al_team_a * WORKERS_PER_TEAM + rng.integers(0, WORKERS_PER_TEAM, len(al_team_a))
    # One allocation per (child, worker, start): drop exact repeats.
    key = np.stack([al_child_a, al_worker, al_start_a], axis=1)
    _, first = np.unique(key, axis=0, return_index=True)
    first.sort()
    al_child_a, al_start_a, al_end_a = al_child_a[first], al_start_a[first], al_end_a[first]
    al_team_a, al_worker = al_team_a[first], al_worker[first]
    write(
        "allocations",
        {
            "child": child_ids(al_child_a),
            "worker": pc.take(workers, pa.array(al_worker)),
            "team": pc.take(team_names, pa.array(al_team_a)),
            "alloc_start": _dates(al_start_a),
            "alloc_end": _dates(al_end_a, al_end_a <= t1),
        },
    )

    # Visits at plan-specific intervals (some gaps run long, so timeliness varies).
    v_parts = []
    for kind_name, owner, start, stop, lo, hi in [
        ("cp", p_child, p_start, np.minimum(p_end, t1), 5, 13),
        ("cin", cin_child, cin_start, np.minimum(cin_end, t1), 12, 34),
        ("cla", la_child, la_start, horizon, 20, 46),
        ("eh", eh_child, eh_start, np.minimum(eh_end, t1), 10, 30),
    ]:
        v_owner, v_day, _ = _repeat_sequences(start, stop, lo, hi, rng, owner)
        v_parts.append((kind_name, v_owner, v_day))
    v_child = np.concatenate([p[1] for p in v_parts])
    v_day = np.concatenate([p[2] for p in v_parts])
    v_kind = np.concatenate([np.full(len(p[1]), p[0]) for p in v_parts])
    # Same child, day and kind twice would be one visit.
    key = np.stack([v_child, v_day, np.searchsorted(["cin", "cla", "cp", "eh"], v_kind)], 1)
    _, first = np.unique(key, axis=0, return_index=True)
    first.sort()
    write(
        "visits",
        {
            "child": child_ids(v_child[first]),
            "visit_date": _dates(v_day[first]),
            "visit_kind": pa.array(v_kind[first]),
        },
    )

    # Supervisions: case discussions through each allocation.
    s_owner, s_day, s_group = _repeat_sequences(
        al_start_a, np.minimum(al_end_a, t1), 18, 48, rng, al_child_a
    )
    key = np.stack([s_owner, s_day], 1)
    _, first = np.unique(key, axis=0, return_index=True)
    first.sort()
    write(
        "supervisions",
        {
            "child": child_ids(s_owner[first]),
            "supervision_date": _dates(s_day[first]),
            "team": pc.take(team_names, pa.array(al_team_a[s_group[first]])),
            "worker": pc.take(workers, pa.array(al_worker[s_group[first]])),
        },
    )

    # ONS-style population 0-17 for each mid-year in the window: about twice the children in
    # the records, which gives rates per 10,000 near a city like Southampton's.
    population = int(n * 2.0)
    pop_years = np.arange(date.fromordinal(EPOCH.toordinal() + t0).year - 1, end.year + 1)
    drift = 1 + 0.004 * (pop_years - pop_years[0])
    write(
        "population",
        {
            "year": pa.array(pop_years.astype(np.int32)),
            "population": pa.array((population * drift).astype(np.int32)),
        },
    )
    return counts
