"""Publishing an agenda whose items lack papers asks for confirmation and lists them."""

from __future__ import annotations

from datetime import date, time

import pytest

from scrutiny.committees import services
from scrutiny.committees.models import MeetingStatus
from scrutiny.documents.models import Document
from tests.committees.factories import PanelFactory

pytestmark = pytest.mark.django_db


def test_items_without_papers_are_listed_before_publishing(client, officer):
    meeting = services.meeting_create(
        actor=officer, panel=PanelFactory(), date=date(2099, 3, 5), start_time=time(17, 30),
        venue="Room 1",
    )  # fmt: skip
    written = services.agenda_item_add(actor=officer, meeting=meeting, title="Early help review")
    Document.objects.create(meeting=meeting, agenda_item=written, title="Report", kind="report")
    services.agenda_item_add(actor=officer, meeting=meeting, title="School places")
    client.force_login(officer)
    response = client.post(f"/documents/meetings/{meeting.pk}/publish/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Item 8: School places" in page and "Early help review" not in page
    assert "Minutes of the previous meeting" not in page  # procedural items need no paper
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    response = client.post(
        f"/documents/meetings/{meeting.pk}/publish/", {"confirm_missing_papers": "yes"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
