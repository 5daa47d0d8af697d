"""A panel's meetings as iCalendar and its newly published papers as an Atom feed.

Feeds are read by calendar and feed readers that share one copy among many people, so they
always show the public view (an anonymous visitor's), whoever requests them: never withheld
content, never anything unpublished.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from scrutiny.committees.models import Meeting, MeetingStatus, Panel
from scrutiny.core.access import Level, visible
from scrutiny.core.search import plain
from scrutiny.documents.models import Document

FEED_LENGTH = 50
PUBLIC = AnonymousUser()


# iCalendar (RFC 5545) ----------------------------------------------------------------------


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _meeting_start(meeting: Meeting) -> datetime:
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time or time(0)))


def meetings_calendar(panel: Panel, base_url: str, host: str) -> str:
    meetings = Meeting.objects.filter(panel=panel).order_by("date", "start_time")
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{_escape(host)}//Scrutiny//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(panel.name)}",
    ]
    for meeting in meetings:
        cancelled = meeting.status == MeetingStatus.CANCELLED
        description = f"Agenda and papers: {base_url}{meeting.get_absolute_url()}"
        if meeting.notice:
            description = f"{meeting.notice}\n{description}"
        if cancelled and meeting.cancellation_reason:
            description = f"Cancelled: {meeting.cancellation_reason}\n{description}"
        if not meeting.is_public:
            description = f"Not open to the public.\n{description}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:meeting-{meeting.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{_utc(_meeting_start(meeting))}",
            f"SUMMARY:{_escape(('Cancelled: ' if cancelled else '') + panel.name)}",
            f"LOCATION:{_escape(meeting.venue)}",
            f"DESCRIPTION:{_escape(description)}",
            f"URL:{base_url}{meeting.get_absolute_url()}",
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


# Atom feed of published papers -------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    title: str
    path: str
    published: datetime
    summary: str
    unique_id: str


def publication_entries(panel: Panel) -> list[FeedEntry]:
    """Agendas and documents of the panel as the public sees them, newest first."""
    agendas = Meeting.objects.filter(panel=panel, agenda_published_at__isnull=False).order_by(
        "-agenda_published_at"
    )[:FEED_LENGTH]
    entries = [
        FeedEntry(
            title=f"Agenda published: {panel.name}, {meeting.date:%A %-d %B %Y}",
            path=meeting.get_absolute_url(),
            published=meeting.agenda_published_at,
            summary=f"The agenda for the meeting on {meeting.date:%-d %B %Y} at "
            f"{meeting.venue} is published.",
            unique_id=f"agenda-{meeting.pk}",
        )
        for meeting in agendas
    ]
    documents = visible(
        PUBLIC,
        Document.objects.filter(meeting__panel=panel).select_related("meeting"),
        Level.CONTENT,
    ).order_by("-published_at")[:FEED_LENGTH]
    entries += [
        FeedEntry(
            title=document.display_title,
            path=document.get_absolute_url(),
            published=document.published_at,
            summary=f"For the meeting on {document.meeting.date:%-d %B %Y}. "
            + plain(document.body_html)[:300],
            unique_id=f"document-{document.pk}",
        )
        for document in documents
    ]
    entries.sort(key=lambda e: e.published, reverse=True)
    return entries[:FEED_LENGTH]


def publications_feed(panel: Panel, base_url: str, host: str) -> str:
    feed = Atom1Feed(
        title=f"{panel.name}: published papers",
        link=f"{base_url}{panel.get_absolute_url()}",
        description=f"Agendas and documents published for the {panel.name}.",
        language="en-GB",
        feed_url=f"{base_url}/panels/{panel.slug}/papers.atom",
    )
    for entry in publication_entries(panel):
        feed.add_item(
            title=entry.title,
            link=f"{base_url}{entry.path}",
            description=escape(entry.summary),  # Atom summaries are HTML
            pubdate=entry.published,
            updateddate=entry.published,
            unique_id=f"tag:{host},2024:{entry.unique_id}",
        )
    return feed.writeString("utf-8")
