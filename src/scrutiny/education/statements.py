"""Plain-English statements of a block's comparisons, in the product's own words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrutiny.statistics.comparisons import points_word

from .printed import count, hidden, points, show

if TYPE_CHECKING:
    from .evidence import Block


def _relation(gap) -> str:
    if gap > 0:
        return "above"
    if gap < 0:
        return "below"
    return "level with"


def block_statements(block: Block, council: str, exact: bool) -> list[str]:
    measure, figure = block.measure, block.figure
    if figure is None or figure.value is None or (not exact and hidden(figure, measure)):
        return []
    unit_points = points_word(measure.unit)
    lines = []
    if figure.numerator is not None and figure.cohort is not None and measure.cohort_label:
        lines.append(
            f"{block.period_label}: {count(figure.numerator)} of {count(figure.cohort)} "
            f"{measure.cohort_label} in {council} ({block.shown})."
        )
    for comparator in block.comparators:
        if comparator.gap is None:
            continue
        gap = comparator.gap
        size = points(abs(gap), measure, signed=False)
        text = (
            f"{block.period_label}: {council} {block.shown}, "
            + (f"{size} {unit_points} " if gap else "")
            + f"{_relation(gap)} {comparator.label} ({show(comparator.figure, measure, exact)})."
        )
        if comparator.earlier_gaps:
            earlier = " and ".join(
                f"{points(g, measure)} {'points' if measure.unit == 'percentage' else ''} in {name}".replace(
                    "  ", " "
                )
                for name, g in comparator.earlier_gaps
            )
            text += f" The gap was {earlier}."
        pupils = comparator.pupils
        if pupils is not None and pupils.needed:
            text += (
                f" {pupils.count:,} more of the {pupils.cohort:,} {measure.cohort_label} would "
                f"have needed to reach it to be in line with {comparator.label}."
            )
        elif pupils is not None and pupils.count:
            text += (
                f" {pupils.count:,} more of the {pupils.cohort:,} {measure.cohort_label} reached "
                f"it than {comparator.label}'s rate would give."
            )
        lines.append(text)
    if block.change is not None and block.previous_label:
        text = (
            f"Since {block.previous_label}: {points(block.change, measure)} {unit_points} "
            f"({block.direction.label.lower()})."
        )
        england = next((c for c in block.comparators if c.label == "England"), None)
        if england is not None and england.change is not None:
            difference = block.change - england.change
            text += (
                f" England changed by {points(england.change, measure)}: a difference of "
                f"{points(difference, measure)} {unit_points}."
            )
        lines.append(text)
    if block.band:
        lines.append(
            f"Rank {block.rank} among local authorities: quartile band {block.band} "
            "(A is the best quarter)."
        )
    return lines
