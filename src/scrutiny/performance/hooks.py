"""What performance plugs into the core registry: the panel page's link to the monthly report
and the demo data."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.performance import demo, sections

    registry.panel_sections.register(sections.panel_section, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
