"""Who may see exact small numbers and who may change the report (via scrutiny.core.access)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from scrutiny.core.access import can_edit, sees_small_numbers


def report_panel_ids() -> list[int] | None:
    """The panels whose report the monthly performance report is (SCRUTINY_PERFORMANCE_PANELS,
    panel slugs); None when unset: every panel receives it."""
    slugs = getattr(settings, "SCRUTINY_PERFORMANCE_PANELS", [])
    if not slugs:
        return None
    from scrutiny.committees.models import Panel

    return list(Panel.objects.filter(slug__in=slugs).values_list("pk", flat=True))


def sees_exact_values(user: Any, panel: Any = None) -> bool:
    """Officers, admins and current members of the panel whose report (or page) it is see
    exact values; everyone else sees small numbers suppressed, in pages, CSV and PDF alike."""
    panel_ids = [panel.pk] if panel is not None else report_panel_ids()
    return sees_small_numbers(user, panel_ids)


def may_edit(user: Any) -> bool:
    """Officers and admins enter values, import files and write commentary."""
    return can_edit(user)
