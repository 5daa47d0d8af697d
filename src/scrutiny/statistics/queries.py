"""Reads: the figures a viewer may see, per measure, area and period, and the council's areas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from scrutiny.core.access import Level, visible
from scrutiny.core.models import Council

from .comparisons import Figure
from .models import Area, AreaLevel, Measure, Period, Release, Value
from .reader import sn_area_code

SeriesKey = tuple[str, str]  # (measure code, area code)


@dataclass
class Figures:
    """What one viewer may see: measure code -> area code -> period -> figure."""

    periods: list[Period] = field(default_factory=list)
    by_measure: dict[str, dict[str, dict[int, Figure]]] = field(default_factory=dict)
    withheld_releases: list[Release] = field(default_factory=list)  # listed by title only

    def get(self, measure: str, area: str | None, period: Period | None) -> Figure | None:
        if area is None or period is None:
            return None
        return self.by_measure.get(measure, {}).get(area, {}).get(period.pk)

    def periods_of(self, measure: str, area: str, identifier: str | None = None) -> list[Period]:
        held = self.by_measure.get(measure, {}).get(area, {})
        return [p for p in self.periods if p.pk in held and identifier in (None, p.time_identifier)]

    def previous(self, period: Period, *, years: int = 1) -> Period | None:
        for candidate in self.periods:
            if (
                candidate.time_identifier == period.time_identifier
                and candidate.year_start == period.year_start - years
            ):
                return candidate
        return None


def _figure(value: Value) -> Figure:
    release = value.release
    return Figure(
        value=value.value,
        symbol=value.symbol,
        numerator=value.numerator,
        cohort=value.cohort,
        rank=value.rank,
        ranked_out_of=value.ranked_out_of,
        derived=value.derived,
        basis=value.basis,
        release_id=release.pk,
        release_title=release.title,
        release_notes=release.notes,
        provisional=release.is_provisional,
        withheld=release.is_withheld(),
    )


def figures(user: Any, measures: Iterable[Measure], areas: Iterable[Area]) -> Figures:
    """The viewer's figures: where two releases give the same figure, a final release wins
    over a provisional one, then the latest import wins."""
    queryset: QuerySet[Value] = Value.objects.filter(
        measure__in=list(measures), area__in=list(areas)
    ).select_related("release", "period", "measure", "area")
    chosen: dict[tuple[int, int, int], Value] = {}
    for value in visible(user, queryset, Level.CONTENT):
        key = (value.measure_id, value.area_id, value.period_id)
        held = chosen.get(key)
        rank = (not value.release.is_provisional, value.release.imported_at, value.release_id)
        if held is None or rank > (
            not held.release.is_provisional,
            held.release.imported_at,
            held.release_id,
        ):
            chosen[key] = value
    result = Figures()
    periods: dict[int, Period] = {}
    for value in chosen.values():
        periods[value.period_id] = value.period
        result.by_measure.setdefault(value.measure.code, {}).setdefault(value.area.code, {})[
            value.period_id
        ] = _figure(value)
    result.periods = sorted(periods.values(), key=lambda p: p.sort_key)
    return result


def withheld_releases(user: Any, topic: str) -> list[Release]:
    """Releases the viewer may know of (title, category) but not read."""
    releases = Release.objects.filter(topic=topic).select_related("exempt_category")
    readable = visible(user, releases, Level.CONTENT).values("pk")
    return list(visible(user, releases, Level.LISTING).exclude(pk__in=readable))


@dataclass(frozen=True)
class CouncilAreas:
    council: Area | None
    england: Area | None
    region: Area | None
    neighbours: Area | None

    @property
    def comparators(self) -> list[Area]:
        return [a for a in (self.england, self.neighbours, self.region) if a is not None]

    @property
    def all(self) -> list[Area]:
        return [a for a in (self.council, *self.comparators) if a is not None]


def council_areas() -> CouncilAreas:
    """The council's own authority and its comparators, found by the council's name or the
    neighbour table's entry for it."""
    from scrutiny.performance.queries import neighbour_group

    name = Council.load().short_name
    group = neighbour_group(name)
    las = Area.objects.filter(level=AreaLevel.LOCAL_AUTHORITY)
    council = (las.filter(la_number=group.la_number).first() if group else None) or las.filter(
        name__iexact=name
    ).first()
    if council is None:
        return CouncilAreas(None, None, None, None)
    return CouncilAreas(
        council=council,
        england=Area.objects.filter(level=AreaLevel.NATIONAL, code="E92000001").first(),
        region=Area.objects.filter(code=council.region_code).first()
        if council.region_code
        else None,
        neighbours=Area.objects.filter(code=sn_area_code(council.code)).first(),
    )


def school_groups() -> list[Area]:
    return list(Area.objects.filter(level=AreaLevel.SCHOOL_GROUP).order_by("name"))
