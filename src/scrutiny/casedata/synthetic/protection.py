"""Steps 4-5: strategy discussions, section 47 enquiries with their initial conferences,
and the child protection plans the conferences decide."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .frame import Window, Writer, dates
from .referrals import Assessments

CATEGORIES = np.array(["NEG", "EMO", "PHY", "SAB", "MUL"])
CATEGORY_P = np.array([0.5, 0.35, 0.08, 0.04, 0.03])


@dataclass(frozen=True)
class Enquiries:
    child: np.ndarray
    strategy_day: np.ndarray
    icpc: np.ndarray
    icpc_held: np.ndarray


@dataclass(frozen=True)
class ProtectionPlans:
    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    open: np.ndarray  # still open at the end of data


def generate_enquiries(
    rng: np.random.Generator, window: Window, writer: Writer, assessments: Assessments
) -> Enquiries:
    """Strategy discussions for 45% of assessments; 70% of them lead to an S47 enquiry."""
    has_strategy = rng.random(len(assessments.start)) < 0.45
    s_idx = np.flatnonzero(has_strategy)
    s_child = assessments.child[s_idx]
    s_day = np.minimum(assessments.start[s_idx] + rng.integers(0, 6, len(s_idx)), window.last)
    writer.write(
        "strategy_discussions", {"child": writer.child_ids(s_child), "strategy_date": dates(s_day)}
    )
    is_s47 = rng.random(len(s_idx)) < 0.7
    e_child, e_day = s_child[is_s47], s_day[is_s47]
    has_icpc = rng.random(len(e_child)) < 0.3
    icpc_wd = np.where(
        rng.random(len(e_child)) < 0.8,
        rng.integers(4, 16, len(e_child)),
        rng.integers(16, 31, len(e_child)),
    )
    icpc = window.calendar.add(e_day, icpc_wd)
    icpc_held = has_icpc & (icpc <= window.last)
    writer.write(
        "s47_enquiries",
        {
            "child": writer.child_ids(e_child),
            "strategy_date": dates(e_day),
            "s47_start": dates(e_day),
            "icpc_date": dates(icpc, icpc_held),
            "icpc_not_required": pa.array(~has_icpc),
            "s47_key": dates(e_day),
        },
    )
    return Enquiries(e_child, e_day, icpc, icpc_held)


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
    writer.write(
        "cp_plans",
        {
            "child": writer.child_ids(child),
            "cpp_start": dates(start),
            "cpp_end": dates(end, ~still_open),
            "category": pa.array(rng.choice(CATEGORIES, len(child), p=CATEGORY_P)),
            "previous_plans": pa.array(previous.astype(np.int32)),
        },
    )
    return ProtectionPlans(child, start, end, still_open)
