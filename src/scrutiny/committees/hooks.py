"""What committees plug into the core registry: the member scope of the access check, search
of panels, people, meetings and items, the officers' navigation and the demo data."""

from __future__ import annotations

from scrutiny.core import registry


def _demo_loaded() -> bool:
    from scrutiny.committees.models import Panel

    return Panel.objects.exists()


def register() -> None:
    from scrutiny.committees import demo, navigation, search
    from scrutiny.committees.access import MEMBERSHIP_SCOPE

    registry.member_scopes.register(MEMBERSHIP_SCOPE, app=__name__)
    registry.search_providers.register(search.search, app=__name__)
    registry.search_index.register(search.AGENDA_ITEMS, app=__name__)
    registry.officer_links.register(navigation.officer_links, app=__name__)
    registry.member_links.register(navigation.member_links, app=__name__)
    registry.demo_loaders.register(registry.DemoLoader(demo.load, _demo_loaded), app=__name__)
