"""Minutes pages and PDF: layout, editing forms, and no exempt content for the unentitled."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from pypdf import PdfReader

from scrutiny.committees.models import Meeting, Membership
from scrutiny.minutes import services
from tests.committees.factories import MembershipFactory, PersonFactory
from tests.minutes.factories import (
    ExemptMinuteItemFactory,
    MinuteItemFactory,
    PublishedDraftMinutesFactory,
)

CANARY = "CANARY-EXEMPT-MINUTE"
pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_demo_minutes_page_and_pdf_in_the_councils_layout(demo, client):
    meeting = Meeting.objects.get(date=date(2024, 8, 8))
    page = client.get(reverse("minutes:detail", args=[meeting.pk])).content.decode()
    assert "MINUTES OF THE MEETING HELD ON 8 AUGUST 2024" in page
    assert (
        "Councillors Barnes-Andrews (Chair), Webb (Vice-Chair), Chapman, G Lambert, Beaurain, Cooper and Mrs Blatchford"
        in page
    )
    assert "Appointed Members: Rob Sanders and Catherine Hobbs" in page
    assert "REPEAT CHILD PROTECTION PLANS - ANALYSIS" in page and "(iii)" in page
    text = _pdf_text(client.get(reverse("minutes:pdf", args=[meeting.pk])))
    assert "MINUTES OF THE MEETING HELD ON 8 AUGUST 2024" in text
    assert "RESOLVED" in text and "Page 1 of" in text


def test_2020_minutes_show_the_order_change_and_the_exclusion(demo, client):
    meeting = Meeting.objects.get(date=date(2020, 1, 23))
    page = client.get(reverse("minutes:detail", args=[meeting.pk])).content.decode()
    assert [f"{n}." in page for n in range(23, 30)] == [True] * 7
    assert "Change to the order of business" in page
    assert "Category 1 and Category 7" in page


def test_demo_approvals_drive_the_meeting_status(demo):
    statuses = dict(Meeting.objects.values_list("date", "status"))
    assert (
        statuses[date(2024, 8, 8)]
        == statuses[date(2024, 9, 26)]
        == statuses[date(2020, 1, 23)]
        == "minutes_approved"
    )
    assert statuses[date(2024, 11, 28)] == "held"


@pytest.fixture
def exempt_minutes():
    item = ExemptMinuteItemFactory(minutes=PublishedDraftMinutesFactory(), number=2)
    MinuteItemFactory(minutes=item.minutes, number=1, introduction="Open business.")
    member = PersonFactory(kind="councillor", user=User.objects.create_user("panel-member"))
    MembershipFactory(seat__panel=item.minutes.meeting.panel, person=member)
    return item


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_exempt_minute_content_is_withheld_from_the_unentitled(exempt_minutes, client, who):
    if who == "outsider":
        client.force_login(User.objects.create_user("outsider"))
    meeting = exempt_minutes.minutes.meeting
    page = client.get(reverse("minutes:detail", args=[meeting.pk])).content.decode()
    assert "Open business." in page and exempt_minutes.title.upper() in page
    assert CANARY not in page and "not for publication" in page
    assert CANARY not in _pdf_text(client.get(reverse("minutes:pdf", args=[meeting.pk])))
    assert CANARY not in client.get(meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("who", ["officer", "panel-member"])
def test_exempt_minute_content_is_shown_to_the_entitled(exempt_minutes, client, who):
    user = (
        User.objects.create_user("officer", is_staff=True)
        if who == "officer"
        else User.objects.get(username=who)
    )
    client.force_login(user)
    meeting = exempt_minutes.minutes.meeting
    assert CANARY in client.get(reverse("minutes:detail", args=[meeting.pk])).content.decode()
    response = client.get(reverse("minutes:pdf", args=[meeting.pk]))
    assert CANARY in _pdf_text(response) and response["Cache-Control"] == "private, no-store"


def test_declaration_on_an_exempt_minute_stays_off_the_public_register(exempt_minutes, client):
    member = User.objects.get(username="panel-member").person
    minutes = exempt_minutes.minutes
    services.declaration_record(
        actor="t",
        minutes=minutes,
        person=member,
        kind="other",
        matter="Knows the family in CANARY-DECLARATION",
        item=exempt_minutes,
    )
    services.declaration_record(
        actor="t", minutes=minutes, person=member, kind="whip", matter="No whip applies"
    )
    page = client.get(member.get_absolute_url()).content.decode()
    assert "No whip applies" in page and "CANARY-DECLARATION" not in page
    client.force_login(User.objects.get(username="panel-member"))
    assert "CANARY-DECLARATION" in client.get(member.get_absolute_url()).content.decode()


def test_unpublished_minutes_are_hidden_from_the_public(client, officer, outsider):
    from tests.minutes.factories import DraftMinutesFactory, PublishedDraftMinutesFactory

    meeting = DraftMinutesFactory().meeting
    assert client.get(reverse("minutes:detail", args=[meeting.pk])).status_code == 404
    published = PublishedDraftMinutesFactory().meeting
    assert client.get(reverse("minutes:detail", args=[published.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("minutes:detail", args=[meeting.pk])).status_code == 404
    client.force_login(officer)
    assert client.get(reverse("minutes:detail", args=[meeting.pk])).status_code == 200


def test_editing_needs_an_officer(client, outsider, officer):
    from tests.committees.factories import SeatFactory
    from tests.minutes.factories import DraftMinutesFactory

    meeting = DraftMinutesFactory().meeting
    chair = User.objects.create_user("test-chair")
    MembershipFactory(
        seat=SeatFactory(panel=meeting.panel),
        person=PersonFactory(user=chair),
        role=Membership.Role.CHAIR,
    )
    url = reverse("minutes:edit", args=[meeting.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(chair)
    assert client.post(url, {"action": "publish"}).status_code == 403
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_officer_records_a_minute_and_sees_errors_in_a_govuk_summary(demo, client):
    client.force_login(User.objects.get(username="officer"))
    meeting = Meeting.objects.get(date=date(2024, 11, 28))
    url = reverse("minutes:edit", args=[meeting.pk])
    bad = client.post(url, {"action": "add_item", "item-title": "", "item-number": "21"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "govuk-error-summary" in body and 'href="#id_item-title"' in body
    clash = client.post(url, {"action": "add_item", "item-title": "Again", "item-number": "21"})
    assert clash.status_code == 400 and "Minute 21 already exists" in clash.content.decode()
    ok = client.post(url, {"action": "add_item", "item-title": "Any other business"})
    assert ok.status_code == 302
    assert meeting.minutes.items.get(title="Any other business").number == 30
    approve = client.post(
        url,
        {"action": "approve", "approve-at_meeting": Meeting.objects.get(date=date(2025, 1, 30)).pk},
    )
    assert approve.status_code == 302
    meeting.minutes.refresh_from_db()
    assert meeting.minutes.status == "approved"


def test_minutes_index_query_count_does_not_grow(demo, client, django_assert_max_num_queries):
    client.force_login(User.objects.get(username="officer"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("minutes:index"))
    assert response.content.decode().count("govuk-table__row") == 5


def test_minutes_page_query_count_does_not_grow_with_minutes(demo, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scrutiny.minutes.models import DiscussionPoint, Speaker
    from tests.minutes.factories import ResolutionFactory

    meeting = Meeting.objects.get(date=date(2020, 1, 23))
    url = reverse("minutes:detail", args=[meeting.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for number in (30, 31, 32):
        item = MinuteItemFactory(minutes=meeting.minutes, number=number)
        Speaker.objects.create(item=item, name="Someone", title="Officer")
        DiscussionPoint.objects.create(item=item, text="A point")
        ResolutionFactory(item=item, number=1)
    assert count() == before <= 18
    with CaptureQueriesContext(connection) as queries:
        assert client.get(meeting.get_absolute_url()).status_code == 200
    assert len(queries) <= 20


def test_officer_records_an_amendment_to_approved_minutes(demo, client):
    meeting = Meeting.objects.get(date=date(2024, 9, 26))
    item = meeting.minutes.items.get(number=16)
    url = reverse("minutes:amend", args=[item.pk])
    client.force_login(User.objects.get(username="officer"))
    bad = client.post(url, {"field": "introduction", "text": "", "reason": ""})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    november = Meeting.objects.get(date=date(2024, 11, 28))
    ok = client.post(
        url,
        {
            "field": "introduction",
            "text": "The panel considered the Youth Justice update.",
            "reason": "Clearer wording",
            "agreed_at": november.pk,
        },
    )
    assert ok.status_code == 302
    page = client.get(reverse("minutes:detail", args=[meeting.pk])).content.decode()
    assert "Clearer wording" in page and "The panel considered the Youth Justice update." in page
    edit = client.post(
        reverse("minutes:item", args=[item.pk]),
        {"action": "point", "point-text": "x", "point-level": 1},
    )
    assert edit.status_code == 400 and "locked" in edit.content.decode()
