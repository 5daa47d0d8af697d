"""The panel page links to the youth justice figures once any are imported."""

from __future__ import annotations


def panel_section(request, panel):
    from scrutiny.youthjustice.models import Value

    if not Value.objects.exists():
        return None
    return "youthjustice/section_panel.html", {"panel": panel}
