"""The panel's meetings calendar (iCalendar) and published-papers feed (Atom): public view only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time

import pytest
from django.contrib.auth.models import User

from tests.committees.factories import (
    CancelledMeetingFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    ScheduledMeetingFactory,
)
from tests.public.factories import (
    DraftDocumentFactory,
    ExemptDocumentFactory,
    PublishedDocumentFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
CANARY = "ZEPHYR-CANARY"


@pytest.fixture
def panel():
    return PanelFactory(name="Children and Families Scrutiny Panel", slug="children-and-families")


def _unfold(body: str) -> list[str]:
    return body.replace("\r\n ", "").split("\r\n")


def _events(body: str) -> list[dict[str, str]]:
    events, current = [], None
    for line in _unfold(body):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None and ":" in line:
            key, value = line.split(":", 1)
            current[key] = value
    return events


def test_calendar_lists_the_panels_meetings_in_utc_with_cancellations(client, panel):
    summer = ScheduledMeetingFactory(panel=panel, date=date(2024, 7, 18), start_time=time(17, 30))
    winter = ScheduledMeetingFactory(panel=panel, date=date(2025, 1, 30), start_time=time(17, 30))
    cancelled = CancelledMeetingFactory(
        panel=panel, date=date(2025, 3, 27), cancellation_reason="No business, so; cancelled"
    )
    ScheduledMeetingFactory(date=date(2024, 9, 26))  # another panel's meeting
    response = client.get("/panels/children-and-families/meetings.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    events = {e["UID"].split("@")[0]: e for e in _events(body)}
    assert set(events) == {f"meeting-{m.pk}" for m in (summer, winter, cancelled)}
    assert events[f"meeting-{summer.pk}"]["DTSTART"] == "20240718T163000Z"  # BST
    assert events[f"meeting-{winter.pk}"]["DTSTART"] == "20250130T173000Z"  # GMT
    assert events[f"meeting-{summer.pk}"]["STATUS"] == "CONFIRMED"
    gone = events[f"meeting-{cancelled.pk}"]
    assert gone["STATUS"] == "CANCELLED"
    assert gone["SUMMARY"] == "Cancelled: Children and Families Scrutiny Panel"
    assert "No business\\, so\\; cancelled" in gone["DESCRIPTION"]
    assert gone["URL"] == f"http://testserver/meetings/{cancelled.pk}/"
    assert events[f"meeting-{summer.pk}"]["LOCATION"] == "Conference Room 3 - Civic Centre"


def test_long_calendar_lines_are_folded_without_splitting_characters(client, panel):
    ScheduledMeetingFactory(panel=panel, notice="Please note the time – " + "é" * 80)
    body = client.get("/panels/children-and-families/meetings.ics").content
    lines = body.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    body.decode("utf-8")  # every folded piece is still valid UTF-8
    assert "é" * 80 in "".join(_unfold(body.decode()))


def _feed(client, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get("/panels/children-and-families/papers.atom")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed in a test
    return response.content.decode(), [
        (e.findtext(f"{ATOM}title"), e.find(f"{ATOM}link").get("href"))
        for e in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def papers(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 11, 28))
    public = PublishedDocumentFactory(
        meeting=meeting,
        title="Education Outcomes and Context",
        body_html="<p>Outcomes for 2024 & the context.</p>",
        published_at=datetime(2024, 11, 20, 10, tzinfo=UTC),
    )
    exempt = ExemptDocumentFactory(
        meeting=meeting, title="Provisional outcomes", body_html=f"<p>{CANARY}</p>"
    )
    DraftDocumentFactory(meeting=meeting, title="Draft report", body_html=f"<p>{CANARY}</p>")
    ScheduledMeetingFactory(panel=panel, date=date(2025, 1, 30))  # agenda not yet published
    return {"meeting": meeting, "public": public, "exempt": exempt}


def test_feed_lists_published_agendas_and_public_papers_newest_first(client, papers):
    body, entries = _feed(client)
    meeting = papers["meeting"]
    assert entries == [
        ("Education Outcomes and Context", f"http://testserver/documents/{papers['public'].pk}/"),
        (
            "Agenda published: Children and Families Scrutiny Panel, Thursday 28 November 2024",
            f"http://testserver/meetings/{meeting.pk}/",
        ),
    ]
    assert "Outcomes for 2024 &amp;amp; the context." in body  # plain text, escaped as HTML


@pytest.mark.parametrize("who", ["anonymous", "member", "officer"])
def test_feed_never_carries_withheld_or_unpublished_papers_whoever_asks(
    client, papers, panel, officer, who
):
    user = None
    if who == "officer":
        user = officer
    elif who == "member":
        user = User.objects.create_user("panel-member", password="pw-member-123")
        MembershipFactory(seat__panel=panel, person=PersonFactory(user=user))
    body, entries = _feed(client, user)
    titles = [title for title, _link in entries]
    assert "Appendix 2: Provisional outcomes" not in titles and "Draft report" not in titles
    assert CANARY not in body and "Provisional" not in body


def test_panel_page_links_to_its_calendar_and_feed(client, panel):
    html = client.get("/panels/children-and-families/").content.decode()
    assert 'href="/panels/children-and-families/meetings.ics"' in html
    assert 'href="/panels/children-and-families/papers.atom"' in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_feeds_of_an_unknown_panel_are_not_found(client, db):
    assert client.get("/panels/nope/meetings.ics").status_code == 404
    assert client.get("/panels/nope/papers.atom").status_code == 404
