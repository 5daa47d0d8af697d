"""Sections the tracker adds to panel, meeting and person pages, and to the minutes screen."""

from __future__ import annotations

from scrutiny.core.access import Level, visible
from scrutiny.recommendations import queries


def panel_section(request, panel):
    current = list(queries.tracker(panel, request.user))
    return "recommendations/sections/panel.html", {"panel": panel, "count": len(current)}


def meeting_section(request, meeting):
    made = list(queries.recommendations_made_at(meeting, request.user))
    has_report = meeting.agenda_items.filter(kind="monitoring").exists()
    if not made and not has_report:
        return None
    return "recommendations/sections/meeting.html", {
        "meeting": meeting,
        "made": made,
        "has_report": has_report,
    }


def person_section(request, person):
    led = person.led_recommendations.exclude(status__in=queries.OFF_THE_LIST)
    led = list(visible(request.user, led, Level.CONTENT).select_related("meeting"))
    if not led:
        return None
    return "recommendations/sections/person.html", {"person": person, "led": led}


def minutes_decisions_section(request, meeting):
    """Complete (and rejected) items on this meeting's report, with the panel's decision."""
    rows = queries.decisions_due(meeting, request.user)
    entries = [{"row": row, "decision": queries.decision_taken(row, meeting)} for row in rows]
    return "recommendations/sections/decisions.html", {"meeting": meeting, "entries": entries}
