"""Publishing agendas: the five clear working days rule, urgency and supplementary agendas."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from scrutiny.committees import services as committees
from scrutiny.committees.models import MeetingStatus
from scrutiny.core.audit import audit_trail
from scrutiny.documents import services
from scrutiny.documents.models import AgendaPublication, Document
from tests.committees.factories import PanelFactory

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


@pytest.fixture
def meeting_on():
    panel = PanelFactory()

    def make(day: date):
        meeting = committees.meeting_create(
            actor="test", panel=panel, date=day, start_time=time(17, 30), venue="Civic Centre"
        )
        committees.agenda_item_add(actor="test", meeting=meeting, title="Education outcomes")
        return meeting

    return make


@pytest.mark.parametrize(
    ("meeting_day", "deadline"),
    [
        (date(2024, 11, 28), date(2024, 11, 20)),  # Thursday -> the Wednesday of the week before
        (date(2025, 1, 2), date(2024, 12, 20)),  # over Christmas, Boxing Day and New Year's Day
    ],
)
def test_publication_deadline_leaves_five_clear_working_days(meeting_on, meeting_day, deadline):
    meeting = meeting_on(meeting_day)
    assert services.publication_deadline(meeting) == deadline


def test_publishing_on_the_deadline_is_the_agenda(meeting_on):
    meeting = meeting_on(date(2024, 11, 28))
    publication = services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 20)))
    meeting.refresh_from_db()
    assert publication.kind == AgendaPublication.Kind.AGENDA
    assert publication.clear_days == 5
    assert meeting.status == MeetingStatus.AGENDA_PUBLISHED
    assert meeting.agenda_published_at == at(date(2024, 11, 20))
    assert publication.items.count() == 7
    assert [e.action for e in audit_trail(meeting)][:1] == ["documents.agenda_publish"]


@pytest.mark.parametrize(
    ("meeting_day", "too_late"),
    [(date(2024, 11, 28), date(2024, 11, 21)), (date(2025, 1, 2), date(2024, 12, 23))],
)
def test_a_day_after_the_deadline_is_refused_naming_the_deadline_and_the_items(
    meeting_on, meeting_day, too_late
):
    meeting = meeting_on(meeting_day)
    with pytest.raises(ValidationError) as error:
        services.agenda_publish(actor="dso", meeting=meeting, when=at(too_late))
    message = error.value.messages[0]
    deadline = services.publication_deadline(meeting)
    assert f"{deadline:%A %-d %B %Y}" in message
    assert "item 7 Education outcomes" in message
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and not meeting.publications.exists()


def test_late_urgent_items_go_out_as_a_supplementary_agenda(meeting_on):
    meeting = meeting_on(date(2024, 11, 28))
    services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 19)))
    late = committees.agenda_item_add(actor="dso", meeting=meeting, title="School place planning")
    with pytest.raises(ValidationError):
        services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 25)))
    with pytest.raises(ValidationError):
        services.agenda_item_mark_urgent(actor="dso", item=late, reasons="   ")
    services.agenda_item_mark_urgent(
        actor="dso", item=late, reasons="The consultation closes before the next meeting."
    )
    supplementary = services.agenda_publish(
        actor="dso", meeting=meeting, when=at(date(2024, 11, 25))
    )
    assert supplementary.kind == AgendaPublication.Kind.SUPPLEMENTARY
    assert list(supplementary.items.all()) == [late]
    assert supplementary.clear_days == 2


def test_publishing_publishes_the_items_papers(meeting_on):
    meeting = meeting_on(date(2024, 11, 28))
    item = meeting.agenda_items.get(number=7)
    draft = services.document_add(
        actor="dso", meeting=meeting, agenda_item=item, title="Data", body_html="<p>x</p>"
    )
    assert draft.published_at is None
    services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 18)))
    draft.refresh_from_db()
    assert draft.published_at == at(date(2024, 11, 18))


def test_nothing_left_to_publish_and_meeting_day_are_refused(meeting_on):
    meeting = meeting_on(date(2024, 11, 28))
    with pytest.raises(ValidationError, match="before the day of the meeting"):
        services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 28), 8))
    services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 1)))
    with pytest.raises(ValidationError, match="already been published"):
        services.agenda_publish(actor="dso", meeting=meeting, when=at(date(2024, 11, 2)))
    assert Document.objects.count() == 0


def test_the_demo_records_the_28_november_agenda_as_published_on_20_november(november):
    publication = november.publications.get()
    assert publication.kind == AgendaPublication.Kind.AGENDA
    assert publication.clear_days == 5
    assert publication.items.count() == 10
