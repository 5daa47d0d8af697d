"""Steps 11-13: allocations to workers, visits and supervisions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .children import Children
from .frame import Window, Writer, dates, first_of_each, repeat_sequences

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


@dataclass(frozen=True)
class Phase:
    """A stretch of work that gives a child an allocated worker in one group of teams."""

    group: str
    child: np.ndarray
    start: np.ndarray
    stop: np.ndarray  # the end, or the day after the end of data when still open
    valid: np.ndarray  # the work was written (allocations are drawn for every row)


@dataclass(frozen=True)
class Allocations:
    child: np.ndarray
    start: np.ndarray
    end: np.ndarray
    team: np.ndarray
    worker: np.ndarray


def _team_index(
    rng: np.random.Generator, window: Window, children: Children, group: str, owner: np.ndarray
) -> np.ndarray:
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
        loc = children.locality[owner]
        pick = flat[offs[loc] + rng.integers(0, 1 << 30, len(owner)) % sizes[loc]]
    team = base + pick
    age = (window.last - children.dob[owner]) / 365.25
    if group != "in_care":
        disabled = children.disabled[owner]
        team = np.where(
            disabled, ALL_TEAMS.index("Jigsaw 1") + rng.integers(0, 3, len(owner)), team
        )
        team = np.where(
            ~disabled & (age > 15.5) & (group != "assessment"),
            ALL_TEAMS.index("Young People Team 1") + rng.integers(0, 2, len(owner)),
            team,
        )
    return team


def generate_allocations(
    rng: np.random.Generator,
    window: Window,
    writer: Writer,
    children: Children,
    phases: list[Phase],
) -> Allocations:
    """A worker in the team for each phase of work; one allocated worker at a time.

    Where phases overlap, the child is allocated to the worker of the phase that started
    last (as the engine attributes records), and goes back to the earlier phase's worker
    when the later phase ends first.
    """
    child = np.concatenate([p.child for p in phases])
    start = np.concatenate([p.start for p in phases])
    end = np.concatenate([p.stop for p in phases])
    team = np.concatenate([_team_index(rng, window, children, p.group, p.child) for p in phases])
    worker = team * WORKERS_PER_TEAM + rng.integers(0, WORKERS_PER_TEAM, len(team))
    valid = np.concatenate([p.valid for p in phases]) & (end > start)
    seg_child, seg_start, seg_end, source = one_at_a_time(
        writer.con, child[valid], start[valid], end[valid], team[valid], worker[valid]
    )
    picked = np.flatnonzero(valid)[source]
    alloc = Allocations(seg_child, seg_start, seg_end, team[picked], worker[picked])
    writer.write(
        "allocations",
        {
            "child": writer.child_ids(alloc.child),
            "worker": pc.take(_workers(writer.la), pa.array(alloc.worker)),
            "team": pc.take(pa.array(ALL_TEAMS), pa.array(alloc.team)),
            "alloc_start": dates(alloc.start),
            "alloc_end": dates(alloc.end, alloc.end <= window.last),
        },
    )
    return alloc


def one_at_a_time(
    con: object,
    child: np.ndarray,
    start: np.ndarray,
    stop: np.ndarray,
    team: np.ndarray,
    worker: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Overlapping spells [start, stop) of one child cut into consecutive ones, each day
    given to the spell that started last (then the one lasting longer, then the team and
    worker), in one query. Returns (child, start, stop, index of the spell each came from).
    """
    spells = pa.table(
        {
            "i": pa.array(np.arange(len(child), dtype=np.int64)),
            "child": pa.array(child.astype(np.int64)),
            "s": pa.array(start.astype(np.int64)),
            "e": pa.array(stop.astype(np.int64)),
            "team": pa.array(team.astype(np.int64)),
            "worker": pa.array(worker.astype(np.int64)),
        }
    )
    con.register("_spells", spells)  # type: ignore[attr-defined]
    try:
        rows = con.execute(  # type: ignore[attr-defined]
            """
            WITH bounds AS (
              SELECT child, s AS day FROM _spells UNION SELECT child, e FROM _spells),
            pieces AS (
              SELECT child, day AS s, lead(day) OVER (PARTITION BY child ORDER BY day) AS e
              FROM bounds),
            owner AS (
              SELECT p.child, p.s, p.e, arg_max(a.i, [a.s, a.e, -a.team, -a.worker]) AS i
              FROM pieces p JOIN _spells a
                ON a.child = p.child AND a.s <= p.s AND p.s < a.e
              WHERE p.e IS NOT NULL
              GROUP BY p.child, p.s, p.e),
            runs AS (
              SELECT *, sum(CASE WHEN i = prev_i AND s = prev_e THEN 0 ELSE 1 END)
                OVER (PARTITION BY child ORDER BY s) AS run
              FROM (SELECT *, lag(i) OVER w AS prev_i, lag(e) OVER w AS prev_e
                    FROM owner WINDOW w AS (PARTITION BY child ORDER BY s)))
            SELECT child, min(s) AS s, max(e) AS e, any_value(i) AS i
            FROM runs GROUP BY child, run ORDER BY child, s
            """
        ).fetchnumpy()
    finally:
        con.unregister("_spells")  # type: ignore[attr-defined]
    return (
        np.asarray(rows["child"], dtype=np.int64),
        np.asarray(rows["s"], dtype=np.int64),
        np.asarray(rows["e"], dtype=np.int64),
        np.asarray(rows["i"], dtype=np.int64),
    )


