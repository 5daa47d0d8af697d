"""Meetings and agendas in the officers' screens: change, postpone, reorder, delete; after
publication every change is a dated change shown on the public meeting page."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from scrutiny.committees import agenda_services, services
from scrutiny.committees.models import AgendaItem, Meeting, MeetingChange, MeetingStatus
from scrutiny.core import signals
from scrutiny.core.models import AuditEvent
from tests.committees.factories import (
    AgendaItemFactory,
    PanelFactory,
    PublishedMeetingFactory,
    ScheduledMeetingFactory,
)

pytestmark = pytest.mark.django_db
FUTURE = date(2099, 3, 5)


@pytest.fixture
def agenda(officer):
    meeting = services.meeting_create(
        actor=officer, panel=PanelFactory(), date=FUTURE, start_time=time(17, 30), venue="Room 1"
    )
    for title in ("Youth justice", "Performance", "Work programme"):
        services.agenda_item_add(actor=officer, meeting=meeting, title=title)
    return meeting


def _titles(meeting: Meeting) -> list[str]:
    return list(meeting.agenda_items.order_by("number").values_list("title", flat=True))


def test_items_move_up_and_down_by_plain_form_posts(client, officer, agenda):
    client.force_login(officer)
    performance = agenda.agenda_items.get(title="Performance")
    page = client.get(f"/manage/meetings/{agenda.pk}/").content.decode()
    assert f'action="/manage/items/{performance.pk}/move/"' in page
    response = client.post(f"/manage/items/{performance.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert _titles(agenda)[6:] == ["Performance", "Youth justice", "Work programme"]
    client.post(f"/manage/items/{performance.pk}/move/", {"direction": "down"})
    client.post(f"/manage/items/{performance.pk}/move/", {"direction": "down"})
    assert _titles(agenda)[6:] == ["Youth justice", "Work programme", "Performance"]
    last = agenda.agenda_items.get(title="Performance")
    assert last.number == 9
    with pytest.raises(ValidationError, match="already the last"):
        agenda_services.agenda_item_move(actor=officer, item=last, direction="down")


def test_an_item_is_changed_and_deleted_and_the_rest_renumbered(client, officer, agenda):
    client.force_login(officer)
    item = agenda.agenda_items.get(title="Youth justice")
    response = client.post(
        f"/manage/items/{item.pk}/edit/",
        {"version": item.version, "title": "Youth Justice Strategy", "kind": "report"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Youth Justice Strategy" and item.version == 2
    assert client.get(f"/manage/items/{item.pk}/delete/").status_code == 200
    client.post(f"/manage/items/{item.pk}/delete/", {"version": item.version})
    assert not AgendaItem.objects.filter(pk=item.pk).exists()
    assert _titles(agenda)[6:] == ["Performance", "Work programme"]
    assert list(agenda.agenda_items.values_list("number", flat=True)) == list(range(1, 9))
    assert AuditEvent.objects.filter(action="committees.agenda_item_delete").exists()


def test_a_published_agenda_keeps_its_numbers_and_records_each_change(officer):
    meeting = PublishedMeetingFactory(date=FUTURE)
    item = AgendaItemFactory(meeting=meeting, number=1, title="Youth justice")
    AgendaItemFactory(meeting=meeting, number=2, title="Performance")
    with pytest.raises(ValidationError, match="can no longer be moved"):
        agenda_services.agenda_item_move(actor=officer, item=item, direction="down")
    with pytest.raises(ValidationError, match="can no longer be deleted"):
        agenda_services.agenda_item_delete(actor=officer, item=item)
    with pytest.raises(ValidationError, match="say why"):
        agenda_services.agenda_item_update(actor=officer, item=item, title="Youth Justice Plan")
    agenda_services.agenda_item_update(
        actor=officer, item=item, title="Youth Justice Plan", reason="The report's new title."
    )
    added = services.agenda_item_add(actor=officer, meeting=meeting, title="Urgent: SEND")
    kinds = list(meeting.changes.values_list("kind", flat=True))
    assert kinds == [MeetingChange.Kind.ITEM_ADDED, MeetingChange.Kind.ITEM_CHANGED]
    assert meeting.changes.get(kind=MeetingChange.Kind.ITEM_ADDED).agenda_item == added


def test_a_venue_change_after_publication_is_a_dated_notice_on_the_public_page(client, officer):
    meeting = PublishedMeetingFactory(date=FUTURE, venue="Conference Room 3")
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    signals.meeting_changed.connect(receiver, dispatch_uid="test-venue")
    try:
        client.force_login(officer)
        response = client.post(
            f"/manage/meetings/{meeting.pk}/edit/",
            {
                "version": meeting.version,
                "date": "05/03/2099",
                "start_time": "17:30",
                "venue": "Council Chamber",
                "is_public": "on",
                "reason": "Room 3 is being refurbished.",
            },
        )
    finally:
        signals.meeting_changed.disconnect(dispatch_uid="test-venue")
    assert response.status_code == 302
    assert sent and sent[0]["changes"]["venue"] == ("Conference Room 3", "Council Chamber")
    client.logout()
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Changes since the agenda was published" in page
    assert "Venue changed from Conference Room 3 to Council Chamber." in page
    assert "Room 3 is being refurbished." in page


def test_before_publication_a_change_is_not_a_public_notice(officer):
    meeting = ScheduledMeetingFactory(date=FUTURE)
    services.meeting_update(actor=officer, meeting=meeting, venue="Council Chamber")
    assert not meeting.changes.exists()
    assert AuditEvent.objects.filter(action="committees.meeting_update").exists()


def test_postponing_needs_a_reason_and_a_new_date(officer):
    meeting = PublishedMeetingFactory(date=FUTURE)
    with pytest.raises(ValidationError, match="reason for postponing"):
        services.meeting_update(
            actor=officer, meeting=meeting, postpone=True, date=date(2099, 3, 12)
        )
    services.meeting_update(
        actor=officer,
        meeting=meeting,
        postpone=True,
        reason="The Director is unavailable.",
        date=date(2099, 3, 12),
    )
    meeting.refresh_from_db()
    assert meeting.date == date(2099, 3, 12)
    change = meeting.changes.get()
    assert change.kind == MeetingChange.Kind.POSTPONED
    assert "Thursday 5 March 2099 to Thursday 12 March 2099" in change.description


def test_cancelling_a_published_meeting_is_recorded_with_its_reason(client, officer):
    meeting = PublishedMeetingFactory(date=FUTURE)
    client.force_login(officer)
    client.post(
        f"/manage/meetings/{meeting.pk}/status/", {"to": "cancelled", "reason": "No quorum."}
    )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert meeting.changes.get().reason == "No quorum."


def test_a_held_meeting_cannot_be_changed(officer):
    meeting = ScheduledMeetingFactory(status=MeetingStatus.HELD, date=date(2024, 11, 28))
    with pytest.raises(ValidationError, match="cannot be changed"):
        services.meeting_update(actor=officer, meeting=meeting, venue="Elsewhere")


def test_an_item_with_papers_cannot_be_deleted(officer, agenda):
    from scrutiny.documents.models import Document

    item = agenda.agenda_items.get(title="Performance")
    Document.objects.create(meeting=agenda, agenda_item=item, title="Appendix 1")
    with pytest.raises(ValidationError, match="remove them first"):
        agenda_services.agenda_item_delete(actor=officer, item=item)
    assert AgendaItem.objects.filter(pk=item.pk).exists()


def test_the_change_form_opens_with_the_meeting_as_typed_and_saves_unchanged_fields(
    client, officer
):
    meeting = PublishedMeetingFactory(date=FUTURE, venue="Conference Room 3")
    client.force_login(officer)
    page = client.get(f"/manage/meetings/{meeting.pk}/edit/").content.decode()
    assert 'value="05/03/2099"' in page and 'value="17:30"' in page
    response = client.post(
        f"/manage/meetings/{meeting.pk}/edit/",
        {
            "version": "1",
            "date": "05/03/2099",
            "start_time": "17:30:00",
            "venue": "Council Chamber",
            "is_public": "on",
            "reason": "Refurbishment.",
        },
    )
    assert response.status_code == 302
