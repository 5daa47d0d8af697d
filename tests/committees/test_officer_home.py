"""The officer's home and the service navigation of each role."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from scrutiny.committees.models import AgendaItemKind
from scrutiny.core.workingdays import add_working_days
from tests.committees.factories import (
    AgendaItemFactory,
    ExemptCategoryFactory,
    HeldMeetingFactory,
    MembershipFactory,
    ScheduledMeetingFactory,
)

pytestmark = pytest.mark.django_db


def test_signing_in_takes_an_officer_to_their_home(client, officer):
    response = client.post(
        "/accounts/login/", {"username": "test-officer", "password": "pw-officer-123"}
    )
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == "/manage/"


def test_the_home_lists_what_is_due_for_each_upcoming_meeting(client, officer):
    today = timezone.localdate()
    meeting = ScheduledMeetingFactory(date=add_working_days(today, 10))
    AgendaItemFactory(meeting=meeting, number=1, kind=AgendaItemKind.APOLOGIES, title="Apologies")
    AgendaItemFactory(meeting=meeting, number=2, title="School places")
    AgendaItemFactory(
        meeting=meeting,
        number=3,
        title="Exploitation cases",
        is_exempt=True,
        exempt_category=ExemptCategoryFactory(),
        exempt_reasons="",
    )
    HeldMeetingFactory(date=today - timedelta(days=30))
    client.force_login(officer)
    page = client.get("/manage/").content.decode()
    assert "Publish by" in page and "working days left" in page
    assert "Item 2: School places" in page and "Apologies</li>" not in page
    assert "Item 3 Exploitation cases: the reasons" in page
    assert "To write" in page and "Latest imports" in page


def test_the_home_uses_a_fixed_number_of_queries(client, officer, django_assert_max_num_queries):
    today = timezone.localdate()
    for days in range(10, 16):
        meeting = ScheduledMeetingFactory(date=today + timedelta(days=days))
        AgendaItemFactory(meeting=meeting, number=1)
    client.force_login(officer)
    with django_assert_max_num_queries(25):
        client.get("/manage/")


def test_the_home_is_for_officers_only(client, outsider):
    assert client.get("/manage/").status_code == 302
    client.force_login(outsider)
    assert client.get("/manage/").status_code == 403


def test_each_role_has_its_service_navigation(client, officer):
    public = client.get("/").content.decode()
    assert 'id="service-navigation"' in public and 'href="/search/"' in public
    assert 'href="/manage/"' not in public
    member = MembershipFactory(start_date=date(2024, 5, 1)).person
    member.user = User.objects.create_user("member-nav", password="x")
    member.save()
    client.force_login(member.user)
    assert "Your papers" in client.get("/").content.decode()
    client.force_login(officer)
    page = client.get("/").content.decode()
    for link in ('href="/manage/"', 'href="/manage/people/"', 'href="/manage/meetings/"'):
        assert link in page
    assert 'href="/imports/"' in page
