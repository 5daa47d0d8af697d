"""Email alerts: double opt-in, one-click unsubscribe, what each message says, and never a
word of withheld content (a canary planted through the officers' services)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.committees import services as committees
from scrutiny.core import signals
from scrutiny.documents import services as documents
from scrutiny.notifications.models import Message, Subscription
from tests.committees.factories import (
    ExemptCategoryFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
CANARY = "CANARY-WITHHELD-7781"


def _link(body: str, kind: str) -> str:
    return re.search(rf"https?://\S+/alerts/{kind}/\S+/", body).group(0)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def panel():
    return PanelFactory()


def _subscribe(client, panel, email="resident@example.org", run_tasks=None):
    response = client.post(f"/panels/{panel.slug}/alerts/", {"email": email})
    assert response.status_code == 302
    run_tasks()
    return mail.outbox[-1]


def test_the_form_shows_its_errors_the_govuk_way(client, panel):
    page = client.get(f"/panels/{panel.slug}/alerts/").content.decode()
    assert 'type="email"' in page and 'autocomplete="email"' in page
    response = client.post(f"/panels/{panel.slug}/alerts/", {"email": "not an address"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "govuk-error-summary" in page
    assert 'href="#id_email"' in page and "govuk-input--error" in page
    assert "correct format" in page
    assert not Subscription.objects.exists()


def test_double_opt_in_then_one_click_unsubscribe(client, panel, run_tasks):
    message = _subscribe(client, panel, run_tasks=run_tasks)
    subscription = Subscription.objects.get()
    assert not subscription.is_active
    assert message.to == ["resident@example.org"]
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body
    confirm = _link(message.body, "confirm")
    # Following the link (as a mail scanner would) changes nothing; the button confirms.
    assert client.get(_path(confirm)).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active
    assert client.post(_path(confirm)).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_active
    # One-click: a POST with the RFC 8058 body and no form token.
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(_path(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_asking_again_does_not_tell_whether_an_address_is_subscribed(client, panel, run_tasks):
    _subscribe(client, panel, run_tasks=run_tasks)
    first = client.post(f"/panels/{panel.slug}/alerts/", {"email": "resident@example.org"})
    second = client.post(f"/panels/{panel.slug}/alerts/", {"email": "new@example.org"})
    assert first["Location"] == second["Location"]
    assert Subscription.objects.count() == 2


def test_asking_again_at_once_sends_no_second_message(client, panel, run_tasks):
    _subscribe(client, panel, run_tasks=run_tasks)
    for _ in range(3):
        client.post(f"/panels/{panel.slug}/alerts/", {"email": "resident@example.org"})
    run_tasks()
    assert len(mail.outbox) == 1


def test_a_forged_or_expired_link_does_nothing(client, panel, run_tasks):
    message = _subscribe(client, panel, run_tasks=run_tasks)
    confirm = _path(_link(message.body, "confirm"))
    assert client.post(confirm[:-3] + "xx/").status_code == 404
    assert not Subscription.objects.get().is_active


def test_confirming_a_cancelled_subscription_shows_the_form_error_summary(client, panel, run_tasks):
    from scrutiny.notifications import services

    message = _subscribe(client, panel, run_tasks=run_tasks)
    services.subscription_cancel(subscription=Subscription.objects.get())
    response = client.post(_path(_link(message.body, "confirm")))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page and "govuk-error-summary" in page
    assert "This subscription was cancelled." in page
    assert f'href="/panels/{panel.slug}/alerts/"' in page
    assert not Subscription.objects.get().is_active


@pytest.fixture
def meeting(panel):
    meeting = committees.meeting_create(
        actor="test", panel=panel, date=date(2025, 3, 20), start_time=time(17, 30),
        venue="Civic Centre",
    )  # fmt: skip
    return meeting


@pytest.fixture
def subscriber(panel):
    return Subscription.objects.create(
        email="resident@example.org", panel=panel, confirmed_at=datetime.now(LONDON)
    )


@pytest.fixture
def member(panel):
    user = User.objects.create_user("cllr", email="cllr@example.org")
    person = PersonFactory(user=user, email="")
    MembershipFactory(seat=SeatFactory(panel=panel), person=person, start_date=date(2024, 5, 1))
    return person


def _plant_canaries(meeting):
    """An exempt appendix and an exempt item, through the officers' services."""
    category = ExemptCategoryFactory()
    public_item = committees.agenda_item_add(actor="dso", meeting=meeting, title="School places")
    documents.document_add(
        actor="dso",
        meeting=meeting,
        agenda_item=public_item,
        title="School places report",
        kind="report",
        upload=SimpleUploadedFile("places.pdf", _pdf(b"Public figures"), "application/pdf"),
    )
    documents.document_add(
        actor="dso",
        meeting=meeting,
        agenda_item=public_item,
        title="Provider prices",
        number=1,
        body_html=f"<p>{CANARY} price list</p>",
        upload=SimpleUploadedFile("prices.pdf", _pdf(CANARY.encode()), "application/pdf"),
        is_exempt=True,
        exempt_category=category,
        public_interest_reasoning="Commercially sensitive.",
    )
    secret_item = committees.agenda_item_add(actor="dso", meeting=meeting, title="Contract award")
    committees.agenda_item_set_exempt(
        actor="dso", item=secret_item, is_exempt=True, exempt_category=category,
        exempt_reasons="Bids received in confidence.",
    )  # fmt: skip
    documents.document_add(
        actor="dso", meeting=meeting, agenda_item=secret_item, title="Bids",
        body_html=f"<p>{CANARY} bid amounts</p>",
    )  # fmt: skip


