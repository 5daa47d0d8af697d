"""DfE small-number convention for public versions of the report.

Counts from 1 to 5 are shown as "c". Where a table prints a total, one suppressed cell in a
column could be worked out by subtraction, so the next smallest cell of that column is
suppressed too (secondary suppression). Percentages built on a suppressed count are
suppressed with it.
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
