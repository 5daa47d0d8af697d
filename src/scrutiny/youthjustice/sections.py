"""The panel page links to the youth justice figures (youth justice is in every children's
panel's remit; the page says so when nothing has been imported yet)."""

from __future__ import annotations


def panel_section(request, panel):
    return "youthjustice/section_panel.html", {"panel": panel}
