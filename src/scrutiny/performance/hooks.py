"""What performance plugs into the core registry: the panel page's link to the monthly report,
the demo data, its indicators as evidence (``performance.indicator:<code>``) and the monthly
report as evidence printed as an agenda item's appendix (``performance.report:<YYYY-MM>``)."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.core.evidence import register_evidence_kind
    from scrutiny.performance import demo, evidence, report_evidence, sections

    register_evidence_kind(evidence.EVIDENCE_KIND)
    register_evidence_kind(report_evidence.KIND)

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
