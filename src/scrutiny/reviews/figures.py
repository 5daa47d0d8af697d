"""Yearly figures computed from the register, for any period.

What each figure counts (a case counts in a period when the date named falls in it):

* referrals considered: the date the local authority became aware;
* serious incident notifications: the notification date; in time when made within
  5 working days of becoming aware;
* rapid reviews: the rapid review date; in time when the decision came within 15 working
  days of the notification;
* decisions by kind: the decision date (with or without a rapid review);
* practice reviews started: the date commissioned; published: the publication date;
* median days from decision to publication: calendar days, over the practice reviews
  published in the period;
* open recommendations: recorded by the end of the period and not completed by then;
* learning themes: the themes of cases decided or published in the period, with how many.

The public version (pages, packs, appendices) prints counts of 1 to 5 as "c", with the
secondary suppression of ``performance.suppression`` wherever parts add up to a total;
percentages and medians built on a hidden count are hidden too.

Periods (a reporting year April to March, ``2023-24``, or any span of days) are
``scrutiny.core.dates.Period``.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q

from scrutiny.core.dates import Period, PeriodError, current_year, parse_period
from scrutiny.core.models import Council
from scrutiny.performance.suppression import SUPPRESSED, is_small, shown, suppress_breakdown
from scrutiny.reviews import rules
from scrutiny.reviews.models import CaseReview, DecisionKind, ReviewRecommendation

# The register's periods are the core's; named here too for those who read figures.
__all__ = ["Figures", "Period", "PeriodError", "compute", "current_year", "parse_period"]


@dataclass
class Figures:
    period: Period
    referrals: int = 0
    notifications: int = 0
    notifications_in_time: int = 0
    rapid_reviews: int = 0
    rapid_reviews_in_time: int = 0
    decisions: dict[str, int] = field(default_factory=dict)
    lcsprs_started: int = 0
    lcsprs_published: int = 0
    thematic_published: int = 0
    days_to_publication: list[int] = field(default_factory=list)
    open_recommendations: int = 0
    themes: list[tuple[str, int]] = field(default_factory=list)

    @property
    def notifications_late(self) -> int:
        return self.notifications - self.notifications_in_time

    @property
    def rapid_reviews_late(self) -> int:
        return self.rapid_reviews - self.rapid_reviews_in_time

    @property
    def decisions_total(self) -> int:
        return sum(self.decisions.values())

    @property
    def median_days_to_publication(self) -> float | None:
        return statistics.median(self.days_to_publication) if self.days_to_publication else None


def compute(period: Period, region: str | None = None) -> Figures:
    region = region or Council.load().bank_holiday_region
    span = (period.start, period.end)
    dated = (
        Q(aware_date__range=span)
        | Q(notification_date__range=span)
        | Q(rapid_review_date__range=span)
        | Q(decision_date__range=span)
        | Q(commissioned_on__range=span)
        | Q(published_on__range=span)
    )
    cases = list(CaseReview.objects.filter(dated).prefetch_related("themes"))

    def within(day: date | None) -> bool:
        return day is not None and period.start <= day <= period.end

    result = Figures(period=period, decisions={kind: 0 for kind in DecisionKind.values})
    themes: Counter[str] = Counter()
    for case in cases:
        result.referrals += within(case.aware_date)
        if within(case.notification_date):
            result.notifications += 1
            result.notifications_in_time += bool(rules.notified_in_time(case, region))
        if within(case.rapid_review_date):
            result.rapid_reviews += 1
            result.rapid_reviews_in_time += bool(rules.decided_in_time(case, region))
        if within(case.decision_date) and case.decision:
            result.decisions[case.decision] += 1
        lcspr = case.decision == DecisionKind.LCSPR
        result.lcsprs_started += lcspr and within(case.commissioned_on)
        if case.published_on is not None and within(case.published_on):
            if lcspr:
                result.lcsprs_published += 1
                if case.decision_date:
                    result.days_to_publication.append((case.published_on - case.decision_date).days)
            elif case.decision == DecisionKind.THEMATIC:
                result.thematic_published += 1
        if within(case.decision_date) or within(case.published_on):
            themes.update(theme.name for theme in case.themes.all())
    result.open_recommendations = (
        ReviewRecommendation.objects.filter(recorded_on__lte=period.end)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=period.end))
        .count()
    )
    result.themes = sorted(themes.items(), key=lambda pair: (-pair[1], pair[0]))
    return result


@dataclass(frozen=True)
class Row:
    label: str
    value: str
    indent: bool = False
    hint: str = ""


def _percent(part: int, whole: int, hidden: bool) -> str:
    if whole == 0:
        return "z"
    if hidden:
        return SUPPRESSED
    return f"{100 * part / whole:.0f}%"


def _pair(total: int, in_time: int, late: int, in_label: str, late_label: str, suppress: bool):
    if suppress:
        total_hidden, hidden = suppress_breakdown(total, {"in": in_time, "late": late})
    else:
        total_hidden, hidden = False, set()
    return [
        Row(in_label, shown(in_time, "in" in hidden), indent=True),
        Row(late_label, shown(late, "late" in hidden), indent=True),
        Row(
            "Percentage in time",
            _percent(in_time, total, total_hidden or "in" in hidden),
            indent=True,
        ),
    ]


def table_rows(figures: Figures, *, suppress: bool) -> list[tuple[str, list[Row]]]:
    """The figures as printed, in sections; ``suppress`` for anything the public can see."""

    def count(value: int, hidden: bool | None = None) -> str:
        if not suppress:
            return f"{value:,}"
        return shown(value, hidden)

    f = figures
    if suppress:
        total_hidden, kinds_hidden = suppress_breakdown(f.decisions_total, f.decisions)
    else:
        total_hidden, kinds_hidden = False, set()
    decisions = [
        Row(DecisionKind(kind).label, count(n, kind in kinds_hidden), indent=True)
        for kind, n in f.decisions.items()
    ]
    median = f.median_days_to_publication
    median_hidden = suppress and is_small(len(f.days_to_publication))
    return [
        (
            "Referrals and notifications",
            [
                Row("Referrals considered", count(f.referrals)),
                Row("Serious incident notifications", count(f.notifications)),
                *_pair(
                    f.notifications,
                    f.notifications_in_time,
                    f.notifications_late,
                    f"Within {rules.NOTIFICATION_WORKING_DAYS} working days",
                    f"After {rules.NOTIFICATION_WORKING_DAYS} working days",
                    suppress,
                ),
            ],
        ),
        (
            "Rapid reviews",
            [
                Row("Rapid reviews held", count(f.rapid_reviews)),
                *_pair(
                    f.rapid_reviews,
                    f.rapid_reviews_in_time,
                    f.rapid_reviews_late,
                    f"Decided within {rules.DECISION_WORKING_DAYS} working days of notification",
                    f"Decided after {rules.DECISION_WORKING_DAYS} working days",
                    suppress,
                ),
            ],
        ),
        (
            "Decisions",
            [Row("Decisions made", count(f.decisions_total, total_hidden)), *decisions],
        ),
        (
            "Practice reviews",
            [
                Row("Local child safeguarding practice reviews started", count(f.lcsprs_started)),
                Row(
                    "Local child safeguarding practice reviews published", count(f.lcsprs_published)
                ),
                Row("Thematic reviews published", count(f.thematic_published)),
                Row(
                    "Median days from decision to publication",
                    ":" if median is None else (SUPPRESSED if median_hidden else f"{median:g}"),
                    hint="Calendar days, over the practice reviews published in the period.",
                ),
            ],
        ),
        (
            "Recommendations",
            [
                Row(
                    "Recommendations open at the end of the period",
                    count(f.open_recommendations),
                )
            ],
        ),
    ]


def theme_rows(figures: Figures, *, suppress: bool) -> list[Row]:
    return [Row(name, shown(n) if suppress else f"{n:,}") for name, n in figures.themes]
