"""Sections the minutes add to the public panel, meeting and person pages."""

from __future__ import annotations

from scrutiny.core.access import can_edit
from scrutiny.minutes import queries


def panel_section(request, panel):
    minutes_list = queries.minutes_list(request.user, panel=panel)
    if not minutes_list:
        return None
    return "minutes/sections/panel.html", {"minutes_list": minutes_list[:10], "panel": panel}


def meeting_section(request, meeting):
    minutes = queries.minutes_for(meeting)
    officer = can_edit(request.user)
    if not officer and (minutes is None or not minutes.is_published):
        return None
    if minutes is None and not meeting.has_been_held:
        return None
    return "minutes/sections/meeting.html", {
        "meeting": meeting,
        "minutes": minutes,
        "can_edit": officer,
    }


def person_section(request, person):
    declarations = queries.declaration_register(person, request.user)
    if not declarations:
        return None
    return "minutes/sections/person.html", {"person": person, "declarations": declarations}
