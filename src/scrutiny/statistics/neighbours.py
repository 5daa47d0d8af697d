"""Statistical-neighbour averages from the neighbour table (the performance app's groups).

The average of an authority's neighbours is the plain mean of the neighbours' published
values, as the DfE's LA Interactive Tool computes it (not weighted by cohort). Where some
neighbours have no figure (suppressed, not available, or not in the file) the mean is taken
over those that have one, and ``basis`` records which were used, so pages can say "9 of 10".
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from scrutiny.performance.models import StatisticalNeighbourGroup

from .models import Area, AreaLevel
from .reader import AreaRow, ReleaseFile, ValueRow, sn_area_code

STORED = Decimal("0.0001")


def neighbour_groups() -> dict[str, list[str]]:
    """LA number -> its ten neighbours' LA numbers, closest first."""
    return {g.la_number: list(g.neighbours) for g in StatisticalNeighbourGroup.objects.all()}


def _authorities(parsed: ReleaseFile) -> dict[str, AreaRow]:
    """Known authorities by LA number: those in the file, then those stored before."""
    found = {
        a.la_number: AreaRow(a.code, a.level, a.name, a.la_number, a.region_code)
        for a in Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY).exclude(la_number="")
    }
    found.update({a.la_number: a for a in parsed.areas.values() if a.la_number})
    return found


def add_neighbour_averages(parsed: ReleaseFile, groups: dict[str, list[str]]) -> int:
    """Append each group's average to ``parsed`` (values and areas); returns how many."""
    authorities = _authorities(parsed)
    by_area: dict[str, list[ValueRow]] = defaultdict(list)
    for value in parsed.values:
        by_area[value.area].append(value)
    given = {v.key for v in parsed.values}
    added = 0
    for la_number, neighbours in groups.items():
        home = authorities.get(la_number)
        if home is None:
            continue
        code = sn_area_code(home.code)
        sums: dict[tuple[str, int, str], list[tuple[str, Decimal]]] = defaultdict(list)
        for neighbour in neighbours:
            area = authorities.get(neighbour)
            if area is None:
                continue
            for value in by_area.get(area.code, []):
                if value.value is not None:
                    sums[(value.measure, value.time_period, value.time_identifier)].append(
                        (neighbour, value.value)
                    )
        group_added = 0
        for (measure, period, identifier), members in sums.items():
            if (measure, code, period, identifier) in given:
                continue  # the file gives the average itself
            mean = sum((v for _, v in members), Decimal(0)) / len(members)
            parsed.values.append(
                ValueRow(
                    measure=measure,
                    area=code,
                    time_period=period,
                    time_identifier=identifier,
                    value=mean.quantize(STORED, rounding=ROUND_HALF_UP),
                    symbol="",
                    numerator=None,
                    cohort=None,
                    row=0,
                    derived=True,
                    basis={"neighbours": [n for n, _ in members], "of": len(neighbours)},
                )
            )
            group_added += 1
        added += group_added
        if group_added:
            parsed.areas.setdefault(
                code,
                AreaRow(
                    code, AreaLevel.STATISTICAL_NEIGHBOURS, f"{home.name} statistical neighbours"
                ),
            )
    return added
