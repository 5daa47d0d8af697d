"""My meetings: a member's panels, next meetings with papers (new since the last visit), exempt
papers open to them with the paragraph, register entries to consider, and past meetings; the
members' pack and briefing prepared by the worker when the agenda is published."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees import services as committees
from scrutiny.documents import services as documents
from scrutiny.documents.models import AgendaPack, Document
from scrutiny.interests.models import Interest
from scrutiny.members.models import Briefing, HomeVisit
from tests.committees.factories import AgendaItemFactory
from tests.documents.factories import PublishedDocumentFactory

HOME = "/members/"


def _home(client, user):
    client.force_login(user)
    return client.get(HOME)


def test_home_lists_panels_next_meetings_papers_exempt_paragraph_and_past(client, upcoming):
    response = _home(client, upcoming["member"])
    assert response.status_code == 200
    html = response.content.decode()
    assert upcoming["panel"].name in html
    assert upcoming["meeting"].date.strftime("%-d %B %Y") in html
    assert "Exclusions data" in html and "Named schools" in html
    # the exempt paper is open to the member, with its paragraph
    section = html.split("Exempt papers open to you")[1]
    assert "Named schools" in section and "paragraph 3" in section
    assert upcoming["past"].date.strftime("%-d %B %Y") in html.split("Past meetings")[1]


def test_papers_are_new_until_the_member_comes_back_after_they_were_published(client, upcoming):
    Document.objects.update(published_at=timezone.now() - timedelta(hours=3))
    html = _home(client, upcoming["member"]).content.decode()
    assert "first visit" in html and html.count("data-new-paper") == 2
    visit = HomeVisit.objects.get(user=upcoming["member"])
    # An hour later the member comes back: nothing published since, nothing new.
    HomeVisit.objects.filter(pk=visit.pk).update(latest_at=timezone.now() - timedelta(hours=2))
    html = client.get(HOME).content.decode()
    assert html.count("data-new-paper") == 0
    # A paper published after that visit is new on the next one.
    later = PublishedDocumentFactory(
        meeting=upcoming["meeting"], agenda_item=upcoming["item"], title="Late appendix"
    )
    HomeVisit.objects.filter(pk=visit.pk).update(latest_at=timezone.now() - timedelta(hours=2))
    later.published_at = timezone.now() - timedelta(minutes=5)
    later.save(update_fields=["published_at"])
    html = client.get(HOME).content.decode()
    assert html.count("data-new-paper") == 1
    assert "Late appendix" in html.split("data-new-paper")[0].rsplit("<tr", 1)[1]


def test_register_entries_that_share_the_items_subject_are_offered_to_consider(client, upcoming):
    Interest.objects.create(
        person=upcoming["person"],
        category="appointed_body",
        description="Governor of Bitterne Park School (admissions committee)",
        arose_on=date(2024, 5, 1),
        registered_on=date(2024, 5, 20),
    )
    Interest.objects.create(
        person=upcoming["person"],
        category="charity",
        description="Trustee of the Itchen Rowing Club",
        arose_on=date(2024, 5, 1),
        registered_on=date(2024, 5, 20),
    )
    html = _home(client, upcoming["member"]).content.decode()
    row = html.split("School admissions and exclusions")[1].split("</tr>")[0]
    assert "Governor of Bitterne Park School" in row
    assert "Rowing" not in row


def test_officers_go_to_their_home_outsiders_are_refused_anonymous_sign_in(
    client, upcoming, officer, outsider
):
    client.force_login(officer)
    assert client.get(HOME).url == reverse("workspace:home")
    client.force_login(outsider)
    assert client.get(HOME).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(HOME).url


def test_signing_in_takes_a_member_to_their_meetings(client, upcoming):
    client.force_login(upcoming["member"])
    assert client.get(reverse("workspace:landing")).url == reverse("members:home")


def test_home_is_a_fixed_number_of_queries_whatever_the_papers(client, upcoming):
    _home(client, upcoming["member"])
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    for n in range(6):
        item = AgendaItemFactory(meeting=upcoming["meeting"], number=20 + n, title=f"Item {n}")
        PublishedDocumentFactory(meeting=upcoming["meeting"], agenda_item=item)
    with CaptureQueriesContext(connection) as many:
        client.get(HOME)
    assert len(many) == len(few)


@pytest.fixture
def to_publish(db):
    from tests.committees.factories import PanelFactory

    meeting = committees.meeting_create(
        actor="dso",
        panel=PanelFactory(),
        date=timezone.localdate() + timedelta(days=21),
        start_time=timezone.datetime(2000, 1, 1, 17, 30).time(),
        venue="Civic Centre",
        with_standard_items=False,
    )
    item = committees.agenda_item_add(actor="dso", meeting=meeting, title="Budget")
    documents.document_add(
        actor="dso", meeting=meeting, agenda_item=item, title="Budget table", body_html="<p>x</p>"
    )
    return meeting


def test_publishing_the_agenda_builds_the_members_pack_and_briefing_in_the_worker(
    to_publish, run_tasks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    documents.agenda_publish(actor="dso", meeting=to_publish)
    # Nothing is built in the request: the worker does it before any member asks.
    assert not AgendaPack.objects.filter(meeting=to_publish).exists()
    assert not Briefing.objects.filter(meeting=to_publish).exists()
    run_tasks()
    pack = AgendaPack.objects.get(meeting=to_publish, variant=AgendaPack.Variant.MEMBERS)
    assert pack.status == AgendaPack.Status.READY and pack.file
    assert Briefing.objects.filter(meeting=to_publish).exists()
