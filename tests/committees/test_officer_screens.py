from datetime import date

import pytest

from scrutiny.committees.models import Meeting, MeetingStatus
from tests.committees.factories import PanelFactory, ScheduledMeetingFactory

pytestmark = pytest.mark.django_db


def test_the_public_is_sent_to_sign_in_and_members_are_refused(client, foundation_demo):
    response = client.get("/manage/meetings/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    from django.contrib.auth.models import User

    client.force_login(User.objects.get(username="barnes-andrews"))
    assert client.get("/manage/meetings/new/").status_code == 403
    meeting = Meeting.objects.get(date=date(2025, 1, 30))
    response = client.post(
        f"/manage/meetings/{meeting.pk}/status/", {"to": "cancelled", "reason": "x"}
    )
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_an_officer_schedules_a_meeting_and_adds_an_item(client, officer):
    panel = PanelFactory()
    client.force_login(officer)
    response = client.post(
        "/manage/meetings/new/",
        {
            "panel": panel.pk,
            "date": "30/01/2025",
            "start_time": "17:30",
            "venue": "Civic Centre",
            "is_public": "on",
        },
    )
    meeting = Meeting.objects.get(panel=panel)
    assert response.status_code == 302
    client.post(
        f"/manage/meetings/{meeting.pk}/", {"item-title": "Youth Justice", "item-kind": "report"}
    )
    assert meeting.agenda_items.filter(number=7, title="Youth Justice").exists()


def test_a_bad_date_is_reported_on_the_field(client, officer):
    client.force_login(officer)
    response = client.post(
        "/manage/meetings/new/",
        {"panel": PanelFactory().pk, "date": "31/02/2025", "start_time": "17:30", "venue": "x"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_refused_transition_is_explained_and_changes_nothing(client, officer):
    meeting = ScheduledMeetingFactory()
    client.force_login(officer)
    response = client.post(f"/manage/meetings/{meeting.pk}/status/", {"to": "held"}, follow=True)
    assert "cannot go from Scheduled to Held" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED


def test_the_agenda_cannot_be_published_around_the_clear_days_rule(client, officer):
    meeting = ScheduledMeetingFactory(date=date(2099, 1, 8))
    client.force_login(officer)
    page = client.get(f"/manage/meetings/{meeting.pk}/").content.decode()
    assert "Publish the agenda" not in page and f"/documents/meetings/{meeting.pk}/papers/" in page
    response = client.post(
        f"/manage/meetings/{meeting.pk}/status/", {"to": "agenda_published"}, follow=True
    )
    assert "papers screen" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.agenda_published_at is None
