"""What the work programme plugs into the core registry: sections of the panel and meeting
pages, search of its topics, and the demo data."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.workprogramme import demo, search, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.search_index.register(search.WORK_ITEMS, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
