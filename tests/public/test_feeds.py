"""The panel's meetings calendar (iCalendar) and published-papers feed (Atom): public view only."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time

import feedparser
import icalendar
import pytest
from django.contrib.auth.models import User

from scrutiny.committees import services as committee_services
from scrutiny.committees.models import MeetingStatus
from scrutiny.public.ocd import Identifiers
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


def _calendar(client, url="/panels/children-and-families/meetings.ics", **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    parsed = icalendar.Calendar.from_ical(response.content)
    return response.content.decode(), {str(e["UID"]): e for e in parsed.walk("VEVENT")}


def test_calendar_lists_the_panels_meetings_in_utc_with_cancellations(client, panel):
    summer = ScheduledMeetingFactory(panel=panel, date=date(2024, 7, 18), start_time=time(17, 30))
    winter = ScheduledMeetingFactory(
        panel=panel, date=date(2025, 1, 30), start_time=time(17, 30), end_time=time(20)
    )
    cancelled = CancelledMeetingFactory(
        panel=panel, date=date(2025, 3, 27), cancellation_reason="No business, so; cancelled"
    )
    ScheduledMeetingFactory(date=date(2024, 9, 26))  # another panel's meeting
    body, events = _calendar(client)
    assert body.startswith("BEGIN:VCALENDAR\r\n") and "\r\nVERSION:2.0\r\n" in body
    assert body.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    ids = Identifiers.for_council()
    uid = {m: ids.ocd("event", m.pk) for m in (summer, winter, cancelled)}
    assert set(events) == set(uid.values())
    assert events[uid[summer]].decoded("DTSTART") == datetime(2024, 7, 18, 16, 30, tzinfo=UTC)
    assert events[uid[summer]].decoded("DTEND") == datetime(2024, 7, 18, 18, 30, tzinfo=UTC)
    assert events[uid[winter]].decoded("DTSTART") == datetime(2025, 1, 30, 17, 30, tzinfo=UTC)
    assert events[uid[winter]].decoded("DTEND") == datetime(2025, 1, 30, 20, 0, tzinfo=UTC)
    assert str(events[uid[summer]]["STATUS"]) == "CONFIRMED"
    for event in events.values():
        assert event.decoded("SEQUENCE") == 0
        assert event.decoded("LAST-MODIFIED").tzinfo is not None
    gone = events[uid[cancelled]]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert str(gone["SUMMARY"]) == "Cancelled: Children and Families Scrutiny Panel"
    assert "No business, so; cancelled" in str(gone["DESCRIPTION"])
    assert str(gone["URL"]) == f"http://testserver/meetings/{cancelled.pk}/"
    assert str(events[uid[summer]]["LOCATION"]) == "Conference Room 3 - Civic Centre"


def test_calendar_uids_do_not_depend_on_the_host(client, panel, settings):
    settings.ALLOWED_HOSTS = ["testserver", "scrutiny.example.gov.uk"]
    ScheduledMeetingFactory(panel=panel)
    _body, one = _calendar(client)
    body, two = _calendar(client, HTTP_HOST="scrutiny.example.gov.uk")
    assert set(one) == set(two)
    assert "testserver" not in "".join(set(two)) and "example" not in "".join(set(two))
    assert "PRODID:-//Scrutiny//" in body


def test_rescheduling_or_cancelling_a_meeting_raises_its_sequence(client, panel, officer):
    meeting = committee_services.meeting_create(
        actor=officer,
        panel=panel,
        date=date(2031, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    uid = Identifiers.for_council().ocd("event", meeting.pk)
    _body, before = _calendar(client)
    assert before[uid].decoded("SEQUENCE") == 0
    committee_services.meeting_reschedule(
        actor=officer,
        meeting=meeting,
        date=date(2031, 2, 6),
        start_time=time(18),
        end_time=time(20),
        venue="Conference Room 3 - Civic Centre",
        reason="Room unavailable",
    )
    _body, moved = _calendar(client)
    assert moved[uid].decoded("SEQUENCE") == 1
    assert moved[uid].decoded("DTSTART") == datetime(2031, 2, 6, 18, 0, tzinfo=UTC)
    assert moved[uid].decoded("LAST-MODIFIED") >= before[uid].decoded("LAST-MODIFIED")
    committee_services.meeting_transition(
        actor=officer, meeting=meeting, to=MeetingStatus.CANCELLED, reason="No business"
    )
    _body, gone = _calendar(client)
    assert gone[uid].decoded("SEQUENCE") == 2
    assert str(gone[uid]["STATUS"]) == "CANCELLED"


def test_rescheduling_refuses_bad_changes_and_is_audited(panel, officer, outsider):
    from django.core.exceptions import PermissionDenied, ValidationError

    from scrutiny.core.audit import audit_trail

    meeting = committee_services.meeting_create(
        actor=officer,
        panel=panel,
        date=date(2031, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    with pytest.raises(ValidationError, match="end after it starts"):
        committee_services.meeting_reschedule(
            actor=officer,
            meeting=meeting,
            date=date(2031, 1, 30),
            start_time=time(18),
            end_time=time(17),
            venue="Civic Centre",
        )
    with pytest.raises(PermissionDenied):
        committee_services.meeting_reschedule(
            actor=outsider,
            meeting=meeting,
            date=date(2031, 2, 6),
            start_time=time(18),
            end_time=None,
            venue="Civic Centre",
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    committee_services.meeting_reschedule(
        actor=officer,
        meeting=meeting,
        date=date(2031, 2, 6),
        start_time=time(18),
        end_time=None,
        venue="Civic Centre",
        reason="Clash",
    )
    # Through the one write path for a meeting's details, audited with before and after.
    event = audit_trail(meeting).filter(action="committees.meeting_update").get()
    assert event.data["changes"]["date"] == ["Thursday 30 January 2031", "Thursday 6 February 2031"]
    assert event.data["reason"] == "Clash"
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.version == 2


def test_the_site_calendar_has_every_panels_meetings(client, panel):
    mine = ScheduledMeetingFactory(panel=panel)
    theirs = ScheduledMeetingFactory(date=date(2024, 9, 26))
    _body, events = _calendar(client, "/meetings.ics")
    ids = Identifiers.for_council()
    assert set(events) == {ids.ocd("event", mine.pk), ids.ocd("event", theirs.pk)}


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


def test_feeds_parse_with_author_minutes_and_supplements(client, papers, officer):
    from scrutiny.documents.models import AgendaPublication
    from scrutiny.minutes import services as minutes_services
    from scrutiny.minutes.models import Minutes

    meeting = papers["meeting"]
    AgendaPublication.objects.create(
        meeting=meeting,
        kind=AgendaPublication.Kind.SUPPLEMENTARY,
        published_at=datetime(2024, 11, 25, 12, tzinfo=UTC),
        published_by="officer",
        clear_days=2,
    )
    minutes = Minutes.objects.create(meeting=meeting)
    minutes_services.minute_item_add(actor=officer, minutes=minutes, title="Education outcomes")
    minutes_services.minutes_publish(
        actor=officer, minutes=minutes, when=datetime(2024, 12, 5, 9, tzinfo=UTC)
    )
    for url in ("/panels/children-and-families/papers.atom", "/papers.atom"):
        parsed = feedparser.parse(client.get(url).content)
        assert not parsed.bozo, parsed.bozo_exception
        assert parsed.feed.author.endswith("Democratic Services")
        assert parsed.feed.language == "en-GB"
        titles = [e.title for e in parsed.entries]
        assert titles[0].startswith("Draft minutes: Children and Families Scrutiny Panel")
        assert any(t.startswith("Supplementary agenda published") for t in titles)
        first = parsed.entries[0]
        assert first.published_parsed[:3] == (2024, 12, 5)
        assert first.author.endswith("Democratic Services")
        assert first.id.startswith("urn:uuid:")
        assert CANARY not in str(parsed)


def test_an_officer_reschedules_a_meeting_on_its_screen(client, panel, officer):
    meeting = committee_services.meeting_create(
        actor=officer,
        panel=panel,
        date=date(2031, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    client.force_login(officer)
    page = client.get(f"/manage/meetings/{meeting.pk}/").content.decode()
    assert "Change the date, time or place" in page and 'name="move-date_0"' in page
    bad = client.post(
        f"/manage/meetings/{meeting.pk}/reschedule/",
        {
            "move-date_0": "6",
            "move-date_1": "2",
            "move-date_2": "2031",
            "move-start_time": "18:00",
            "move-end_time": "17:00",
            "move-venue": "Civic Centre",
        },
    )
    assert 'id="id_move-end_time-error"' in bad.content.decode()
    good = client.post(
        f"/manage/meetings/{meeting.pk}/reschedule/",
        {
            "move-date_0": "6",
            "move-date_1": "2",
            "move-date_2": "2031",
            "move-start_time": "18:00",
            "move-end_time": "20:00",
            "move-venue": "Civic Centre",
        },
    )
    assert good.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.date, meeting.sequence) == (date(2031, 2, 6), 1)


def test_changing_a_meetings_details_on_its_screen_is_a_new_calendar_revision(
    client, panel, officer
):
    meeting = committee_services.meeting_create(
        actor=officer,
        panel=panel,
        date=date(2031, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    uid = Identifiers.for_council().ocd("event", meeting.pk)
    _body, before = _calendar(client)
    committee_services.meeting_update(
        actor=officer, meeting=meeting, venue="Conference Room 3 - Civic Centre"
    )
    _body, after = _calendar(client)
    assert after[uid].decoded("SEQUENCE") == before[uid].decoded("SEQUENCE") + 1
    assert str(after[uid]["LOCATION"]) == "Conference Room 3 - Civic Centre"
    assert after[uid].decoded("LAST-MODIFIED") >= before[uid].decoded("LAST-MODIFIED")
    # Openness to the public is not a calendar change.
    committee_services.meeting_update(actor=officer, meeting=meeting, is_public=False)
    _body, private = _calendar(client)
    assert private[uid].decoded("SEQUENCE") == after[uid].decoded("SEQUENCE")
