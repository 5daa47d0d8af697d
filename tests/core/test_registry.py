"""The registry: hooks read in the apps' dependency order, and what the apps register."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from scrutiny.core import registry
from scrutiny.core.access import (
    Audience,
    Level,
    Role,
    access_level,
    exempt_scope,
    role_for,
    sees_everything,
    visible,
)
from scrutiny.documents.models import Document
from tests.core.test_access import world  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_entries_come_in_dependency_order_whatever_order_they_were_registered_in():
    hook: registry.Hook = registry.Hook("example")
    hook.register("public", app="scrutiny.public.hooks")
    hook.register("minutes", app="scrutiny.minutes")
    hook.register("committees", app="scrutiny.committees.hooks")
    hook.register("minutes", app="scrutiny.minutes.hooks")  # twice: kept once
    assert hook.entries() == ["committees", "minutes", "public"]
    assert [app for app, _ in hook.items()] == [
        "scrutiny.committees",
        "scrutiny.minutes",
        "scrutiny.public",
    ]


def test_a_single_entry_hook_refuses_a_second_entry():
    hook: registry.Hook = registry.Hook("one", single=True)
    hook.register("first", app="scrutiny.committees")
    with pytest.raises(ValueError, match="takes one entry"):
        hook.register("second", app="scrutiny.minutes")


def test_each_app_registers_its_own_parts():
    def apps(hook):
        return {app.rsplit(".", 1)[-1] for app, _ in hook.items()}

    assert apps(registry.member_scopes) == {"committees"}
    assert {"minutes", "recommendations", "education"} <= apps(registry.pack_parts)
    assert apps(registry.minutes_sections) == {"recommendations"}
    assert apps(registry.resolution_links) == {"recommendations"}
    assert apps(registry.search_providers) == {"committees"}
    assert {"committees", "documents", "minutes", "recommendations", "workprogramme"} <= apps(
        registry.search_index
    )
    assert "public" not in apps(registry.search_index)
    assert apps(registry.health_checks) == {"casedata"}
    loaders = [app for app, _ in registry.demo_loaders.items()]
    assert loaders == [app for app in settings.DOMAIN_APPS if app in loaders]
    assert loaders[:2] == ["scrutiny.core", "scrutiny.committees"]


def test_the_pack_audiences_are_access_levels_not_users(world):  # noqa: F811
    users, docs = world
    exempt, unpublished = docs["exempt"], docs["unpublished"]
    # The public pack reads as the public does: withheld papers by title only.
    assert role_for(Audience.PUBLIC) is Role.PUBLIC
    assert access_level(Audience.PUBLIC, exempt) is Level.LISTING
    assert access_level(Audience.PUBLIC, exempt) == access_level(AnonymousUser(), exempt)
    assert not visible(Audience.PUBLIC, Document.objects.filter(pk=exempt.pk)).exists()
    # The members' pack reads every paper in full; it is nobody, and edits nothing.
    assert Audience.MEMBERS.level is Level.CONTENT
    assert sees_everything(Audience.MEMBERS) and not sees_everything(Audience.PUBLIC)
    assert access_level(Audience.MEMBERS, exempt) is Level.CONTENT
    assert visible(Audience.MEMBERS, Document.objects.filter(pk=unpublished.pk)).exists()
    assert role_for(Audience.MEMBERS) is Role.PUBLIC
    assert exempt_scope(Audience.MEMBERS).panel_ids == frozenset()


def test_without_a_member_scope_nobody_is_a_member(world, monkeypatch):  # noqa: F811
    users, docs = world
    monkeypatch.setattr(registry.member_scopes, "_entries", [])
    from django.contrib.auth.models import User

    member = User.objects.get(pk=users["member"].pk)
    assert role_for(member) is Role.PUBLIC
    assert access_level(member, docs["exempt"]) is Level.LISTING
