"""Records for the API, read through the one access check (scrutiny.core.access).

Every function takes the user the API is answering (anonymous unless a personal token was
given) and returns plain data. A withheld paper, agenda item or minute is listed with its
title and exempt paragraph only, as on the pages; anything unpublished is left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting, MeetingStatus, Membership, Panel, Person
from scrutiny.core.access import Level, access_level, role_for, visible
from scrutiny.core.models import ExemptCategory
from scrutiny.documents.models import Document
from scrutiny.minutes.models import DiscussionPoint, MinuteItem, Minutes, Resolution
from scrutiny.public.ocd import Identifiers
from scrutiny.recommendations.models import ActionUpdate, Recommendation, StatusChange
from scrutiny.workprogramme.models import WorkItem

# Calendars and the API assume this length for a meeting with no recorded end.
DEFAULT_MEETING_LENGTH = timedelta(hours=2)
TIMEZONE = "Europe/London"
API = "/api/v1"


def category(cat: ExemptCategory | None) -> dict | None:
    if cat is None:
        return None
    return {"paragraph": cat.code, "title": cat.title, "confidential": cat.is_confidential}


def meeting_start(meeting: Meeting) -> datetime:
    """Local time with its UTC offset (the council's clock, summer or winter)."""
    return timezone.make_aware(datetime.combine(meeting.date, meeting.start_time or time(0)))


def meeting_end(meeting: Meeting) -> datetime:
    if meeting.end_time and meeting.end_time > meeting.start_time:
        return timezone.make_aware(datetime.combine(meeting.date, meeting.end_time))
    return timezone.localtime(meeting_start(meeting) + DEFAULT_MEETING_LENGTH)


def event_status(meeting: Meeting) -> str:
    """OCD event status: cancelled, passed (held) or confirmed."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "cancelled"
    if meeting.has_been_held or meeting.date < timezone.localdate():
        return "passed"
    return "confirmed"


# Panels, people, memberships ---------------------------------------------------------------


def organization(panel: Panel, ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("organization", panel.pk),
        "pk": panel.pk,
        "name": panel.name,
        "slug": panel.slug,
        "classification": "committee",
        "remit": panel.remit,
        "terms_of_reference": [
            line.strip().removeprefix("- ")
            for line in panel.terms_of_reference.splitlines()
            if line.strip()
        ],
        "quorum": panel.quorum,
        "links": [
            {"url": panel.get_absolute_url(), "note": "panel page"},
            {
                "url": reverse("public:panel_calendar", args=[panel.slug]),
                "note": "meetings calendar",
            },
        ],
    }


def public_people() -> QuerySet[Person]:
    """Councillors and appointed members: officers have no public record of their own."""
    return Person.objects.exclude(kind=Person.Kind.OFFICER).order_by("name")


def person(p: Person, ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("person", p.pk),
        "pk": p.pk,
        "name": p.name,
        "display_name": p.display_name,
        "kind": p.kind,
        "ward": p.ward,
        "party": p.party,
        # A councillor's council contact details are published; others' are not.
        "email": p.email if p.kind == Person.Kind.COUNCILLOR else "",
        "telephone": p.telephone if p.kind == Person.Kind.COUNCILLOR else "",
        "links": [{"url": p.get_absolute_url(), "note": "person page"}],
    }


def memberships() -> QuerySet[Membership]:
    return (
        Membership.objects.exclude(person__kind=Person.Kind.OFFICER)
        .select_related("seat__panel", "person")
        .order_by("seat__panel__name", "start_date", "pk")
    )


def membership(m: Membership, ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("membership", m.pk),
        "pk": m.pk,
        "organization_id": ids.ocd("organization", m.seat.panel_id),
        "person_id": ids.ocd("person", m.person_id),
        "person_name": m.person.display_name,
        "role": m.role,
        "label": m.seat.label,
        "seat_kind": m.seat.kind,
        "start_date": m.start_date,
        "end_date": m.end_date,
    }


# Meetings, agendas, documents -------------------------------------------------------------


def meetings() -> QuerySet[Meeting]:
    return Meeting.objects.select_related("panel").order_by("date", "start_time", "pk")


def event(meeting: Meeting, ids: Identifiers) -> dict:
    cancelled = meeting.status == MeetingStatus.CANCELLED
    return {
        "id": ids.ocd("event", meeting.pk),
        "pk": meeting.pk,
        "name": f"{'Cancelled: ' if cancelled else ''}{meeting.panel.name}",
        "classification": "committee-meeting",
        "organization_id": ids.ocd("organization", meeting.panel_id),
        "organization_name": meeting.panel.name,
        "start_time": meeting_start(meeting),
        "end_time": meeting_end(meeting),
        "timezone": TIMEZONE,
        "status": event_status(meeting),
        "meeting_status": meeting.status,
        "location": meeting.venue,
        "open_to_public": meeting.is_public,
        "notice": meeting.notice,
        "cancellation_reason": meeting.cancellation_reason if cancelled else "",
        "agenda_published_at": meeting.agenda_published_at,
        "sequence": meeting.sequence,
        "updated_at": meeting.updated_at,
        "page_url": meeting.get_absolute_url(),
        "calendar_url": reverse("public:panel_calendar", args=[meeting.panel.slug]),
        "api_url": f"{API}/meetings/{meeting.pk}",
        "minutes_api_url": f"{API}/meetings/{meeting.pk}/minutes",
    }


def listed_documents(user: Any) -> QuerySet[Document]:
    """Documents the user may know of: withheld ones by title and paragraph only."""
    queryset = Document.objects.select_related(
        "meeting__panel", "exempt_category", "agenda_item__exempt_category"
    ).order_by("meeting__date", "agenda_item__number", "kind", "number", "pk")
    return visible(user, queryset, Level.LISTING)


def document(d: Document, user: Any, ids: Identifiers) -> dict:
    readable = access_level(user, d) is Level.CONTENT
    withheld = d.is_withheld()
    has_file = bool(d.file) and readable
    return {
        "id": ids.ocd("document", d.pk),
        "pk": d.pk,
        "event_id": ids.ocd("event", d.meeting_id),
        "agenda_item": d.agenda_item.number if d.agenda_item is not None else None,
        "title": d.display_title,
        "kind": d.kind,
        "withheld": not readable,
        "exempt_category": category(d.withholding_category) if withheld else None,
        "release_after": d.release_after if d.is_exempt else None,
        "published_at": d.published_at,
        "updated_at": d.updated_at,
        "version": d.version,
        "page_url": d.get_absolute_url(),
        "api_url": f"{API}/documents/{d.pk}",
        "file_url": reverse("documents:file", args=[d.pk]) if has_file else None,
        "media_type": d.content_type or None if has_file else None,
        "size": d.size if has_file else None,
    }


def event_detail(meeting: Meeting, user: Any, ids: Identifiers) -> dict:
    data = event(meeting, ids)
    docs = list(listed_documents(user).filter(meeting=meeting))
    by_item: dict[int | None, list[dict]] = defaultdict(list)
    for d in docs:
        by_item[d.agenda_item_id].append(document(d, user, ids))
    items = (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("exempt_category", "meeting")
        .order_by("number")
    )
    agenda = []
    for item in items:
        level = access_level(user, item)
        if level is Level.NONE:
            continue
        readable = level is Level.CONTENT
        agenda.append(
            {
                "order": item.number,
                "description": item.title,
                "kind": item.kind,
                "withheld": not readable,
                "exempt_category": category(item.exempt_category) if item.is_exempt else None,
                "summary": item.summary if readable else None,
                "documents": by_item.get(item.pk, []),
            }
        )
    data["agenda"] = agenda if agenda else None
    data["documents"] = by_item.get(None, [])
    return data


# Minutes -----------------------------------------------------------------------------------


def listed_minutes(user: Any) -> QuerySet[Minutes]:
    queryset = Minutes.objects.select_related("meeting__panel").order_by("meeting__date", "pk")
    if not role_for(user).sees_everything:
        queryset = queryset.filter(published_at__isnull=False)
    return queryset


def minutes(m: Minutes, user: Any, ids: Identifiers, *, with_items: bool) -> dict:
    data = {
        "id": ids.ocd("minutes", m.pk),
        "event_id": ids.ocd("event", m.meeting_id),
        "organization_id": ids.ocd("organization", m.meeting.panel_id),
        "meeting_date": m.meeting.date,
        "status": m.status,
        "published_at": m.published_at,
        "approved_on": m.approved_on,
        "page_url": m.get_absolute_url(),
        "api_url": f"{API}/meetings/{m.meeting_id}/minutes",
        "items": None,
    }
    if with_items:
        items = (
            MinuteItem.objects.filter(minutes=m)
            .select_related("exempt_category")
            .prefetch_related(
                Prefetch("points", queryset=DiscussionPoint.objects.order_by("order", "pk")),
                Prefetch("resolutions", queryset=Resolution.objects.order_by("number")),
            )
            .order_by("number")
        )
        entries = []
        for item in items:
            item.minutes = m
            readable = access_level(user, item) is Level.CONTENT
            entries.append(
                {
                    "number": item.number,
                    "title": item.title,
                    "withheld": not readable,
                    "exempt_category": category(item.exempt_category) if item.is_exempt else None,
                    "introduction": item.introduction if readable else None,
                    "discussion": [p.text for p in item.points.all()] if readable else None,
                    "resolutions": [
                        {"number": r.number, "numeral": r.numeral, "text": r.text}
                        for r in item.resolutions.all()
                    ]
                    if readable
                    else None,
                }
            )
        data["items"] = entries
    return data


# Recommendations and the work programme ---------------------------------------------------


def listed_recommendations(user: Any) -> QuerySet[Recommendation]:
    queryset = Recommendation.objects.select_related("meeting__panel").prefetch_related(
        Prefetch("changes", queryset=StatusChange.objects.order_by("on", "pk")),
        Prefetch("updates", queryset=ActionUpdate.objects.order_by("on", "pk")),
    )
    return visible(user, queryset, Level.CONTENT).order_by("meeting__date", "title", "number")


def recommendation(r: Recommendation, ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("recommendation", r.pk),
        "pk": r.pk,
        "event_id": ids.ocd("event", r.meeting_id),
        "organization_id": ids.ocd("organization", r.meeting.panel_id),
        "title": r.title,
        "number": r.number,
        "action_proposed": r.action_proposed,
        "addressee_kind": r.addressee_kind,
        "addressee": r.addressee,
        "due_date": r.due_date,
        "status": r.status,
        "status_history": [
            {
                "on": c.on,
                "from_status": c.from_status,
                "to_status": c.to_status,
                "reason": c.reason,
                "at_event_id": ids.ocd("event", c.at_meeting_id) if c.at_meeting_id else None,
            }
            for c in r.changes.all()
        ],
        "action_taken": [{"on": u.on, "text": u.text} for u in r.updates.all()],
        "executive_response": {
            "required": r.has_response_duty,
            "referred_on": r.referred_on,
            "response_due": r.response_due,
            "received_on": r.response_received_on,
            "text": r.response_text,
            "overdue": r.response_overdue(),
        },
        "page_url": r.get_absolute_url(),
        "api_url": f"{API}/recommendations/{r.pk}",
    }


def work_items() -> QuerySet[WorkItem]:
    return (
        WorkItem.objects.select_related("panel", "municipal_year", "target_meeting")
        .prefetch_related("recommendations")
        .order_by("municipal_year__start_date", "target_meeting__date", "pk")
    )


def work_item(w: WorkItem, allowed: set[int], ids: Identifiers) -> dict:
    return {
        "id": ids.ocd("workitem", w.pk),
        "pk": w.pk,
        "organization_id": ids.ocd("organization", w.panel_id),
        "municipal_year": w.municipal_year.label,
        "topic": w.topic,
        "reason": w.reason,
        "detail": w.detail,
        "status": w.status,
        "target_event_id": ids.ocd("event", w.target_meeting_id) if w.target_meeting_id else None,
        "target": w.target_label,
        "recommendation_ids": [
            ids.ocd("recommendation", r.pk) for r in w.recommendations.all() if r.pk in allowed
        ],
    }


def readable_recommendation_ids(user: Any, items: list[WorkItem]) -> set[int]:
    linked = Recommendation.objects.filter(work_items__in=items)
    return set(visible(user, linked, Level.CONTENT).values_list("pk", flat=True))


def updated_since_q(field: str, since: datetime | None) -> Q:
    return Q(**{f"{field}__gte": since}) if since else Q()


# Performance figures -----------------------------------------------------------------------


def indicator(i: Any) -> dict:
    return {
        "code": i.code,
        "name": i.name,
        "section": i.section.title,
        "definition": i.definition,
        "unit": i.unit,
        "polarity": i.polarity,
        "page_url": reverse("performance:indicator", args=[i.code]),
    }


def indicator_values(values: list[Any], *, exact: bool) -> list[dict]:
    """Monthly values as the viewer may see them: small numbers suppressed for the public,
    and numerators and denominators only where neither is a small number."""
    from scrutiny.performance.queries import target_for, value_cell
    from scrutiny.performance.rules import format_number
    from scrutiny.performance.suppression import is_small

    rows = []
    for v in values:
        cell = value_cell(v.indicator, v, exact)
        counts_shown = exact or not (
            cell.suppressed or is_small(v.numerator) or is_small(v.denominator)
        )
        target = target_for(list(v.indicator.targets.all()), v.month)
        rows.append(
            {
                "indicator": v.indicator.code,
                "month": v.month.strftime("%Y-%m"),
                "value": None if cell.suppressed else str(v.value),
                "display": cell.text,
                "suppressed": cell.suppressed,
                "numerator": v.numerator if counts_shown else None,
                "denominator": v.denominator if counts_shown else None,
                "as_at": v.as_at,
                "target": (
                    target.as_published
                    or format_number(target.value, v.indicator.decimals, v.indicator.unit)
                )
                if target
                else None,
                "updated_at": v.updated_at,
            }
        )
    return rows


def benchmark(b: Any) -> dict:
    from scrutiny.performance.rules import format_number

    return {
        "indicator": b.indicator.code,
        "comparator": b.comparator,
        "year": b.year_label,
        "value": format_number(b.value, b.decimals, b.indicator.unit),
    }
