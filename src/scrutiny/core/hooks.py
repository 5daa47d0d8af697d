"""What core registers into its own registry: its demo data (the council's settings)."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.core import demo

    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
