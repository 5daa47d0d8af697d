"""Step 1: the children (date of birth, sex, ethnicity, disability, locality)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from .frame import Window, Writer, dates

ETHNICITIES = np.array(
    [
        "WBRI", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN",
        "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
    ]
)  # fmt: skip
ETHNICITY_P = np.array(
    [
        0.62, 0.07, 0.01, 0.03, 0.02, 0.02, 0.03, 0.03, 0.02,
        0.01, 0.02, 0.01, 0.04, 0.01, 0.01, 0.02, 0.01, 0.02,
    ]
)  # fmt: skip


@dataclass(frozen=True)
class Children:
    dob: np.ndarray
    disabled: np.ndarray
    locality: np.ndarray
    # Earliest day a child can appear in the records: birth, or the window's first day.
    first_day: np.ndarray

    def uniform_day(self, owner: np.ndarray, window: Window, rng: np.random.Generator):
        """A day drawn uniformly between the child's first day and the end of data."""
        lo = self.first_day[owner]
        return lo + (rng.random(len(owner)) * np.maximum(window.last - lo, 1)).astype(np.int64)


def generate_children(rng: np.random.Generator, window: Window, writer: Writer, n: int) -> Children:
    age_at_end = rng.uniform(0, 19.5, size=n)
    dob = (window.last - age_at_end * 365.25).astype(np.int64)
    disabled = rng.random(n) < 0.07
    uasc = (rng.random(n) < 0.012) & (age_at_end > 15)
    locality = rng.integers(0, 3, size=n)
    writer.write(
        "children",
        {
            "child": writer.ids,
            "dob": dates(dob),
            "sex": pa.array(np.where(rng.random(n) < 0.52, "1", "2")),
            "ethnicity": pa.array(rng.choice(ETHNICITIES, size=n, p=ETHNICITY_P)),
            "disability": pa.array(np.where(disabled, "LD", "NONE")),
            "upn": pa.array([None] * n, type=pa.string()),
            "uasc": pa.array(uasc),
        },
    )
    return Children(dob, disabled, locality, np.maximum(dob, window.first))
