"""Steps 8-10: periods of care split into SSDA903 episodes, reviews, missing episodes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .children import Children
from .frame import (
    NULL,
    Window,
    Writer,
    dates,
    first_of_each_mask,
    open_ended,
    repeat_sequences,
    starts_during_earlier,
)
from .protection import ProtectionPlans
from .referrals import Referrals

# Placement (PLACE, PLACE_PROVIDER) mixes.
PLACEMENTS = np.array(
    [
        ("U4", "PR1"), ("U6", "PR1"), ("U4", "PR4"), ("U6", "PR4"), ("U6", "PR5"),
        ("U1", "PR1"), ("U3", "PR1"), ("K2", "PR4"), ("K2", "PR1"), ("P1", "PR0"),
        ("H5", "PR4"), ("P2", "PR4"), ("A5", "PR1"), ("A6", "PR1"), ("R1", "PR3"),
        ("Z1", "PR4"),
    ]
)  # fmt: skip
PLACEMENT_P = np.array(
    [0.16, 0.10, 0.12, 0.08, 0.03, 0.08, 0.05, 0.05, 0.02, 0.09, 0.06, 0.03, 0.03, 0.04, 0.02, 0.04]
)
LEGAL = np.array(["C2", "V2", "C1", "E1", "J2", "L1"])
LEGAL_P = np.array([0.5, 0.25, 0.12, 0.08, 0.03, 0.02])
LEAVING = np.array(["E4A", "E13", "E41", "E43", "E45", "E11", "E8", "E7", "E15", "E4B"])
LEAVING_P = np.array([0.22, 0.08, 0.06, 0.07, 0.04, 0.1, 0.2, 0.08, 0.05, 0.1])


@dataclass(frozen=True)
class CarePeriods:
    """Periods of care, one row each (a period is one or more back-to-back episodes)."""

    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    end_known: np.ndarray  # ended by the end of data
    horizon: np.ndarray  # the period's end, or the end of data if later
    # Written: not starting on or before the end of an earlier period of the child (SSDA903
    # rules 501 and 142; a new period starts with RNE S, after a gap).
    valid: np.ndarray


def draw_care_periods(
    rng: np.random.Generator,
    window: Window,
    children: Children,
    plans: ProtectionPlans,
    referrals: Referrals,
    n: int,
) -> tuple[CarePeriods, np.ndarray]:
    """Children already in care at the window start, some from plans, a few straight from a
    referral; returns the periods and which of them are short breaks."""
    dob, t0 = children.dob, window.first
    stock = np.flatnonzero((rng.random(n) < 0.05) & (dob < t0 - 200))
    stock_start = t0 - (rng.random(len(stock)) * np.minimum(t0 - dob[stock] - 30, 1800)).astype(
        np.int64
    )
    from_plan = rng.random(len(plans.child)) < 0.15
    from_ref = rng.random(len(referrals.child)) < 0.025
    child = np.concatenate([stock, plans.child[from_plan], referrals.child[from_ref]])
    start = np.concatenate(
        [
            stock_start,
            plans.start[from_plan] + rng.integers(20, 300, int(from_plan.sum())),
            referrals.day[from_ref] + rng.integers(0, 30, int(from_ref.sum())),
        ]
    )
    keep = start <= window.last
    child, start = child[keep], start[keep]
    short_break = rng.random(len(child)) < 0.04
    length = np.where(
        short_break,
        rng.integers(60, 500, len(child)),
        np.exp(rng.normal(np.log(650), 0.8, len(child))).astype(np.int64),
    )
    end = start + length + 1
    overlapping = starts_during_earlier(child, start, end, same_day_allowed=False)
    periods = CarePeriods(
        child, start, end, end <= window.last, np.minimum(end, window.last), ~overlapping
    )
    return periods, short_break


def generate_episodes(
    rng: np.random.Generator, writer: Writer, periods: CarePeriods, short_break: np.ndarray
) -> None:
    """Each period split into episodes at placement moves and legal-status changes."""
    la_start, la_end, horizon = periods.start, periods.end, periods.horizon
    n_extra = np.minimum(rng.poisson(0.9 * (horizon - la_start) / 365.25), 8)
    period_of = np.repeat(np.arange(len(la_start)), 1 + n_extra)
    first_ep = np.r_[True, period_of[1:] != period_of[:-1]]
    frac = np.where(first_ep, 0.0, rng.random(len(period_of)))
    frac = frac[np.lexsort((frac, period_of))]
    ep_start = la_start[period_of] + (frac * (horizon - la_start)[period_of]).astype(np.int64)
    # Collapse equal start days (zero-length episodes) into their successor.
    nonzero = first_ep | (ep_start > np.r_[0, ep_start[:-1]])
    ep_start, period_of, first_ep = ep_start[nonzero], period_of[nonzero], first_ep[nonzero]
    last_ep = np.r_[period_of[1:] != period_of[:-1], True]
    ep_end = np.where(last_ep, la_end[period_of], np.r_[ep_start[1:], 0])
    ep_end_known = np.where(last_ep, periods.end_known[period_of], True)
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
    v = periods.valid[period_of]
    rne, placement, ep_end_known = rne[v], placement[v], ep_end_known[v]
    writer.write(
        "cla_episodes",
        {
            "child": writer.child_ids(periods.child[period_of[v]]),
            "decom": dates(ep_start[v]),
            "rne": pa.array(rne),
            "ls": pa.array(legal[v]),
            "cin": pa.array(np.full(len(rne), "N1")),
            "place": pa.array(PLACEMENTS[placement, 0]),
            "place_provider": pa.array(PLACEMENTS[placement, 1]),
            "dec": dates(ep_end[v], ep_end_known),
            "rec": pa.array(np.where(ep_end_known, rec[v], NULL)),
            "reason_place_change": pa.array(np.where((rne == "P") | (rne == "T"), "CARPL", NULL)),
        },
    )


def generate_reviews(
    rng: np.random.Generator, window: Window, writer: Writer, periods: CarePeriods
) -> None:
    """Reviews every 4-6 months through each period."""
    owner, day, _ = repeat_sequences(
        periods.start + 20, periods.horizon, 120, 180, rng, np.arange(len(periods.child))
    )
    day = np.minimum(day, window.last)
    code = rng.choice(["PN1", "PN3", "PN4"], len(day))
    v = periods.valid[owner] & first_of_each_mask(owner, day)
    writer.write(
        "reviews",
        {
            "child": writer.child_ids(periods.child[owner[v]]),
            "review_date": dates(day[v]),
            "review_code": pa.array(code[v]),
        },
    )


def generate_missing(
    rng: np.random.Generator,
    window: Window,
    writer: Writer,
    children: Children,
    periods: CarePeriods,
) -> None:
    """Missing episodes for children in care from the age of 12, with return interviews."""
    la_start, horizon = periods.start, periods.horizon
    older = (la_start - children.dob[periods.child]) > 12 * 365
    count = np.where(older, rng.poisson(1.2 * (horizon - la_start) / 365.25), 0)
    period = np.repeat(np.arange(len(periods.child)), count)
    start = la_start[period] + (rng.random(len(period)) * (horizon - la_start)[period]).astype(
        np.int64
    )
    end = start + rng.integers(0, 4, len(period))
    ended = end <= window.last
    held = rng.random(len(period)) < 0.85
    rhi_day = end + np.where(
        rng.random(len(period)) < 0.8,
        rng.integers(0, 4, len(period)),
        rng.integers(4, 10, len(period)),
    )
    child = periods.child[period]
    v = periods.valid[period]
    # One missing episode at a time: none starts before the one before it ended.
    v &= ~starts_during_earlier(
        child, start, open_ended(end, ~ended), among=v, same_day_allowed=True
    )
    rhi_status = np.where(ended, np.where(held, "held", "declined"), NULL)
    writer.write(
        "missing_episodes",
        {
            "child": writer.child_ids(child[v]),
            "missing_type": pa.array(["M"] * int(v.sum())),
            "mis_start": dates(start[v]),
            "mis_end": dates(end[v], ended[v]),
            "rhi_status": pa.array(rhi_status[v]),
            "rhi_date": dates(rhi_day[v], (ended & held & (rhi_day <= window.last))[v]),
        },
    )
