"""Steps 4-5: strategy discussions, section 47 enquiries with their initial conferences,
and the child protection plans the conferences decide."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .frame import (
    Window,
    Writer,
    dates,
    first_of_each_mask,
    open_ended,
    starts_during_earlier,
)
from .referrals import Assessments

CATEGORIES = np.array(["NEG", "EMO", "PHY", "SAB", "MUL"])
CATEGORY_P = np.array([0.5, 0.35, 0.08, 0.04, 0.03])


@dataclass(frozen=True)
class Enquiries:
    child: np.ndarray
    strategy_day: np.ndarray
    start: np.ndarray
    icpc: np.ndarray
    icpc_held: np.ndarray  # as drawn (sizes the plans' draws)
    valid: np.ndarray  # written: its strategy discussion written, started by the end of data


@dataclass(frozen=True)
class ProtectionPlans:
    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    open: np.ndarray  # still open at the end of data
    # Written: from a written enquiry, and not starting while an earlier plan of the child is
    # open (CIN census rule 8940).
    valid: np.ndarray


def generate_enquiries(
    rng: np.random.Generator,
    gaps: np.random.Generator,
    window: Window,
    writer: Writer,
    assessments: Assessments,
) -> Enquiries:
    """Strategy discussions for 45% of assessments; 70% of them lead to an S47 enquiry,
    started 1 to 3 working days after the discussion that decided it (drawn from ``gaps``,
    a stream of its own, so the other records stay as they were drawn before the enquiries
    had a start of their own). The conference is timed from the discussion."""
    has_strategy = rng.random(len(assessments.start)) < 0.45
    s_idx = np.flatnonzero(has_strategy)
    s_child = assessments.child[s_idx]
    s_day = np.minimum(assessments.start[s_idx] + rng.integers(0, 6, len(s_idx)), window.last)
    s_valid = assessments.valid[s_idx] & first_of_each_mask(s_child, s_day)
    writer.write(
        "strategy_discussions",
        {"child": writer.child_ids(s_child[s_valid]), "strategy_date": dates(s_day[s_valid])},
    )
    is_s47 = rng.random(len(s_idx)) < 0.7
    e_child, e_day = s_child[is_s47], s_day[is_s47]
    e_start = window.calendar.add(e_day, gaps.integers(1, 4, len(e_child)))
    e_valid = s_valid[is_s47] & (e_start <= window.last) & first_of_each_mask(e_child, e_start)
    has_icpc = rng.random(len(e_child)) < 0.3
    icpc_wd = np.where(
        rng.random(len(e_child)) < 0.8,
        rng.integers(4, 16, len(e_child)),
        rng.integers(16, 31, len(e_child)),
    )
    icpc = window.calendar.add(e_day, icpc_wd)
    icpc_held = has_icpc & (icpc <= window.last)
    v = e_valid
    writer.write(
        "s47_enquiries",
        {
            "child": writer.child_ids(e_child[v]),
            "strategy_date": dates(e_day[v]),
            "s47_start": dates(e_start[v]),
            "icpc_date": dates(icpc[v], icpc_held[v]),
            "icpc_not_required": pa.array(~has_icpc[v]),
            "s47_key": dates(e_start[v]),
        },
    )
    return Enquiries(e_child, e_day, e_start, icpc, icpc_held, e_valid)


def generate_protection_plans(
    rng: np.random.Generator, window: Window, writer: Writer, enquiries: Enquiries
) -> ProtectionPlans:
    """Plans from 85% of the conferences held, lasting about nine months."""
    to_plan = enquiries.icpc_held & (rng.random(len(enquiries.child)) < 0.85)
    child, start = enquiries.child[to_plan], enquiries.icpc[to_plan]
    length = np.exp(rng.normal(np.log(270), 0.6, len(child))).astype(np.int64) + 30
    end = start + length
    still_open = end > window.last
    previous = rng.choice([0, 1, 2], size=len(child), p=[0.72, 0.22, 0.06])
    category = rng.choice(CATEGORIES, len(child), p=CATEGORY_P)
    from_written = enquiries.valid[to_plan]
    overlapping = starts_during_earlier(
        child, start, open_ended(end, still_open), among=from_written, same_day_allowed=False
    )
    v = from_written & ~overlapping
    writer.write(
        "cp_plans",
        {
            "child": writer.child_ids(child[v]),
            "cpp_start": dates(start[v]),
            "cpp_end": dates(end[v], ~still_open[v]),
            "category": pa.array(category[v]),
            "previous_plans": pa.array(previous[v].astype(np.int32)),
        },
    )
    return ProtectionPlans(child, start, end, still_open, v)
