"""Officers' navigation: the links apps register in ``scrutiny.core.registry.officer_links``.

Each registered function returns ``[(label, url), ...]``; the links appear, in the apps'
dependency order, in the officers' navigation bar of every page.
"""

from __future__ import annotations

from scrutiny.core import registry


def officer_links() -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for function in registry.officer_links.entries():
        links += function()
    return links
