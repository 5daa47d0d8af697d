"""What the register of interests plugs into the core registry: the person page's section and
the officers' navigation."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.interests import navigation, sections

    registry.person_sections.register(sections.person_section, app=__name__)
    registry.officer_links.register(navigation.officer_links, app=__name__)
