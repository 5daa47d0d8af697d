"""One authorisation point for writes: typed actors, checks in the services, one answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from scrutiny.committees import services as committees
from scrutiny.committees.models import Panel
from scrutiny.core.actors import (
    Refused,
    SystemActor,
    actor_label,
    require_editor,
    require_officer,
    require_signed_in,
)
from scrutiny.core.models import AuditEvent
from tests.committees.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_system_and_officers_pass_and_everyone_else_is_refused(officer, outsider):
    from django.contrib.auth.models import AnonymousUser, Group

    member = PersonFactory(user=outsider.__class__.objects.create_user("a-member")).user
    for actor in (SystemActor("demo loader"), "demo loader", officer):
        require_officer(actor)
    for actor in (AnonymousUser(), outsider, member):
        with pytest.raises(Refused, match="Only democratic services officers"):
            require_officer(actor)
    assert issubclass(Refused, PermissionDenied)
    staff = outsider.__class__.objects.create_user("partnership-staff")
    staff.groups.add(Group.objects.get_or_create(name="Partnership staff")[0])
    require_editor(staff, "Partnership staff")
    with pytest.raises(Refused, match="not yours"):
        require_editor(outsider, "Partnership staff", "not yours")
    require_signed_in(outsider)
    with pytest.raises(Refused):
        require_signed_in(AnonymousUser())


def test_a_service_refuses_a_user_who_is_not_an_officer_and_writes_nothing(officer, outsider):
    with pytest.raises(Refused):
        committees.panel_create(actor=outsider, name="Refused Panel", remit="r")
    assert not Panel.objects.filter(name="Refused Panel", remit="r").exists()
    assert not AuditEvent.objects.exists()
    panel = committees.panel_create(actor=officer, name="Officers' Panel", remit="r")
    committees.panel_create(actor=SystemActor("demo loader"), name="Loaded Panel", remit="r")
    labels = list(AuditEvent.objects.order_by("pk").values_list("actor_label", flat=True))
    assert labels == [officer.get_username(), "demo loader"]
    assert panel.pk


def test_the_audit_log_names_each_kind_of_actor(officer):
    from django.contrib.auth.models import AnonymousUser

    assert actor_label(officer) == officer.get_username()
    assert actor_label(SystemActor("nightly refresh")) == "nightly refresh"
    assert actor_label("command line") == "command line"
    assert actor_label(None) == "system"
    assert actor_label(AnonymousUser()) == "AnonymousUser"


OFFICER_SCREENS = [
    "/manage/meetings/new/",  # a decorated view
    "/education/figures/import/",  # a view that checks for itself
    "/performance/import/",
]


@pytest.mark.parametrize("url", OFFICER_SCREENS)
def test_every_refusal_is_answered_the_same_way(url, outsider):
    anonymous = Client().get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/accounts/login/?next={url}"
    signed_in = Client()
    signed_in.force_login(outsider)
    assert signed_in.get(url).status_code == 403


def test_the_middleware_answers_refused_changes_only(outsider):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from scrutiny.core.actors import RefusalMiddleware

    middleware = RefusalMiddleware(lambda request: None)
    request = RequestFactory().post("/somewhere/")
    request.user = outsider
    assert middleware.process_exception(request, Refused("no")) is None  # Django's 403
    request.user = AnonymousUser()
    response = middleware.process_exception(request, Refused("no"))
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/somewhere/"
    # A plain PermissionDenied (withheld content: signing in would not help) is left alone.
    assert middleware.process_exception(request, PermissionDenied("withheld")) is None