def _pdf(text: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\n" + text + b"\n%%EOF\n"


def test_agenda_alerts_name_and_link_what_is_published_and_never_withheld_text(
    meeting, subscriber, member, run_tasks
):
    _plant_canaries(meeting)
    documents.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 3, 10, 10, tzinfo=LONDON)
    )
    run_tasks()
    by_to = {m.to[0]: m for m in mail.outbox}
    public = by_to["resident@example.org"]
    assert public.subject.startswith("Agenda published: ")
    assert "School places report" in public.body and "Contract award" in public.body
    assert f"/meetings/{meeting.pk}/" in public.body
    assert "List-Unsubscribe" in public.extra_headers
    # the member also gets the briefing (scrutiny.members); their papers are the other message
    papers = next(
        m
        for m in mail.outbox
        if m.to == ["cllr@example.org"] and m.subject.startswith("Your papers")
    )
    assert papers.subject.startswith("Your papers: ")
    # Exempt papers are named to the member but never attached; the public paper is.
    assert "Provider prices" in papers.body and "exempt: not attached" in papers.body
    assert [name for name, *_ in papers.attachments] == ["places.pdf"]
    for message in mail.outbox:
        whole = message.message().as_bytes()
        assert CANARY.encode() not in whole, message.subject
    # The same event never mails anyone twice.
    before = len(mail.outbox)
    from scrutiny.notifications.tasks import notify_agenda_published

    notify_agenda_published.call(meeting.publications.get().pk)
    run_tasks()
    assert len(mail.outbox) == before


def test_supplementary_cancelled_changed_and_minutes_alerts(meeting, subscriber, run_tasks):
    committees.agenda_item_add(actor="dso", meeting=meeting, title="Education outcomes")
    documents.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 3, 10, 10, tzinfo=LONDON)
    )
    committees.agenda_item_add(actor="dso", meeting=meeting, title="Late item")
    item = meeting.agenda_items.get(title="Late item")
    documents.agenda_item_mark_urgent(actor="dso", item=item, reasons="Deadline of the DfE.")
    documents.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 3, 17, 10, tzinfo=LONDON)
    )
    signals.meeting_changed.send(
        sender=None, meeting=meeting, changes={"venue": ("Civic Centre", "Room 3")}, reason=""
    )
    committees.meeting_transition(actor="dso", meeting=meeting, to="cancelled", reason="Snow.")
    run_tasks()
    subjects = [m.subject.split(":")[0] for m in mail.outbox]
    assert subjects == [
        "Agenda published",
        "Supplementary agenda published",
        "Meeting changed",
        "Meeting cancelled",
    ]
    assert "Late item" in mail.outbox[1].body and "Education outcomes" not in mail.outbox[1].body
    assert "was Civic Centre, now Room 3" in mail.outbox[2].body
    assert "Snow." in mail.outbox[3].body


def test_minutes_published_alert(subscriber, run_tasks, panel):
    from scrutiny.minutes import services as minutes_services
    from tests.committees.factories import HeldMeetingFactory

    held = HeldMeetingFactory(panel=panel)
    minutes = minutes_services.minutes_create(actor="dso", meeting=held)
    minutes_services.minute_item_add(actor="dso", minutes=minutes, title="Apologies")
    minutes_services.minutes_publish(actor="dso", minutes=minutes)
    run_tasks()
    (message,) = mail.outbox
    assert message.subject.startswith("Minutes published: ")
    assert minutes.get_absolute_url() in message.body


def test_no_alerts_for_unconfirmed_or_cancelled_subscriptions(meeting, panel, run_tasks):
    Subscription.objects.create(email="a@example.org", panel=panel)
    Subscription.objects.create(
        email="b@example.org", panel=panel, confirmed_at=datetime.now(LONDON),
        unsubscribed_at=datetime.now(LONDON),
    )  # fmt: skip
    committees.agenda_item_add(actor="dso", meeting=meeting, title="Education outcomes")
    documents.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 3, 10, 10, tzinfo=LONDON)
    )
    run_tasks()
    assert mail.outbox == []


def test_a_refusing_mail_server_is_tried_again(meeting, subscriber, run_tasks, settings):
    settings.EMAIL_BACKEND = "tests.notifications.test_alerts.RefusingBackend"
    committees.agenda_item_add(actor="dso", meeting=meeting, title="Education outcomes")
    documents.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 3, 10, 10, tzinfo=LONDON)
    )
    run_tasks()
    message = Message.objects.get()
    assert message.status == "pending" and message.attempts == 1 and "refused" in message.error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Message.objects.update(created_at=message.created_at - timedelta(minutes=5))
    from scrutiny.notifications.tasks import outbox_recover

    assert outbox_recover.call() == 1
    run_tasks()
    assert Message.objects.get().status == "sent" and len(mail.outbox) == 1


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("refused")
