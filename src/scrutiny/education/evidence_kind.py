"""Education measures as evidence other records link to (``education.measure:<code>``): the
figure for each academic year, from the year a recommendation was made to the latest, as the
viewer may see it (a confidential provisional release only for those entitled to it)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.urls import reverse

from scrutiny.core.evidence import (
    IMPROVED,
    LEVEL,
    WORSENED,
    EvidenceItem,
    EvidenceKind,
    EvidenceTrend,
    TrendPoint,
)

KIND = "education.measure"
CODE = re.compile(r"^[-a-z0-9_]+$")


def _measure(code: str):
    from scrutiny.statistics.models import Measure

    return Measure.objects.filter(topic="education", code=code).first()


def resolve(code: str, user: Any) -> EvidenceItem | None:
    measure = _measure(code)
    if measure is None:
        return None
    return EvidenceItem(
        f"{KIND}:{code}", measure.name, reverse("education:index"), measure.definition
    )


def choices() -> list[tuple[str, str]]:
    from scrutiny.statistics.models import Measure

    return list(
        Measure.objects.filter(topic="education")
        .order_by("theme", "position", "code")
        .values_list("code", "name")
    )


def check(code: str) -> str | None:
    return None if CODE.match(code) else "A measure is named by its code."


def _school_year(day: date) -> int:
    return day.year if day.month >= 9 else day.year - 1


def trend(code: str, user: Any, since: date) -> EvidenceTrend | None:
    from scrutiny.performance import charts
    from scrutiny.performance.rules import direction_of_travel, format_number
    from scrutiny.statistics.queries import council_areas, figures

    measure = _measure(code)
    council = council_areas().council
    if measure is None or council is None:
        return None
    seen = figures(user, [measure], [council])
    periods = seen.periods_of(measure.code, council.code)
    # The baseline is the last school year completed when the recommendation was made.
    first_year = _school_year(since)
    earlier = [p for p in periods if p.year_start < first_year]
    start = earlier[-1].year_start if earlier else first_year
    chosen = [p for p in periods if p.year_start >= start]
    points, values = [], []
    for period in chosen:
        figure = seen.get(measure.code, council.code, period)
        value = figure.value if figure else None
        text = format_number(value, measure.decimals, measure.unit) if value is not None else ""
        points.append(TrendPoint(period.label, text or (figure.symbol if figure else "")))
        values.append(value)
    shown = [v for v in values if v is not None]
    judgement = ""
    if len(shown) >= 2:
        direction = direction_of_travel(shown[-1], shown[0], measure.polarity, measure.decimals)
        judgement = {"improving": IMPROVED, "worsening": WORSENED, "level": LEVEL}.get(
            direction.code, ""
        )
    chart = charts.trend_chart(
        chart_id=f"evidence-{code}-{since:%Y%m%d}",
        title=f"{measure.name}: since {since:%-d %B %Y}",
        labels=[p.label for p in points],
        values=values,
        target=None,
        comparator=None,
        council_name=council.name,
    )
    table = charts.chart_data_table(
        caption=f"{measure.name} since {since:%-d %B %Y}",
        council_name=council.name,
        rows=[(p.label, p.text or "no data") for p in points],
    )
    return EvidenceTrend(
        reference=f"{KIND}:{code}",
        title=measure.name,
        url=reverse("education:index"),
        points=points,
        judgement=judgement,
        chart=chart,
        table=table,
    )


EVIDENCE_KIND = EvidenceKind(
    name=KIND,
    label="Education: a measure",
    resolve=resolve,
    appendix_html=lambda code: None,
    choices=choices,
    check=check,
    trend=trend,
    printable=False,
)
