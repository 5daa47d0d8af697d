"""What the paper import plugs into the core registry: its officers' screen."""

from __future__ import annotations

from scrutiny.core import registry


def register() -> None:
    from scrutiny.paperimport import navigation

    registry.officer_links.register(navigation.officer_links, app=__name__)
