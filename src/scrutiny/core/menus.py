"""The service navigation of every page, by role.

Everyone: panels, meetings, search and performance. Panel members: also their panel's papers.
Officers: first their home, then each app's officer screens: an app defines
``officer_links()`` returning ``[(label, url), ...]`` in ``<app>/navigation.py``; the links
appear in INSTALLED_APPS order.
"""

from __future__ import annotations

from contextlib import suppress
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from scrutiny.core.access import Role, role_for


def officer_links() -> list[tuple[str, str]]:
    links: list[tuple[str, str]] = []
    for app in settings.DOMAIN_APPS:
        if find_spec(app) is None or find_spec(f"{app}.navigation") is None:
            continue
        links += import_module(f"{app}.navigation").officer_links()
    return links


def _public_links() -> list[tuple[str, str]]:
    links = [("Panels", "/"), ("Meetings", "/#upcoming-meetings"), ("Search", "/search/")]
    with suppress(NoReverseMatch):  # an installation without the performance app
        links.append(("Performance", reverse("performance:dashboard")))
    return links


def _member_links(user: Any) -> list[tuple[str, str]]:
    from scrutiny.committees.models import Membership

    person = getattr(user, "person", None)
    if person is None:
        return []
    membership = (
        Membership.objects.filter(person=person, end_date__isnull=True)
        .select_related("seat__panel")
        .first()
    )
    if membership is None:
        return []
    return [("Your papers", membership.seat.panel.get_absolute_url() + "#meetings")]


def service_links(user: Any) -> list[tuple[str, str]]:
    role = role_for(user)
    if role.sees_everything:
        home = [("Home", reverse("workspace:home"))] if find_spec("scrutiny.workspace") else []
        return home + officer_links() + _public_links()
    if role is Role.MEMBER:
        return _member_links(user) + _public_links()
    return _public_links()
