"""What minutes plug into the core registry: sections of the panel, meeting and person pages,
search of published minutes, the previous meeting's minutes in the agenda pack, demo data."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.minutes import demo, pack, search, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.person_sections.register(sections.person_section, app=__name__)
    registry.search_index.register(search.MINUTE_ITEMS, app=__name__)
    registry.search_index.register(search.RESOLUTIONS, app=__name__)
    registry.pack_parts.register(pack.pack_parts, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
