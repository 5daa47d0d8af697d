"""The service navigation of every page, by role.

Everyone: panels, meetings, search and performance. Panel members: also their panel's papers.
Officers: first their home, then the officer screens apps register in
``scrutiny.core.registry.officer_links`` (each function returns ``[(label, url), ...]``; the
links appear in the apps' dependency order).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from scrutiny.core import registry
from scrutiny.core.access import Role, role_for


def officer_links() -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for function in registry.officer_links.entries():
        links += function()
    return links


def _public_links() -> list[tuple[str, str]]:
    links = [("Panels", "/"), ("Meetings", "/#upcoming-meetings"), ("Search", "/search/")]
    return [*links, ("Performance", reverse("performance:dashboard"))]


def _member_links(user: Any) -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for function in registry.member_links.entries():
        links += function(user)
    return links


def service_links(user: Any) -> list[tuple[str, str]]:
    role = role_for(user)
    if role.sees_everything:
        return [("Home", reverse("workspace:home")), *officer_links(), *_public_links()]
    if role is Role.MEMBER:
        return _member_links(user) + _public_links()
    return _public_links()
