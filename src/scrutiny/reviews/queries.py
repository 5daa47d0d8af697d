"""Reads of the register, narrowed by the one access rule (``core.access``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from scrutiny.core.access import Level, access_level, can_edit, visible
from scrutiny.reviews.models import PARTNERSHIP_GROUP, ActionStatus, CaseReview


def can_keep_register(user: Any) -> bool:
    """Partnership staff and officers: they see every case and change the register."""
    return can_edit(user, PARTNERSHIP_GROUP)


def register(user: Any) -> QuerySet[CaseReview]:
    """The cases this user may read, with what the list shows, in one query."""
    cases = (
        CaseReview.objects.select_related("partnership")
        .annotate(
            open_recommendations=Count(
                "recommendations", filter=~Q(recommendations__status=ActionStatus.COMPLETE)
            )
        )
        .order_by("-aware_date", "reference")
    )
    return visible(user, cases, Level.CONTENT)


def neighbouring_years(period, today) -> list:
    """The reporting years either side of a period, where the register can have figures:
    from the year of its first case to the current year (so the links end somewhere)."""
    from scrutiny.core.dates import Period, current_year

    first = CaseReview.objects.order_by("aware_date").values_list("aware_date", flat=True).first()
    latest = current_year(today)
    years = []
    before = Period.year(period.start.year - 1)
    if first is not None and first <= before.end:
        years.append(before)
    after = Period.year(period.start.year + 1)
    if after.start <= latest.start:
        years.append(after)
    return years


def case_for(user: Any, pk: int) -> tuple[CaseReview | None, Level]:
    """The case and how much of it this user may see (``Level.NONE``: not even that it exists)."""
    case = (
        CaseReview.objects.select_related("partnership", "exempt_category")
        .prefetch_related("themes", "recommendations")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        return None, Level.NONE
    return case, access_level(user, case)
