"""What youth justice plugs into elsewhere: evidence ``youthjustice.figures:<date>``, the
panel page's link to the figures, the officers' navigation and the demo figures.

The key is a date: the latest published figures for periods ending on or before it (so a
reference made for a meeting keeps meaning the figures the meeting saw, even after later
releases are imported). Aggregates only, so the appendix prints in both packs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from scrutiny.core import registry
from scrutiny.core.evidence import EvidenceItem, EvidenceKind, reference_for, register_evidence_kind

FIGURES = "youthjustice.figures"


def _day(key: str) -> date | None:
    try:
        return date.fromisoformat(key)
    except ValueError:
        return None


def title_for(as_at: date) -> str:
    return f"Youth justice figures published to {as_at:%-d %B %Y}"


def appendix_html(as_at: date) -> str:
    from scrutiny.youthjustice.figures import tables_as_at

    return render_to_string(
        "youthjustice/_appendix.html",
        {"tables": tables_as_at(as_at), "as_at": as_at, "title": title_for(as_at)},
    )


def _resolve(key: str, user: Any) -> EvidenceItem | None:
    as_at = _day(key)
    if as_at is None:
        return None
    return EvidenceItem(
        reference=reference_for(FIGURES, key),
        title=title_for(as_at),
        url=reverse("youthjustice:as_at", args=[key]),
        summary="First-time entrants, custody and reoffending against the YJS family and nationally.",
    )


def _choices() -> list[tuple[str, str]]:
    from scrutiny.youthjustice.models import Value

    ends = Value.objects.order_by("-period_end").values_list("period_end", flat=True).distinct()
    return [(d.isoformat(), f"Figures for periods to {d:%-d %B %Y}") for d in list(ends)[:8]]


def register() -> None:
    from scrutiny.youthjustice import demo, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.officer_links.register(officer_links, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
    register_evidence_kind(
        EvidenceKind(
            name=FIGURES,
            label="Youth justice",
            resolve=_resolve,
            appendix_html=lambda key: appendix_html(date.fromisoformat(key)),
            choices=_choices,
            check=lambda key: (
                None
                if _day(key)
                else "Youth justice figures are referred to by a date (YYYY-MM-DD)."
            ),
        )
    )


def officer_links() -> list[tuple[str, str]]:
    return [("Youth justice", reverse("youthjustice:current"))]
