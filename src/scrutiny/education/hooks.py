"""What education plugs into the core registry: sections of the panel and meeting pages,
search of its releases, its generated papers in the agenda pack and the demo data."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.core.evidence import register_evidence_kind
    from scrutiny.education import demo, evidence_kind, pack, search, sections

    register_evidence_kind(evidence_kind.EVIDENCE_KIND)

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.meeting_sections.register(sections.meeting_section, app=__name__)
    registry.search_index.register(search.RELEASES, app=__name__)
    registry.pack_parts.register(pack.pack_parts, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
