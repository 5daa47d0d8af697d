"""What documents plug into the core registry: the meeting page's pack links, search of
published documents and the demo data. (The pack itself asks ``registry.pack_parts``.)"""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.documents import demo, search, sections

    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.search_index.register(search.DOCUMENTS, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
