"""Blocks of evidence: one measure for the council against its comparators, with a chart, the
table beside it, the computed comparisons and plain-English statements.

Shared by the panel's evidence page and the generated papers. Figures come from
scrutiny.statistics.queries (only what the viewer may see); small numbers are suppressed
for viewers who may not see exact values, as on the performance report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import SafeString

from scrutiny.performance import charts
from scrutiny.performance.rules import NO_DIRECTION, Direction
from scrutiny.performance.suppression import SUPPRESSED, suppress_team_table
from scrutiny.statistics import comparisons as cmp
from scrutiny.statistics.models import Area, Measure, Period, Unit
from scrutiny.statistics.queries import CouncilAreas, Figures

from .printed import count, hidden, show
from .statements import block_statements

Labeller = Callable[[Period], str]


def academic_label(period: Period) -> str:
    return period.label


def exam_year_label(period: Period) -> str:
    """Key stage results are named by the summer of the exams: 2023/24 -> "2024"."""
    if period.time_identifier == "Academic year":
        return str(period.year_start + 1)
    return period.label


@dataclass
class Comparator:
    area: Area
    label: str  # "England", "the statistical-neighbour average"
    figure: cmp.Figure | None
    gap: Decimal | None
    earlier_gaps: list[tuple[str, Decimal]]
    pupils: cmp.Pupils | None
    change: Decimal | None  # the comparator's own change since the year before


@dataclass
class Block:
    measure: Measure
    anchor: str
    period: Period
    period_label: str
    figure: cmp.Figure | None
    shown: str
    comparators: list[Comparator]
    change: Decimal | None
    previous_label: str
    direction: Direction
    band: str
    rank: str
    chart: SafeString
    table: SafeString
    statements: list[str] = field(default_factory=list)
    withheld_source: bool = False
    provisional: bool = False

    @property
    def cohort_text(self) -> str:
        if self.figure is None or self.figure.cohort is None or self.shown == SUPPRESSED:
            return ""
        return f"{count(self.figure.cohort)} {self.measure.cohort_label}".strip()

    @property
    def points_word(self) -> str:
        return cmp.points_word(self.measure.unit)


def block(
    *,
    measure: Measure,
    figures: Figures,
    areas: CouncilAreas,
    period: Period,
    exact: bool,
    label: Labeller = academic_label,
    with_pupils: bool = True,
) -> Block | None:
    council = areas.council
    if council is None:
        return None
    figure = figures.get(measure.code, council.code, period)
    if figure is None:
        return None
    previous = figures.previous(period)
    series_periods = [
        p
        for p in figures.periods
        if p.time_identifier == period.time_identifier
        and p.year_start <= period.year_start
        and any(figures.get(measure.code, a.code, p) for a in areas.all)
    ][-5:]
    comparators = []
    for area, name in (
        (areas.england, "England"),
        (areas.neighbours, "the statistical-neighbour average"),
        (areas.region, areas.region.name if areas.region else ""),
    ):
        if area is None:
            continue
        theirs = figures.get(measure.code, area.code, period)
        if theirs is None or theirs.value is None:
            continue
        earlier = []
        for p in series_periods[:-1]:
            g = cmp.gap(
                figures.get(measure.code, council.code, p), figures.get(measure.code, area.code, p)
            )
            if g is not None:
                earlier.append((label(p), g))
        comparators.append(
            Comparator(
                area=area,
                label=name,
                figure=theirs,
                gap=cmp.gap(figure, theirs),
                earlier_gaps=earlier,
                pupils=cmp.additional_pupils(figure, theirs)
                if with_pupils and measure.unit == Unit.PERCENTAGE
                else None,
                change=cmp.change(theirs, figures.get(measure.code, area.code, previous))
                if previous
                else None,
            )
        )
    before = figures.get(measure.code, council.code, previous) if previous else None
    series = [
        (
            council.name,
            [
                _number(figures.get(measure.code, council.code, p), measure, exact)
                for p in series_periods
            ],
        )
    ]
    headers = [council.name]
    for c in comparators:
        series.append(
            (
                _legend(c),
                [
                    _number(figures.get(measure.code, c.area.code, p), measure, exact)
                    for p in series_periods
                ],
            )
        )
        headers.append(_legend(c))
    anchor = f"measure-{measure.code}"
    rows = [
        [label(p)]
        + [
            show(figures.get(measure.code, a.code, p), measure, exact)
            for a in [council] + [c.area for c in comparators]
        ]
        for p in series_periods
    ]
    result = Block(
        measure=measure,
        anchor=anchor,
        period=period,
        period_label=label(period),
        figure=figure,
        shown=show(figure, measure, exact),
        comparators=comparators,
        change=cmp.change(figure, before),
        previous_label=label(previous) if previous and before else "",
        direction=cmp.direction(figure, before, measure.polarity, measure.decimals),
        band=cmp.quartile_band(figure.rank, figure.ranked_out_of),
        rank=f"{figure.rank} of {figure.ranked_out_of}" if figure.rank else "",
        chart=charts.comparison_chart(
            chart_id=f"chart-{measure.code}",
            title=f"{measure.short_name}: {council.name} and comparators",
            labels=[_short(label, p) for p in series_periods],
            series=series,
        ),
        table=charts.comparison_table(
            caption=measure.short_name, first_header="Year", headers=headers, rows=rows
        ),
        withheld_source=figure.withheld or any(c.figure and c.figure.withheld for c in comparators),
        provisional=figure.provisional,
    )
    if not exact and hidden(figure, measure):
        # A gap, a change or a band would narrow down the hidden figure: withhold them too.
        for comparator in result.comparators:
            comparator.gap, comparator.pupils, comparator.earlier_gaps = None, None, []
        result.change, result.direction, result.band, result.rank = None, NO_DIRECTION, "", ""
    result.statements = block_statements(result, council.name, exact)
    return result


def _short(label: Labeller, period: Period) -> str:
    """Axis labels fit the chart: "2024" or "2023/24", never the term's name."""
    text = label(period)
    return text if len(text) <= 7 else period.year_label


