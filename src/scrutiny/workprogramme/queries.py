"""Reads for the work programme."""

from __future__ import annotations

from django.db.models import QuerySet

from scrutiny.committees.models import MunicipalYear, Panel
from scrutiny.workprogramme.models import WorkItem


def work_programme(panel: Panel, year: MunicipalYear) -> QuerySet[WorkItem]:
    return (
        WorkItem.objects.filter(panel=panel, municipal_year=year)
        .select_related("lead_officer", "target_meeting", "municipal_year")
        .prefetch_related("recommendations__meeting")
        .order_by("target_meeting__date", "target_period", "pk")
    )


def year_slug(year: MunicipalYear) -> str:
    """The municipal year in a URL: "2024/25" -> "2024-25"."""
    return year.label.replace("/", "-")


def years_with_items(panel: Panel) -> list[tuple[MunicipalYear, str]]:
    years = MunicipalYear.objects.filter(work_items__panel=panel).distinct().order_by("start_date")
    return [(year, year_slug(year)) for year in years]
