"""Page sections (see scrutiny.core.registry): the panel page links to the evidence, and
an officer's meeting page offers to attach a generated paper."""

from __future__ import annotations

from scrutiny.core.access import can_edit

from .queries import has_evidence


def panel_section(request, panel):
    if not has_evidence():
        return None
    return "education/_panel_section.html", {"panel": panel}


def meeting_section(request, meeting):
    if not can_edit(request.user):
        return None
    return "education/_meeting_section.html", {"meeting": meeting}
