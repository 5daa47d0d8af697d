"""Everything the register plugs into elsewhere, in one place.

* Evidence (``core.evidence``): ``reviews.figures:<period>`` is the figures for a period
  (``2023-24`` for April 2023 to March 2024, or ``2023-04-01..2024-03-31``), printable as
  an agenda item's appendix; ``reviews.case:<id>`` is one case review, resolved only for
  those who may read it (published reviews for the panel's members).
* Page sections: the panel page links to the figures for the panel that scrutinises the
  partnership.
* The officers' navigation links to the register; ``scrutiny load_demo`` loads its demo cases.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from scrutiny.core import registry
from scrutiny.core.access import can_edit, can_view
from scrutiny.core.evidence import EvidenceItem, EvidenceKind, reference_for, register_evidence_kind

FIGURES = "reviews.figures"
CASE = "reviews.case"


def _check_period(key: str) -> str | None:
    from scrutiny.core.dates import PeriodError, parse_period

    try:
        parse_period(key)
    except PeriodError as error:
        return str(error)
    return None


def _resolve_figures(key: str, user: Any) -> EvidenceItem | None:
    from scrutiny.core.dates import PeriodError, parse_period
    from scrutiny.reviews.printing import title_for

    try:
        period = parse_period(key)
    except PeriodError:
        return None
    return EvidenceItem(
        reference=reference_for(FIGURES, period.key),
        title=title_for(period),
        url=reverse("reviews:figures", args=[period.key]),
        summary="Notifications, rapid reviews, decisions, practice reviews and their learning.",
    )


def _figures_appendix(key: str) -> str | None:
    from scrutiny.core.dates import parse_period
    from scrutiny.reviews.printing import appendix_html

    return appendix_html(parse_period(key))


def _figures_choices() -> list[tuple[str, str]]:
    from scrutiny.core.dates import Period, current_year
    from scrutiny.reviews.models import CaseReview

    first = CaseReview.objects.order_by("aware_date").values_list("aware_date", flat=True).first()
    latest = current_year(timezone.localdate())
    # The last six reporting years, and any earlier year the register holds cases for.
    start = latest.start.year - 6
    if first is not None:
        start = min(start, first.year if first.month >= 4 else first.year - 1)
    years = [Period.year(y) for y in range(latest.start.year, start - 1, -1)]
    return [(p.key, f"Figures for {p.label}") for p in years]


def _check_case(key: str) -> str | None:
    return None if key.isdigit() else "A case review is referred to by its number."


def _resolve_case(key: str, user: Any) -> EvidenceItem | None:
    from scrutiny.reviews.models import CaseReview

    case = CaseReview.objects.select_related("partnership").filter(pk=int(key)).first()
    if case is None or not can_view(user, case):
        return None
    return EvidenceItem(
        reference=reference_for(CASE, key),
        title=f"Case review {case.reference}",
        url=case.get_absolute_url(),
        summary=case.get_status_display(),
    )


def register() -> None:
    from scrutiny.reviews import demo

    registry.panel_sections.register(panel_section, app=__name__)
    registry.officer_links.register(officer_links, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
    register_evidence_kind(
        EvidenceKind(
            name=FIGURES,
            label="Safeguarding case reviews",
            resolve=_resolve_figures,
            appendix_html=_figures_appendix,
            choices=_figures_choices,
            check=_check_period,
        )
    )
    register_evidence_kind(
        EvidenceKind(
            name=CASE,
            label="Safeguarding case review",
            resolve=_resolve_case,
            appendix_html=lambda key: None,
            check=_check_case,
        )
    )


def panel_section(request, panel):
    from scrutiny.core.dates import Period, current_year
    from scrutiny.reviews.models import PARTNERSHIP_GROUP

    partnerships = list(panel.partnerships.all())
    if not partnerships:
        return None
    year = current_year(timezone.localdate())
    return "reviews/sections/panel.html", {
        "panel": panel,
        "partnerships": partnerships,
        "years": [Period.year(year.start.year - n) for n in range(0, 3)],
        "can_keep": can_edit(request.user, PARTNERSHIP_GROUP),
    }


def officer_links() -> list[tuple[str, str]]:
    return [("Case reviews", reverse("reviews:register"))]
