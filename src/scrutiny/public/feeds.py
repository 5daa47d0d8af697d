"""Meetings as iCalendar and newly published papers as Atom feeds, per panel and site-wide.

Feeds are read by calendar and feed readers that share one copy among many people, so they
always show the public view (an anonymous visitor's), whoever requests them: never withheld
content, never anything unpublished.

Identifiers do not depend on the host the feed was fetched from: an event's UID is its Open
Civic Data identifier (scrutiny.public.ocd), so a calendar subscribed through one address
and refreshed through another keeps its events. SEQUENCE is the meeting's revision number
(raised when it is rescheduled or cancelled) and LAST-MODIFIED its last change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import icalendar
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from scrutiny.committees.models import Meeting, MeetingStatus, Panel
from scrutiny.core.access import Level, visible
from scrutiny.core.models import Council
from scrutiny.core.search import plain
from scrutiny.documents.models import AgendaPublication, Document
from scrutiny.minutes.models import Minutes
from scrutiny.public.api.records import meeting_end, meeting_start
from scrutiny.public.ocd import Identifiers

FEED_LENGTH = 50
PUBLIC = AnonymousUser()
PRODID = "-//Scrutiny//Meetings calendar//EN"


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# iCalendar (RFC 5545) ----------------------------------------------------------------------


def meetings_calendar(meetings: QuerySet[Meeting], name: str, base_url: str) -> bytes:
    """A calendar of the meetings; ``base_url`` is used for links only, never for UIDs."""
    ids = Identifiers.for_council()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for meeting in meetings.select_related("panel").order_by("date", "start_time", "pk"):
        calendar.add_component(_event(meeting, ids, base_url))
    return calendar.to_ical()


def _event(meeting: Meeting, ids: Identifiers, base_url: str) -> icalendar.Event:
    cancelled = meeting.status == MeetingStatus.CANCELLED
    url = f"{base_url}{meeting.get_absolute_url()}"
    description = f"Agenda and papers: {url}"
    if meeting.notice:
        description = f"{meeting.notice}\n{description}"
    if cancelled and meeting.cancellation_reason:
        description = f"Cancelled: {meeting.cancellation_reason}\n{description}"
    if not meeting.is_public:
        description = f"Not open to the public.\n{description}"
    event = icalendar.Event()
    event.add("uid", ids.ocd("event", meeting.pk))
    # DTSTAMP is the revision's time, so an unchanged calendar is byte-for-byte the same.
    event.add("dtstamp", _utc(meeting.updated_at))
    event.add("last-modified", _utc(meeting.updated_at))
    event.add("sequence", meeting.sequence)
    event.add("dtstart", _utc(meeting_start(meeting)))
    event.add("dtend", _utc(meeting_end(meeting)))
    event.add("summary", ("Cancelled: " if cancelled else "") + meeting.panel.name)
    event.add("location", meeting.venue)
    event.add("description", description)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


# Atom feeds of published papers ------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    title: str
    path: str
    published: datetime
    updated: datetime
    summary: str
    unique_id: str
    category: str


def _date(day) -> str:
    return f"{day:%-d %B %Y}"


def publication_entries(panel: Panel | None = None) -> list[FeedEntry]:
    """Agendas, supplements, papers and minutes as the public sees them, newest first."""
    ids = Identifiers.for_council()
    where = {"meeting__panel": panel} if panel else {}
    publications = (
        AgendaPublication.objects.filter(**where)
        .select_related("meeting__panel")
        .order_by("-published_at")[:FEED_LENGTH]
    )
    entries = [
        FeedEntry(
            title=f"{p.get_kind_display()} published: {p.meeting.panel.name}, "
            f"{p.meeting.date:%A %-d %B %Y}",
            path=p.meeting.get_absolute_url(),
            published=p.published_at,
            updated=p.published_at,
            summary=f"The {p.get_kind_display().lower()} for the meeting on "
            f"{_date(p.meeting.date)} at {p.meeting.venue} is published.",
            unique_id=str(uuid.uuid5(ids.uuid("event", p.meeting_id), f"publication/{p.pk}")),
            category=p.kind,
        )
        for p in publications
    ]
    # Meetings whose agenda was published without a publication record (older data).
    recorded = {p.meeting_id for p in publications}
    agendas = (
        Meeting.objects.filter(agenda_published_at__isnull=False, **_panel(panel))
        .exclude(pk__in=recorded)
        .select_related("panel")
        .order_by("-agenda_published_at")[:FEED_LENGTH]
    )
    entries += [
        FeedEntry(
            title=f"Agenda published: {m.panel.name}, {m.date:%A %-d %B %Y}",
            path=m.get_absolute_url(),
            published=m.agenda_published_at,
            updated=m.agenda_published_at,
            summary=f"The agenda for the meeting on {_date(m.date)} at {m.venue} is published.",
            unique_id=str(uuid.uuid5(ids.uuid("event", m.pk), "agenda")),
            category="agenda",
        )
        for m in agendas
        if m.agenda_published_at is not None  # the query's filter, for the type
    ]
    documents = visible(
        PUBLIC,
        Document.objects.filter(**where).select_related("meeting__panel"),
        Level.CONTENT,
    ).order_by("-published_at")[:FEED_LENGTH]
    entries += [
        FeedEntry(
            title=document.display_title,
            path=document.get_absolute_url(),
            published=document.published_at,
            updated=max(document.published_at, document.updated_at),
            summary=f"For the meeting on {_date(document.meeting.date)}. "
            + plain(document.body_html)[:300],
            unique_id=str(ids.uuid("document", document.pk)),
            category=document.kind,
        )
        for document in documents
    ]
    minutes = (
        Minutes.objects.filter(published_at__isnull=False, **where)
        .select_related("meeting__panel")
        .order_by("-published_at")[:FEED_LENGTH]
    )
    entries += [
        FeedEntry(
            title=f"{'Minutes' if m.is_locked else 'Draft minutes'}: {m.meeting.panel.name}, "
            f"{m.meeting.date:%A %-d %B %Y}",
            path=m.get_absolute_url(),
            published=m.published_at,
            updated=m.published_at,
            summary=f"The minutes of the meeting on {_date(m.meeting.date)}"
            + (f", approved on {_date(m.approved_on)}." if m.approved_on else ", as a draft."),
            unique_id=str(ids.uuid("minutes", m.pk)),
            category="minutes",
        )
        for m in minutes
        if m.published_at is not None  # the query's filter, for the type
    ]
    entries.sort(key=lambda e: e.published, reverse=True)
    return entries[:FEED_LENGTH]


def _panel(panel: Panel | None) -> dict:
    return {"panel": panel} if panel else {}


def publications_feed(panel: Panel | None, base_url: str, feed_path: str) -> str:
    council = Council.objects.order_by("pk").first()
    author = council.name if council else "Democratic Services"
    title = f"{panel.name}: published papers" if panel else f"{author}: scrutiny papers"
    feed = Atom1Feed(
        title=title,
        link=f"{base_url}{panel.get_absolute_url() if panel else '/'}",
        description="Agendas, supplements, papers and minutes as they are published.",
        language="en-GB",
        feed_url=f"{base_url}{feed_path}",
        author_name=f"{author}, Democratic Services",
        author_link=council.website if council and council.website else None,
        feed_copyright="Open Government Licence v3.0",
        feed_guid=f"urn:uuid:{_feed_uuid(panel)}",
    )
    for entry in publication_entries(panel):
        feed.add_item(
            title=entry.title,
            link=f"{base_url}{entry.path}",
            description=escape(entry.summary),  # Atom summaries are HTML
            pubdate=entry.published,
            updateddate=entry.updated,
            unique_id=f"urn:uuid:{entry.unique_id}",
            author_name=f"{author}, Democratic Services",
            categories=[entry.category],
        )
    return feed.writeString("utf-8")


def _feed_uuid(panel: Panel | None):
    ids = Identifiers.for_council()
    return ids.uuid("organization", panel.pk) if panel else ids.uuid("organization", 0)
