"""DfE small-number convention for public versions of the report.

Counts from 1 to 5 are shown as "c". Where a table prints a total, one suppressed cell in a
column could be worked out by subtraction, so the next smallest cell of that column is
suppressed too (secondary suppression). Percentages built on a suppressed count are
suppressed with it. A numerator whose complement (denominator minus numerator: the
children not in time, say) is 1 to 5 is suppressed as well, since printing both counts
would give the small complement away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

SUPPRESSED = "c"
SMALL_MIN = 1
SMALL_MAX = 5


def is_small(count: int | Decimal | None) -> bool:
    return count is not None and SMALL_MIN <= count <= SMALL_MAX


@dataclass
class TeamCell:
    team: str
    numerator: int
    denominator: int
    numerator_hidden: bool = False
    denominator_hidden: bool = False

    @property
    def percentage_hidden(self) -> bool:
        return self.numerator_hidden or self.denominator_hidden


def suppress_team_table(rows: Sequence[tuple[str, int, int]]) -> list[TeamCell]:
    """Primary and secondary suppression of a team table that prints column totals."""
    cells = [TeamCell(team, numerator, denominator) for team, numerator, denominator in rows]
    for cell in cells:
        cell.numerator_hidden = is_small(cell.numerator)
        cell.denominator_hidden = is_small(cell.denominator)
        # A shown denominator with a hidden numerator is safe; the reverse is not when
        # numerator equals denominator (100%), so hide both together.
        if cell.denominator_hidden:
            cell.numerator_hidden = cell.numerator_hidden or cell.numerator > 0
        if is_small(cell.denominator - cell.numerator):
            cell.numerator_hidden = True
    changed = True
    while changed:
        changed = False
        for field in ("numerator", "denominator"):
            hidden = [c for c in cells if getattr(c, f"{field}_hidden")]
            if len(hidden) != 1:
                continue
            shown = [c for c in cells if not getattr(c, f"{field}_hidden")]
            if not shown:
                continue
            partner = min(shown, key=lambda c: (getattr(c, field), c.team))
            setattr(partner, f"{field}_hidden", True)
            if field == "denominator":
                partner.numerator_hidden = True
            changed = True
    return cells


def suppress_breakdown(total: int, parts: dict[str, int]) -> tuple[bool, set[str]]:
    """Which of a printed total and its parts to show as "c": (total hidden, hidden parts).

    Parts of 1 to 5 are hidden. The parts add up to the total, so a single hidden part could
    be worked out by subtraction: the next smallest shown part is hidden with it. A small
    total hides every part that is not zero.
    """
    hidden = {name for name, count in parts.items() if is_small(count)}
    if is_small(total):
        return True, hidden | {name for name, count in parts.items() if count}
    if len(hidden) == 1:
        shown = [name for name, count in parts.items() if name not in hidden and count > 0]
        if shown:
            hidden.add(min(shown, key=lambda name: (parts[name], name)))
    return False, hidden


def shown(count: int | None, hidden: bool | None = None) -> str:
    """A count as printed: "c" when hidden (by default when it is 1 to 5)."""
    if count is None:
        return ":"
    if hidden if hidden is not None else is_small(count):
        return SUPPRESSED
    return f"{count:,}"
