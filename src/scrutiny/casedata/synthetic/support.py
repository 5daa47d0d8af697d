"""Steps 6-7: child in need plans after assessments, and early help episodes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .children import Children
from .frame import Window, Writer, dates
from .referrals import Assessments


@dataclass(frozen=True)
class Spells:
    """Records with a start and an end (open ones end after the end of data)."""

    child: np.ndarray
    start: np.ndarray
    end: np.ndarray


def generate_cin_plans(
    rng: np.random.Generator, window: Window, writer: Writer, assessments: Assessments
) -> Spells:
    """A plan from a third of the authorised assessments, for two months to a year."""
    to_plan = assessments.done & (rng.random(len(assessments.start)) < 0.33)
    child, start = assessments.child[to_plan], assessments.authorised[to_plan]
    end = start + rng.integers(60, 365, len(child))
    writer.write(
        "cin_plans",
        {
            "child": writer.child_ids(child),
            "cin_start": dates(start),
            "cin_end": dates(end, end <= window.last),
        },
    )
    return Spells(child, start, end)


def generate_early_help(
    rng: np.random.Generator, window: Window, writer: Writer, children: Children, n: int
) -> Spells:
    """An episode for 15% of the children, starting any time in the window."""
    child = np.flatnonzero(rng.random(n) < 0.15)
    start = children.uniform_day(child, window, rng)
    end = start + rng.integers(45, 260, len(child))
    writer.write(
        "early_help",
        {
            "child": writer.child_ids(child),
            "eh_start": dates(start),
            "eh_end": dates(end, end <= window.last),
            "organisation": pa.array(["Family Help"] * len(child)),
        },
    )
    return Spells(child, start, end)
