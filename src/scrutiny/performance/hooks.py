"""What performance plugs into the core registry: the panel page's link to the monthly report,
the report as evidence for an agenda item's appendix, and the demo data."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.core.evidence import register_evidence_kind
    from scrutiny.performance import demo, evidence, sections

    register_evidence_kind(evidence.KIND)

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
