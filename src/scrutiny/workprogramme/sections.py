"""Work programme links on the panel and meeting pages."""

from __future__ import annotations

from scrutiny.workprogramme import queries


def panel_section(request, panel):
    years = queries.years_with_items(panel)
    if not years:
        return None
    return "workprogramme/sections/panel.html", {"panel": panel, "years": years}


def meeting_section(request, meeting):
    items = list(meeting.work_items.exclude(status="withdrawn").select_related("lead_officer"))
    if not items:
        return None
    return "workprogramme/sections/meeting.html", {"meeting": meeting, "items": items}
