"""Generated papers: the figures of one subject and year, laid out as a printable appendix."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.template.loader import render_to_string

from scrutiny.core.models import Council
from scrutiny.statistics.models import Measure, Period
from scrutiny.statistics.queries import council_areas, figures, school_groups

from .evidence import (
    Block,
    GroupTable,
    Labeller,
    academic_label,
    block,
    exam_year_label,
    group_table,
)
from .models import PaperKind
from .printed import count, hidden, points


@dataclass(frozen=True)
class PaperSpec:
    title: str  # "{year}" is replaced by the year's label
    measures: tuple[str, ...]
    time_identifier: str = "Academic year"
    label: Labeller = academic_label
    group_measures: tuple[str, ...] = ()
    counts: bool = False  # attendance: count changes and three-year averages
    # Also show the latest part-year figures of the following year (e.g. termly data).
    later_term: str = ""


SPECS = {
    PaperKind.KS2: PaperSpec(
        "{year} Key Stage 2 Outcomes",
        (
            "ks2-rwm-expected",
            "ks2-reading-expected",
            "ks2-writing-expected",
            "ks2-maths-expected",
            "ks2-rwm-higher",
            "ks2-rwm-expected-disadvantaged",
            "ks2-rwm-expected-sen",
        ),
        label=exam_year_label,
        group_measures=(
            "ks2-writing-expected",
            "ks2-writing-greater-depth",
            "ks2-writing-progress",
        ),
    ),
    PaperKind.KS4: PaperSpec(
        "{year} Key Stage 4 Outcomes",
        ("ks4-attainment8", "ks4-progress8", "ks4-basics-4", "ks4-basics-5"),
        label=exam_year_label,
    ),
    PaperKind.ATTENDANCE: PaperSpec(
        "Attendance Data and Summary: {year}",
        (
            "absence-overall",
            "absence-persistent",
            "absence-severe",
            "absence-overall-primary",
            "absence-persistent-primary",
            "absence-overall-secondary",
            "absence-persistent-secondary",
            "absence-overall-special",
            "absence-persistent-special",
        ),
        time_identifier="Autumn and spring term",
        counts=True,
    ),
    PaperKind.EXCLUSIONS: PaperSpec(
        "Exclusions and Suspensions Summary: {year}",
        ("exclusions-permanent", "suspensions", "suspensions-count", "suspensions-repeat-pupils"),
        later_term="Autumn and spring term",
    ),
}


@dataclass
class Paper:
    kind: str
    title: str
    council: str
    blocks: list[Block]
    groups: list[GroupTable] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    uses_withheld: bool = False
    provisional: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.blocks and not self.groups


def paper_title(kind: str, year_start: int) -> str:
    spec = SPECS[PaperKind(kind)]
    probe = Period(time_period=0, time_identifier=spec.time_identifier, year_start=year_start)
    return spec.title.format(year=spec.label(probe))


def build_paper(*, kind: str, year_start: int, user: Any, exact: bool = False) -> Paper:
    """The paper as ``user`` may see it (a paper for a withheld appendix is built as an
    officer sees it; the appendix itself is then withheld)."""
    spec = SPECS[PaperKind(kind)]
    areas = council_areas()
    codes = spec.measures + tuple(m for m in spec.group_measures if m not in spec.measures)
    measures = {m.code: m for m in Measure.objects.filter(code__in=codes)}
    groups = school_groups()
    found = figures(user, measures.values(), [*areas.all, *groups])
    period = Period.objects.filter(
        year_start=year_start, time_identifier=spec.time_identifier
    ).first()
    blocks: list[Block] = []
    for code in spec.measures:
        if code not in measures or period is None:
            continue
        made = block(
            measure=measures[code],
            figures=found,
            areas=areas,
            period=period,
            exact=exact,
            label=spec.label,
        )
        if made is not None:
            if spec.counts:
                made.statements += _count_statements(made, found, areas, spec, exact)
            blocks.append(made)
    later = (
        Period.objects.filter(year_start=year_start + 1, time_identifier=spec.later_term).first()
        if spec.later_term
        else None
    )
    for code in spec.measures if later is not None else ():
        if code in measures and later is not None:
            made = block(
                measure=measures[code],
                figures=found,
                areas=areas,
                period=later,
                exact=exact,
                label=spec.label,
            )
            if made is not None:
                made.anchor += "-later"
                blocks.append(made)
    tables = []
    for code in spec.group_measures:
        if code in measures and groups:
            table = group_table(
                measure=measures[code],
                figures=found,
                groups=groups,
                england=areas.england,
                exact=exact,
                label=spec.label,
            )
            if table is not None:
                tables.append(table)
    used = [b.figure for b in blocks if b.figure] + [
        c.figure for b in blocks for c in b.comparators if c.figure
    ]
    sources = sorted({f.release_title for f in used})
    notes = sorted({f.release_notes for f in used if f.release_notes})
    return Paper(
        kind=kind,
        title=paper_title(kind, year_start),
        council=areas.council.name if areas.council else Council.load().short_name,
        blocks=blocks,
        groups=tables,
        sources=sources,
        notes=notes,
        uses_withheld=any(b.withheld_source for b in blocks),
        provisional=any(b.provisional for b in blocks),
    )


def _count_statements(made: Block, found, areas, spec: PaperSpec, exact: bool) -> list[str]:
    """Attendance: the change in the number of enrolments and the three-year average."""
    lines = []
    measure, figure, council = made.measure, made.figure, areas.council
    previous = found.previous(made.period)
    before = found.get(measure.code, council.code, previous) if previous else None
    if (
        figure is not None
        and before is not None
        and figure.numerator is not None
        and before.numerator is not None
        and measure.cohort_label
        and (exact or not (hidden(figure, measure) or hidden(before, measure)))
    ):
        difference = figure.numerator - before.numerator
        word = "fewer" if difference < 0 else "more"
        lines.append(
            f"{count(abs(difference))} {word} {measure.cohort_label} than in "
            f"{spec.label(previous)} ({count(before.numerator)} of {count(before.cohort)})."
        )
    years = [
        found.get(measure.code, council.code, found.previous(made.period, years=n)) if n else figure
        for n in range(3)
    ]
    known = [y.value for y in years if y is not None and y.value is not None]
    if len(known) == 3:
        mean = sum(known, Decimal(0)) / 3
        step = Decimal(1).scaleb(-measure.decimals)
        lines.append(
            f"Average over the last three years: "
            f"{points(mean.quantize(step, rounding=ROUND_HALF_UP), measure, signed=False)}%."
            if measure.unit == "percentage"
            else f"Average over the last three years: {points(mean, measure, signed=False)}."
        )
    return lines


def render_paper(paper: Paper, *, charts: bool = True) -> str:
    return render_to_string("education/_paper.html", {"paper": paper, "charts": charts})
