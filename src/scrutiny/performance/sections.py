"""Links to the monthly performance report from the public panel page."""

from __future__ import annotations

from scrutiny.performance.models import MonthlyValue


def panel_section(request, panel):
    latest = MonthlyValue.objects.order_by("-month").values_list("month", flat=True).first()
    if latest is None:
        return None
    return "performance/_panel_section.html", {"latest_month": latest}
