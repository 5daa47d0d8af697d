"""Steps 6-7: child in need plans after assessments, and early help episodes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .children import Children
from .frame import Window, Writer, dates, open_ended, starts_during_earlier
from .protection import ProtectionPlans
from .referrals import Assessments


@dataclass(frozen=True)
class Spells:
    """Records with a start and an end (open ones end after the end of data)."""

    child: np.ndarray
    start: np.ndarray
    end: np.ndarray  # as written (a CIN plan ends when a child protection plan starts)
    drawn_end: np.ndarray  # as drawn (sizes the draws of the visits)
    valid: np.ndarray  # written


def generate_cin_plans(
    rng: np.random.Generator,
    window: Window,
    writer: Writer,
    assessments: Assessments,
    cp_plans: ProtectionPlans,
) -> Spells:
    """A plan from a third of the authorised assessments, for two months to a year.

    A CIN plan never runs beside a child protection plan (CIN census rules 4001, 4016,
    4017): it ends on the day a plan starts, and none starts while a plan is open; nor
    beside another CIN plan (4014).
    """
    to_plan = assessments.done & (rng.random(len(assessments.start)) < 0.33)
    child, start = assessments.child[to_plan], assessments.authorised[to_plan]
    drawn_end = start + rng.integers(60, 365, len(child))
    next_cp_start, inside_cp = _protection_around(child, start, cp_plans)
    end = np.minimum(drawn_end, next_cp_start)
    valid = assessments.valid[to_plan] & ~inside_cp
    valid &= ~starts_during_earlier(
        child, start, open_ended(end, end > window.last), among=valid, same_day_allowed=True
    )
    writer.write(
        "cin_plans",
        {
            "child": writer.child_ids(child[valid]),
            "cin_start": dates(start[valid]),
            "cin_end": dates(end[valid], end[valid] <= window.last),
        },
    )
    return Spells(child, start, end, drawn_end, valid)


def _protection_around(
    child: np.ndarray, day: np.ndarray, plans: ProtectionPlans
) -> tuple[np.ndarray, np.ndarray]:
    """For each (child, day): the start of the child's next child protection plan after the
    day (far in the future if none), and whether a plan is open on the day.

    The written plans of one child never overlap, so the plan open on a day (if any) is the
    last one to start on or before it.
    """
    far = np.iinfo(np.int64).max // 4
    scale = 1 << 24  # above any day number
    keys = plans.child[plans.valid].astype(np.int64) * scale + plans.start[plans.valid]
    ends = open_ended(plans.end, plans.open)[plans.valid]
    order = np.argsort(keys)
    keys, ends = keys[order], ends[order]
    probe = child.astype(np.int64) * scale + day
    after = np.searchsorted(keys, probe, side="right")
    has_next = after < len(keys)
    nxt = keys[np.minimum(after, len(keys) - 1)] if len(keys) else np.zeros(len(probe), np.int64)
    same_child_next = has_next & (nxt // scale == child)
    next_start = np.where(same_child_next, nxt % scale, far)
    before = after - 1
    prev = keys[np.maximum(before, 0)] if len(keys) else np.zeros(len(probe), np.int64)
    prev_end = ends[np.maximum(before, 0)] if len(keys) else np.zeros(len(probe), np.int64)
    inside = (before >= 0) & (prev // scale == child) & (day < prev_end)
    return next_start, inside


def generate_early_help(
    rng: np.random.Generator, window: Window, writer: Writer, children: Children, n: int
) -> Spells:
    """An episode for 15% of the children, starting any time in the window."""
    child = np.flatnonzero(rng.random(n) < 0.15)
    start = children.uniform_day(child, window, rng)
    end = start + rng.integers(45, 260, len(child))
    # One episode per child at most, so none overlaps another.
    writer.write(
        "early_help",
        {
            "child": writer.child_ids(child),
            "eh_start": dates(start),
            "eh_end": dates(end, end <= window.last),
            "organisation": pa.array(["Family Help"] * len(child)),
        },
    )
    return Spells(child, start, end, end, np.ones(len(child), dtype=bool))
