"""What every step of the synthetic generator shares: the window, the working-day calendar,
the writer into the store and the array helpers.

A step receives everything it draws from as arguments (the random generator, the window,
the records of earlier steps) and returns its own records as arrays; nothing is read from
module state. The steps draw from one random stream in a fixed order, so the same seed
gives the same authority.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from scrutiny.casedata.store import append_arrow
from scrutiny.core.workingdays import bank_holidays

EPOCH = date(1970, 1, 1)
# The missing value in a generated column (np.where with a bare None, typed).
NULL = np.array(None, dtype=object)


def day_number(value: date) -> int:
    return (value - EPOCH).days


class WorkingDays:
    """Vectorised 'add n working days' (start day is day 0)."""

    def __init__(self, first: int, last: int):
        days = np.arange(first, last + 1, dtype=np.int64)
        years = range(
            date.fromordinal(EPOCH.toordinal() + first).year,
            date.fromordinal(EPOCH.toordinal() + last).year + 1,
        )
        hol = np.array([day_number(h) for h in bank_holidays(years)], dtype=np.int64)
        weekday = (days + 3) % 7  # 1970-01-01 was a Thursday (weekday 3)
        self.working = days[(weekday < 5) & ~np.isin(days, hol)]

    def add(self, start: np.ndarray, n: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(self.working, start, side="right") - 1
        idx = np.clip(pos + n, 0, len(self.working) - 1)
        return self.working[idx]


@dataclass(frozen=True)
class Window:
    """The extract's dates as day numbers: records fall in first..last (the end of data)."""

    first: int
    last: int
    end: date
    calendar: WorkingDays

    @classmethod
    def ending(cls, end: date, years: int) -> Window:
        last = day_number(end)
        first = day_number(date(end.year - years, end.month, min(end.day, 28))) + 1
        return cls(first, last, end, WorkingDays(first - 2200, last + 400))


@dataclass
class Writer:
    """Appends one authority's generated tables to the store and counts the rows."""

    con: object
    la: str
    source: str
    ids: pa.Array
    counts: dict[str, int] = field(default_factory=dict)

    def child_ids(self, idx: np.ndarray) -> pa.Array:
        return pc.take(self.ids, pa.array(idx))

    def write(self, table: str, columns: dict[str, pa.Array | np.ndarray]) -> None:
        rows = len(next(iter(columns.values())))
        arrays = {"la": pa.array([self.la] * rows), **columns}
        arrays["source"] = pa.array([self.source] * rows)
        append_arrow(self.con, table, pa.table(arrays))  # type: ignore[arg-type]
        self.counts[table] = self.counts.get(table, 0) + rows


def dates(days: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    values = pa.array(
        days.astype(np.int32), type=pa.int32(), mask=None if valid is None else ~valid
    )
    return values.cast(pa.date32())


def repeat_sequences(
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


def first_of_each(*columns: np.ndarray) -> np.ndarray:
    """Indices (in original order) of the first row of each distinct key."""
    _, first = np.unique(np.stack(columns, axis=1), axis=0, return_index=True)
    first.sort()
    return first


# Day numbers are below this; an open spell ends here (after any real date).
_FAR = 10**7


def open_ended(end: np.ndarray, is_open: np.ndarray) -> np.ndarray:
    """A spell's end for overlap tests: far in the future while it is still open."""
    return np.where(is_open, _FAR - 1, end)


def first_of_each_mask(*columns: np.ndarray) -> np.ndarray:
    """True for the first row of each distinct key."""
    mask = np.zeros(len(columns[0]), dtype=bool)
    if len(mask):
        mask[first_of_each(*columns)] = True
    return mask


def starts_during_earlier(
    child: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    *,
    among: np.ndarray | None = None,
    same_day_allowed: bool,
) -> np.ndarray:
    """True for each spell (of those in ``among``) that starts while an earlier spell of the
    same child is open, as the DfE validators test it (``end`` already far for open spells).

    Every spell in ``among`` counts as earlier, dropped or not, so keeping only the unflagged
    ones leaves no two that overlap.
    """
    flag = np.zeros(len(child), dtype=bool)
    rows = np.flatnonzero(np.ones(len(child), dtype=bool) if among is None else among)
    if len(rows) == 0:
        return flag
    order = rows[np.lexsort((end[rows], start[rows], child[rows]))]
    c, s, e = child[order], start[order], end[order].astype(np.int64)
    new_child = np.r_[True, c[1:] != c[:-1]]
    group = np.cumsum(new_child) - 1
    # Running maximum of the ends within each child: offset each child above the one before.
    running = np.maximum.accumulate(e + group * 2 * _FAR) - group * 2 * _FAR
    earlier_end = np.r_[-1, running[:-1]]
    earlier_end[new_child] = -1
    flag[order] = (s < earlier_end) if same_day_allowed else (s <= earlier_end)
    return flag
