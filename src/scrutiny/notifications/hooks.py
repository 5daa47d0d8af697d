"""What notifications plug into the core registry: the panel page's link to email alerts.
(Events reach this app as signals: ``receivers.connect()``.)"""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.notifications import receivers, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    receivers.connect()
