"""The performance report's indicators as evidence (``performance.indicator:<code>``): a
recommendation (or a briefing line) points at an indicator, and the trend since a date is
read here, with small numbers suppressed for whoever may not see them exactly."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from scrutiny.core.evidence import (
    IMPROVED,
    LEVEL,
    WORSENED,
    EvidenceItem,
    EvidenceKind,
    EvidenceTrend,
    TrendPoint,
)

KIND = "performance.indicator"
CODE = re.compile(r"^[-a-z0-9_]+$")


def _indicator(code: str):
    from scrutiny.performance.models import Indicator

    return Indicator.objects.filter(code=code).first()


def _url(code: str) -> str:
    from django.urls import reverse

    return reverse("performance:indicator", args=[code])


def resolve(code: str, user: Any) -> EvidenceItem | None:
    indicator = _indicator(code)
    if indicator is None:
        return None
    return EvidenceItem(f"{KIND}:{code}", indicator.name, _url(code), indicator.definition)


def choices() -> list[tuple[str, str]]:
    from scrutiny.performance.models import Indicator

    return list(
        Indicator.objects.order_by("section__position", "position").values_list("code", "name")
    )


def check(code: str) -> str | None:
    return None if CODE.match(code) else "An indicator is named by its code, e.g. re_referrals_pct."


def trend(code: str, user: Any, since: date) -> EvidenceTrend | None:
    """From the last month ended on or before ``since`` to the latest month, as the user may
    see the figures; judged on the first and last figures the user can see."""
    from scrutiny.performance import charts
    from scrutiny.performance.access import sees_exact_values
    from scrutiny.performance.models import MonthlyValue
    from scrutiny.performance.queries import (
        VALUE_FIELDS,
        ValueRow,
        council_name,
        month_label,
        value_cell,
    )
    from scrutiny.performance.rules import direction_of_travel

    indicator = _indicator(code)
    if indicator is None:
        return None
    exact = sees_exact_values(user)
    start = (
        MonthlyValue.objects.filter(indicator=indicator, month__lte=since)
        .order_by("-month")
        .values_list("month", flat=True)
        .first()
    )
    rows = MonthlyValue.objects.filter(indicator=indicator).order_by("month")
    rows = rows.filter(month__gte=start) if start is not None else rows.filter(month__gt=since)
    links = [i for i in (indicator.numerator_indicator_id, indicator.denominator_indicator_id) if i]
    months = list(rows.values_list("month", *VALUE_FIELDS))
    counts = {
        (r[0], r[1]): ValueRow(*r[2:])
        for r in MonthlyValue.objects.filter(
            indicator_id__in=links, month__in=[m[0] for m in months]
        ).values_list("indicator_id", "month", *VALUE_FIELDS)
    }
    cells = []
    for month, *fields in months:

        def linked(other, month=month):
            return counts.get((other, month)) if other else None

        cells.append((month, value_cell(indicator, ValueRow(*fields), exact, linked)))
    points = [TrendPoint(month_label(m), c.text) for m, c in cells]
    shown = [(m, c) for m, c in cells if c.value is not None]
    judgement = ""
    if len(shown) >= 2:
        first, last = shown[0][1], shown[-1][1]
        direction = direction_of_travel(
            last.value, first.value, indicator.polarity, indicator.decimals
        )
        judgement = {"improving": IMPROVED, "worsening": WORSENED, "level": LEVEL}.get(
            direction.code, ""
        )
    name = council_name()
    chart_id = f"evidence-{code}-{since:%Y%m%d}"
    chart = charts.trend_chart(
        chart_id=chart_id,
        title=f"{indicator.name}: since {since:%-d %B %Y}",
        labels=[p.label for p in points],
        values=[c.value for _m, c in cells],
        target=None,
        comparator=None,
        council_name=name,
    )
    table = charts.chart_data_table(
        caption=f"{indicator.name} since {since:%-d %B %Y}",
        council_name=name,
        rows=[(p.label, p.text or "no data") for p in points],
    )
    return EvidenceTrend(
        reference=f"{KIND}:{code}",
        title=indicator.name,
        url=_url(code),
        points=points,
        judgement=judgement,
        chart=chart,
        table=table,
    )


def appendix_html(code: str) -> str | None:
    return None  # the monthly report is its own paper


EVIDENCE_KIND = EvidenceKind(
    name=KIND,
    label="Performance report: an indicator",
    resolve=resolve,
    appendix_html=appendix_html,
    choices=choices,
    check=check,
    trend=trend,
    printable=False,
)