def _workers(la: str) -> pa.Array:
    return pa.array(
        [f"{la}-W{t:02d}{k}" for t in range(len(ALL_TEAMS)) for k in range(WORKERS_PER_TEAM)]
    )


# Visit kinds with the interval between visits (days, shortest and longest).
VISIT_INTERVALS = {"cp": (5, 13), "cin": (12, 34), "cla": (20, 46), "eh": (10, 30)}


def generate_visits(
    rng: np.random.Generator,
    writer: Writer,
    plans: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]],
) -> None:
    """Visits at plan-specific intervals (some gaps run long, so timeliness varies).

    ``plans`` maps a visit kind to its plans' (child, start, last day drawn, last day
    visited, written): visits are drawn through every plan as drawn and kept within the
    written plans, so dropping an invalid plan leaves the other plans' visits as they were.
    """
    parts = []
    for kind, (owner, start, drawn_stop, stop, written) in plans.items():
        lo, hi = VISIT_INTERVALS[kind]
        v_owner, v_day, group = repeat_sequences(start, drawn_stop, lo, hi, rng, owner)
        keep = written[group] & (v_day <= stop[group])
        parts.append((kind, v_owner[keep], v_day[keep]))
    child = np.concatenate([p[1] for p in parts])
    day = np.concatenate([p[2] for p in parts])
    kind_of = np.concatenate([np.full(len(p[1]), p[0]) for p in parts])
    # Same child, day and kind twice would be one visit.
    first = first_of_each(child, day, np.searchsorted(["cin", "cla", "cp", "eh"], kind_of))
    writer.write(
        "visits",
        {
            "child": writer.child_ids(child[first]),
            "visit_date": dates(day[first]),
            "visit_kind": pa.array(kind_of[first]),
        },
    )


def generate_supervisions(
    rng: np.random.Generator, window: Window, writer: Writer, alloc: Allocations
) -> None:
    """Case discussions through each allocation, every 18 to 48 days."""
    owner, day, group = repeat_sequences(
        alloc.start, np.minimum(alloc.end, window.last), 18, 48, rng, alloc.child
    )
    first = first_of_each(owner, day)
    writer.write(
        "supervisions",
        {
            "child": writer.child_ids(owner[first]),
            "supervision_date": dates(day[first]),
            "team": pc.take(pa.array(ALL_TEAMS), pa.array(alloc.team[group[first]])),
            "worker": pc.take(_workers(writer.la), pa.array(alloc.worker[group[first]])),
        },
    )
