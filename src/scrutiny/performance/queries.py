"""Reads for the performance report: a fixed number of queries per page, no N+1."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Max, Prefetch
from django.utils.safestring import SafeString

from scrutiny.core.dates import month_end, shift_months
from scrutiny.core.models import Council

from . import charts
from .models import (
    Benchmark,
    Commentary,
    Comparator,
    Indicator,
    MonthlyValue,
    Section,
    StatisticalNeighbourGroup,
    Target,
    TeamBreakdown,
    Unit,
)
from .rules import (
    NO_DIRECTION,
    NOT_RATED,
    Direction,
    Rating,
    direction_of_travel,
    format_number,
    rag_rating,
)
from .suppression import SMALL_MAX, SMALL_MIN, SUPPRESSED, is_small, suppress_team_table

SMALL_NUMBER_NOT_RATED = Rating("none", "Not shown: small number")
SHORT_COMPARATOR = {
    Comparator.STATISTICAL_NEIGHBOURS: "SN",
    Comparator.REGION: "Region",
    Comparator.ENGLAND: "England",
}
COMPARATOR_ORDER = [
    Comparator.COUNCIL,
    Comparator.STATISTICAL_NEIGHBOURS,
    Comparator.REGION,
    Comparator.ENGLAND,
]


def month_label(month: date) -> str:
    return month.strftime("%b-%y")


class ValueRow(NamedTuple):
    """The fields of a MonthlyValue the report needs, without building model instances."""

    value: Decimal
    decimals: int
    numerator: int | None
    denominator: int | None
    as_at: date | None = None
    source: str = ""
    provenance: dict | None = None


VALUE_FIELDS = (
    "value",
    "decimals",
    "numerator",
    "denominator",
    "as_at",
    "source",
    "provenance",
)


@dataclass(frozen=True)
class FigureNote:
    """What a figure is: its definition, counts, as-at date and where it came from.

    Counts are as the viewer may see them ("c" where suppressed, "" where unknown).
    """

    definition: str
    numerator: str
    denominator: str
    as_at: date | None
    source: str


@dataclass
class Cell:
    text: str
    value: Decimal | None = None  # None when missing or suppressed
    suppressed: bool = False
    note: FigureNote | None = None


@dataclass
class BenchmarkColumn:
    comparator: str
    year_start: int
    label: str
    short_label: str


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[Cell]
    target: Target | None
    target_text: str
    rating: Rating
    direction: Direction
    benchmarks: list[Cell]
    chart: SafeString
    chart_table: SafeString
    about: FigureNote | None = None


@dataclass
class SectionBlock:
    section: Section
    columns: list[date]
    rows: list[IndicatorRow]
    commentary: Commentary | None
    show_benchmarks: bool

    @property
    def column_labels(self) -> list[str]:
        return [month_label(m) for m in self.columns]


@dataclass
class TeamTable:
    indicator: Indicator
    month: date
    rows: list[tuple[str, str, str, str]]
    total: tuple[str, str, str]


@dataclass
class Report:
    month: date
    exact: bool
    council_name: str
    sections: list[SectionBlock]
    benchmark_columns: list[BenchmarkColumn]
    team_tables: list[TeamTable] = field(default_factory=list)
    neighbours: StatisticalNeighbourGroup | None = None

    @property
    def month_label(self) -> str:
        return self.month.strftime("%B %Y")


def latest_month() -> date | None:
    return MonthlyValue.objects.aggregate(m=Max("month"))["m"]


def available_months() -> list[date]:
    return list(MonthlyValue.objects.order_by("-month").values_list("month", flat=True).distinct())


def council_name() -> str:
    council = Council.objects.order_by("pk").only("short_name", "name").first()
    return (council.short_name or council.name) if council else "Council"


def target_for(targets: list[Target], month: date) -> Target | None:
    """The target in force for the month (targets sorted by start date)."""
    starts = [t.effective_from for t in targets]
    index = bisect_right(starts, month)
    return targets[index - 1] if index else None


# The value of another indicator in the same month (for a percentage's linked counts).
Linked = Callable[[int | None], "MonthlyValue | ValueRow | None"]


def _no_links(_indicator_id: int | None) -> None:
    return None


def value_cell(
    indicator: Indicator,
    value: MonthlyValue | ValueRow | None,
    exact: bool,
    linked: Linked = _no_links,
) -> Cell:
    if value is None:
        return Cell("")
    hidden = not exact and _hidden(indicator, value, linked)
    note = figure_note(indicator, value, exact, linked, hidden)
    if hidden:
        return Cell(SUPPRESSED, None, True, note)
    decimals = max(value.decimals, 0)
    return Cell(format_number(value.value, decimals, indicator.unit), value.value, note=note)


def figure_note(
    indicator: Indicator,
    value: MonthlyValue | ValueRow,
    exact: bool,
    linked: Linked = _no_links,
    hidden: bool = False,
) -> FigureNote:
    numerator: Decimal | int | None
    denominator: Decimal | int | None
    if indicator.unit == Unit.COUNT:
        numerator, denominator = value.value, None
    else:
        numerator, denominator = share_counts(indicator, value, linked)

    def count_text(count: Decimal | int | None) -> str:
        if count is None:
            return ""
        if not exact and (hidden or is_small(count)):
            return SUPPRESSED
        return format_number(Decimal(count), 0)

    return FigureNote(
        definition=indicator.definition,
        numerator=count_text(numerator),
        denominator=count_text(denominator),
        as_at=value.as_at,
        source=source_text(value.source, value.provenance or {}),
    )


def source_text(source: str, provenance: dict) -> str:
    """Where a stored value came from, in words (engine refresh or file and row)."""
    if source == "engine":
        parts = ["Computed from child-level records"]
        if provenance.get("refresh"):
            parts.append(f"engine refresh {provenance['refresh']}")
        if provenance.get("engine_version"):
            parts.append(f"engine version {provenance['engine_version']}")
        if provenance.get("definition_version"):
            parts.append(f"definition version {provenance['definition_version']}")
        return ", ".join(parts)
    if source == "imported":
        where = str(provenance.get("file") or "a file")
        if provenance.get("row"):
            where += f", row {provenance['row']}"
        if provenance.get("counts") == "not published":
            where += " (published without its counts)"
        return f"Imported from {where}"
    if source == "entered":
        return "Entered by an analyst"
    return ""


def _hidden(
    indicator: Indicator, value: MonthlyValue | ValueRow, linked: Linked = _no_links
) -> bool:
    if indicator.unit == Unit.COUNT:
        return is_small(value.value)
    if indicator.unit == Unit.PERCENTAGE:
        numerator, denominator = share_counts(indicator, value, linked)
        if is_small(denominator):
            return True
        if numerator is not None:
            return is_small(numerator)
        if denominator is not None:
            # The printed percentage of a known denominator gives the numerator to within
            # the rounding: hidden when that range holds a small number.
            low, high = numerator_range(value.value, value.decimals, denominator)
            return high >= SMALL_MIN and low <= SMALL_MAX
    if indicator.unit == Unit.RATE_PER_10K:
        return is_small(value.numerator)
    return False


def share_counts(
    indicator: Indicator, value: MonthlyValue | ValueRow, linked: Linked = _no_links
) -> tuple[Decimal | int | None, Decimal | int | None]:
    """A percentage's numerator and denominator: its own, else its linked counts'."""
    numerator: Decimal | int | None = value.numerator
    denominator: Decimal | int | None = value.denominator
    if numerator is None and (count := linked(indicator.numerator_indicator_id)) is not None:
        numerator = count.value
    if denominator is None and (count := linked(indicator.denominator_indicator_id)) is not None:
        denominator = count.value
    return numerator, denominator


def numerator_range(percentage: Decimal, decimals: int, denominator: Decimal | int) -> tuple:
    """The whole numerators a percentage printed with ``decimals`` places can stand for."""
    half = Decimal(5).scaleb(-max(decimals, 0) - 1)
    den = Decimal(denominator)
    low = (max(percentage - half, Decimal(0)) * den / 100).to_integral_value(
        rounding="ROUND_CEILING"
    )
    high = ((percentage + half) * den / 100).to_integral_value(rounding="ROUND_FLOOR")
    return low, high


def _indicators() -> list[Indicator]:
    return list(
        Indicator.objects.select_related("section").prefetch_related(
            Prefetch("targets", queryset=Target.objects.order_by("effective_from"))
        )
    )


def build_report(month: date, *, exact: bool) -> Report:
    """Everything the dashboard and the PDF show for one report month."""
    month = month_end(month.year, month.month)
    window = [shift_months(month, -24)] + [shift_months(month, d) for d in range(-12, 1)]
    previous = shift_months(month, -1)
    sections = list(Section.objects.all())
    indicators = _indicators()
    values: dict[tuple[int, date], ValueRow] = {
        (row[0], row[1]): ValueRow(*row[2:])
        for row in MonthlyValue.objects.filter(month__in=window + [previous]).values_list(
            "indicator_id", "month", *VALUE_FIELDS
        )
    }
    benchmarks: dict[int, dict[tuple[str, int], Benchmark]] = defaultdict(dict)
    years: set[int] = set()
    for b in Benchmark.objects.all():
        benchmarks[b.indicator_id][(b.comparator, b.year_start)] = b
        years.add(b.year_start)
    shown_years = sorted(years)[-2:]
    name = council_name()
    columns = [
        BenchmarkColumn(
            c.value,
            y,
            f"{name if c == Comparator.COUNCIL else c.label} {y % 100:02d}/{(y + 1) % 100:02d}",
            f"{SHORT_COMPARATOR.get(c, 'Council')} {y % 100:02d}/{(y + 1) % 100:02d}",
        )
        for c in COMPARATOR_ORDER
        for y in shown_years
    ]
    commentary = {c.section_id: c for c in Commentary.objects.filter(month=month)}
    by_section: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_section[indicator.section_id].append(indicator)

    blocks = []
    for section in sections:
        members = by_section.get(section.pk, [])
        has_early = any((i.pk, window[0]) in values for i in members)
        cols = window if has_early else window[1:]
        labels = [month_label(m) for m in cols]
        rows = [
            _row(
                i,
                cols,
                labels,
                month,
                previous,
                values,
                benchmarks.get(i.pk, {}),
                columns,
                exact,
                name,
            )
            for i in members
        ]
        show = any(c.text for r in rows for c in r.benchmarks)
        blocks.append(SectionBlock(section, cols, rows, commentary.get(section.pk), show))
    teams = team_tables(months=[month, previous], exact=exact)
    return Report(month, exact, name, blocks, columns, teams, neighbour_group(name))


def neighbour_group(name: str) -> StatisticalNeighbourGroup | None:
    """The council's statistical neighbour group, found by the authority's name."""
    return StatisticalNeighbourGroup.objects.filter(la_name__iexact=name).first()


def _row(
    indicator: Indicator,
    cols: list[date],
    labels: list[str],
    month: date,
    previous: date,
    values: dict[tuple[int, date], ValueRow],
    benchmarks: dict[tuple[str, int], Benchmark],
    columns: list[BenchmarkColumn],
    exact: bool,
    name: str,
) -> IndicatorRow:
    def linked_in(month: date) -> Linked:
        return lambda other: values.get((other, month)) if other else None

    cells = [
        value_cell(indicator, values.get((indicator.pk, m)), exact, linked_in(m)) for m in cols
    ]
    target = target_for(list(indicator.targets.all()), month)
    current = values.get((indicator.pk, month))
    before = values.get((indicator.pk, previous))
    target_value = target.value if target else None
    tolerance = target.amber_tolerance if target else None
    rating = (
        rag_rating(current.value if current else None, target_value, indicator.polarity, tolerance)
        if target
        else NOT_RATED
    )
    decimals = max(current.decimals if current else 0, before.decimals if before else 0)
    direction = (
        direction_of_travel(current.value, before.value, indicator.polarity, decimals)
        if current and before
        else NO_DIRECTION
    )
    hidden_now = bool(current and _hidden(indicator, current, linked_in(month)))
    hidden_before = bool(before and _hidden(indicator, before, linked_in(previous)))
    if not exact and (hidden_now or hidden_before):
        direction = NO_DIRECTION  # an arrow between two small counts would hint at them
    if not exact and hidden_now and rating.is_rated:
        rating = SMALL_NUMBER_NOT_RATED  # the rating would narrow down the hidden value
    bench_cells = []
    for column in columns:
        b = benchmarks.get((column.comparator, column.year_start))
        bench_cells.append(
            Cell(format_number(b.value, b.decimals, indicator.unit), b.value) if b else Cell("")
        )
    comparator = None
    for year_first in sorted({c.year_start for c in columns}, reverse=True):
        b = benchmarks.get((Comparator.STATISTICAL_NEIGHBOURS, year_first))
        if b:
            comparator = (f"Statistical neighbours {b.year_label}", b.value, b)
            break
    target_text = (
        (target.as_published or format_number(target.value, _places(target.value), indicator.unit))
        if target
        else "-"
    )
    chart_values = [c.value for c in cells]
    chart = charts.trend_chart(
        chart_id=f"chart-{indicator.code}",
        title=f"{indicator.name}: trend",
        labels=labels,
        values=chart_values,
        target=target_value,
        break_after=frozenset({0})
        if len(cols) > 1 and shift_months(cols[0], 1) != cols[1]
        else frozenset(),
        comparator=(f"Neighbours {comparator[2].year_label}", comparator[1])
        if comparator
        else None,
        council_name=name,
    )
    table_rows = [
        (label, cell.text or "no data") for label, cell in zip(labels, cells, strict=True)
    ]
    table_rows.append(("Target", target_text))
    if comparator:
        table_rows.append(
            (
                comparator[0],
                format_number(comparator[2].value, comparator[2].decimals, indicator.unit),
            )
        )
    chart_table = charts.chart_data_table(
        caption=indicator.name, council_name=name, rows=table_rows
    )
    return IndicatorRow(
        indicator=indicator,
        cells=cells,
        target=target,
        target_text=target_text,
        rating=rating,
        direction=direction,
        benchmarks=bench_cells,
        chart=chart,
        chart_table=chart_table,
        about=cells[-1].note if cols and cols[-1] == month else None,
    )


def _places(value: Decimal) -> int:
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def team_tables(
    *, months: list[date], exact: bool, indicator: Indicator | None = None
) -> list[TeamTable]:
    rows = TeamBreakdown.objects.select_related("indicator").order_by(
        "indicator__section__position", "indicator__position", "-month", "position"
    )
    rows = rows.filter(indicator=indicator) if indicator else rows.filter(month__in=months)
    grouped: dict[tuple[int, date], list[TeamBreakdown]] = defaultdict(list)
    for row in rows:
        grouped[(row.indicator_id, row.month)].append(row)
    tables = []
    for members in grouped.values():
        first = members[0]
        total_n = sum(r.numerator for r in members)
        total_d = sum(r.denominator for r in members)
        if exact:
            shown = [
                (r.team, str(r.denominator), str(r.numerator), _pct(r.numerator, r.denominator))
                for r in members
            ]
        else:
            cells = suppress_team_table([(r.team, r.numerator, r.denominator) for r in members])
            shown = [
                (
                    c.team,
                    SUPPRESSED if c.denominator_hidden else str(c.denominator),
                    SUPPRESSED if c.numerator_hidden else str(c.numerator),
                    SUPPRESSED if c.percentage_hidden else _pct(c.numerator, c.denominator),
                )
                for c in cells
            ]
        total = (str(total_d), str(total_n), _pct(total_n, total_d))
        complement_small = is_small(total_d - total_n)
        if not exact and (is_small(total_d) or is_small(total_n) or complement_small):
            total = (
                SUPPRESSED if is_small(total_d) else str(total_d),
                SUPPRESSED if is_small(total_n) or complement_small else str(total_n),
                SUPPRESSED,
            )
        tables.append(TeamTable(first.indicator, first.month, shown, total))
    return tables


def _pct(numerator: int, denominator: int) -> str:
    if not denominator:
        return ""
    return format_number(Decimal(numerator * 100) / Decimal(denominator), 1) + "%"


@dataclass
class IndicatorHistory:
    indicator: Indicator
    months: list[tuple[date, Cell, MonthlyValue | None]]
    targets: list[Target]
    benchmarks: list[tuple[str, str, str]]
    teams: list[TeamTable]
    chart: SafeString


def indicator_history(code: str, *, exact: bool) -> IndicatorHistory | None:
    indicator = (
        Indicator.objects.select_related("section")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.order_by("effective_from")))
        .filter(code=code)
        .first()
    )
    if indicator is None:
        return None
    values = list(MonthlyValue.objects.filter(indicator=indicator).order_by("month"))
    links = [i for i in (indicator.numerator_indicator_id, indicator.denominator_indicator_id) if i]
    counts = {
        (row.indicator_id, row.month): row
        for row in MonthlyValue.objects.filter(indicator_id__in=links).only(
            "indicator_id", "month", *VALUE_FIELDS
        )
    }

    def linked_in(month: date) -> Linked:
        return lambda other: counts.get((other, month)) if other else None

    months: list[tuple[date, Cell, MonthlyValue | None]] = [
        (v.month, value_cell(indicator, v, exact, linked_in(v.month)), v) for v in values
    ]
    targets = list(indicator.targets.all())
    latest_target = targets[-1] if targets else None
    current = target_for(targets, values[-1].month) if values else latest_target
    order = {c.value: i for i, c in enumerate(COMPARATOR_ORDER)}
    benchmarks = [
        (
            b.get_comparator_display(),
            b.year_label,
            format_number(b.value, b.decimals, indicator.unit),
        )
        for b in sorted(
            indicator.benchmarks.all(), key=lambda b: (b.year_start, order[b.comparator])
        )
    ]
    gaps = frozenset(
        i for i in range(len(values) - 1) if shift_months(values[i].month, 1) != values[i + 1].month
    )
    chart = charts.trend_chart(
        chart_id=f"chart-{indicator.code}",
        title=f"{indicator.name}: full history",
        labels=[month_label(m) for m, _c, _v in months],
        values=[c.value for _m, c, _v in months],
        target=current.value if current else None,
        comparator=None,
        council_name=council_name(),
        break_after=gaps,
    )
    teams = team_tables(months=[], exact=exact, indicator=indicator)
    return IndicatorHistory(indicator, months, targets, benchmarks, teams, chart)


def report_csv_rows(report: Report) -> list[list[str]]:
    """The dashboard's figures, as shown to the viewer (suppressed for the public), each
    with its definition, counts, as-at date and source, its unit, target, RAG rating,
    direction of travel and one column per benchmark shown on the report."""
    header = [
        "section",
        "indicator_code",
        "indicator",
        "unit",
        "month",
        "value",
        "numerator",
        "denominator",
        "as_at",
        "definition",
        "source",
        "target",
        "rag",
        "direction",
    ]
    header += [f"benchmark: {c.label}" for c in report.benchmark_columns]
    rows = [header]
    for block in report.sections:
        for row in block.rows:
            for month, cell in zip(block.columns, row.cells, strict=True):
                if not cell.text:
                    continue
                latest = month == report.month
                note = cell.note
                rows.append(
                    [
                        block.section.code,
                        row.indicator.code,
                        row.indicator.name,
                        row.indicator.unit,
                        month.strftime("%Y-%m"),
                        cell.text,
                        note.numerator if note else "",
                        note.denominator if note else "",
                        note.as_at.isoformat() if note and note.as_at else "",
                        row.indicator.definition,
                        note.source if note else "",
                        row.target_text,
                        row.rating.code if latest and row.rating.is_rated else "",
                        row.direction.code if latest and row.direction.code != "none" else "",
                        *[b.text for b in row.benchmarks],
                    ]
                )
    return rows
