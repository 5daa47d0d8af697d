"""API records for who attended, what they declared and the published register of interests.

Each is read through the same query as its page: attendance as the meeting page lists it,
declarations as the panel's download holds them (none on a minute taken in private unless the
caller may read that minute), and the register as the person page publishes it (a sensitive
interest is never listed, only counted, as the Localism Act 2011 s.32 requires).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from scrutiny.committees import queries as committees
from scrutiny.committees.models import Attendance, Meeting, Person
from scrutiny.core.access import Level, access_level, role_for
from scrutiny.interests.models import Interest
from scrutiny.interests.queries import published_register
from scrutiny.minutes.models import Declaration
from scrutiny.public.ocd import Identifiers

API = "/api/v1"
STATUS_CODES = {label: value for value, label in Attendance.Status.choices}
REGISTER_KINDS = (Person.Kind.COUNCILLOR, Person.Kind.APPOINTED)


def attendance(meeting: Meeting, ids: Identifiers) -> list[dict]:
    """The meeting's attendance as its page shows it (recorded once the meeting is held)."""
    if not meeting.has_been_held:
        return []
    return [
        {
            "event_id": ids.ocd("event", meeting.pk),
            "person_id": (
                ids.ocd("person", line.person.pk)
                if line.person.kind != Person.Kind.OFFICER
                else None
            ),
            "person_name": line.person.display_name,
            "status": STATUS_CODES.get(line.status, line.status),
            "status_label": line.status,
            "capacity": line.capacity,
        }
        for line in committees.meeting_attendance(meeting)
    ]


def readable_declarations(user: Any) -> list[Declaration]:
    """Declarations in published minutes, leaving out those on a minute the caller may not
    read: a declaration there can reveal the private business."""
    rows: QuerySet[Declaration] = Declaration.objects.select_related(
        "minutes__meeting__panel", "person", "item", "interest"
    ).order_by("minutes__meeting__date", "person__name", "pk")
    if not role_for(user).sees_everything:
        rows = rows.filter(minutes__published_at__isnull=False)
    return [d for d in rows if d.item is None or access_level(user, d.item) is Level.CONTENT]


def declaration(d: Declaration, ids: Identifiers) -> dict:
    interest = d.interest
    return {
        "id": ids.ocd("declaration", d.pk),
        "event_id": ids.ocd("event", d.minutes.meeting_id),
        "organization_id": ids.ocd("organization", d.minutes.meeting.panel_id),
        "meeting_date": d.minutes.meeting.date,
        "person_id": ids.ocd("person", d.person_id),
        "person_name": d.person.display_name,
        "kind": d.kind,
        "kind_label": d.get_kind_display(),
        "minute": d.item.number if d.item is not None else None,
        "matter": d.matter,
        # A sensitive entry on the register is never linked: its identifier would betray it.
        "interest_id": (
            ids.ocd("interest", interest.pk)
            if interest is not None and not interest.is_sensitive
            else None
        ),
        "minutes_api_url": f"{API}/meetings/{d.minutes.meeting_id}/minutes",
    }


def register_people() -> QuerySet[Person]:
    """Those whose register is published: councillors and appointed members."""
    return Person.objects.filter(kind__in=REGISTER_KINDS).order_by("name")


def published_interests() -> QuerySet[Interest]:
    return (
        Interest.objects.filter(person__kind__in=REGISTER_KINDS, is_sensitive=False)
        .select_related("person")
        .order_by("person__name", "category", "arose_on", "pk")
    )


def interest(i: Interest, ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("interest", i.pk),
        "person_id": ids.ocd("person", i.person_id),
        "person_name": i.person.display_name,
        "category": i.category,
        "category_label": i.get_category_display(),
        "group": i.group,
        "description": i.description,
        "arose_on": i.arose_on,
        "registered_on": i.registered_on,
        "ended_on": i.ended_on,
        "current": i.is_current,
    }


def register(person: Person, ids: Identifiers) -> dict:
    published = published_register(person)
    return {
        "person_id": ids.ocd("person", person.pk),
        "person_name": person.display_name,
        "page_url": person.get_absolute_url() + "#interests",
        "current": [interest(i, ids) for i in published.current],
        "past": [interest(i, ids) for i in published.past],
        "withheld_count": published.withheld_count,
    }