def _legend(comparator: Comparator) -> str:
    return (
        "Statistical neighbours"
        if comparator.label.startswith("the statistical")
        else comparator.label
    )


def _number(figure: cmp.Figure | None, measure: Measure, exact: bool) -> Decimal | None:
    if figure is None or figure.value is None or (not exact and hidden(figure, measure)):
        return None
    return figure.value


@dataclass
class GroupRow:
    area: Area
    cells: list[str]
    change: Decimal | None
    change_vs_england: Decimal | None


@dataclass
class GroupTable:
    measure: Measure
    labels: list[str]
    rows: list[GroupRow]
    england: list[str]
    england_change: Decimal | None


def group_table(
    *,
    measure: Measure,
    figures: Figures,
    groups: Sequence[Area],
    england: Area | None,
    exact: bool,
    label: Labeller = academic_label,
) -> GroupTable | None:
    """School groups' figures by year, with each group's change against England's change."""
    periods = [
        p for p in figures.periods if any(figures.get(measure.code, g.code, p) for g in groups)
    ]
    if not periods:
        return None
    last, first = periods[-1], periods[0]
    england_change = (
        cmp.change(
            figures.get(measure.code, england.code if england else None, last),
            figures.get(measure.code, england.code if england else None, first),
        )
        if len(periods) > 1
        else None
    )
    rows = []
    latest = [(g, figures.get(measure.code, g.code, last)) for g in groups]
    hidden_cells = {}
    if not exact:
        counted = [
            (g.code, f.numerator, f.cohort)
            for g, f in latest
            if f is not None and f.numerator is not None and f.cohort is not None
        ]
        hidden_cells = {c.team: c.percentage_hidden for c in suppress_team_table(counted)}
    for group in groups:
        cells = []
        for p in periods:
            figure = figures.get(measure.code, group.code, p)
            text = show(figure, measure, exact)
            if p == last and hidden_cells.get(group.code):
                text = SUPPRESSED
            cells.append(text)
        change = (
            cmp.change(
                figures.get(measure.code, group.code, last),
                figures.get(measure.code, group.code, first),
            )
            if len(periods) > 1
            else None
        )
        if hidden_cells.get(group.code):
            change = None
        rows.append(
            GroupRow(
                group,
                cells,
                change,
                None if change is None or england_change is None else change - england_change,
            )
        )
    england_cells = [
        show(figures.get(measure.code, england.code, p), measure, exact) if england else ""
        for p in periods
    ]
    return GroupTable(measure, [label(p) for p in periods], rows, england_cells, england_change)
