"""What core registers into its own registry: its demo data (the council's settings) and the
officers' sign-in screens."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.core import demo

    registry.demo_loaders.register(registry.DemoLoader(demo.load), app=__name__)
    registry.officer_links.register(officer_links, app=__name__)


def officer_links() -> list[tuple[str, str]]:
    from django.urls import reverse

    return [
        ("Sign-in locks", reverse("signin_lockouts")),
        ("Second factor", reverse("second_factor_setup")),
    ]
