"""CSV downloads of a panel's records, as the person downloading may see them.

Each file is built from the same reads as the pages (and the same access check), so a
download never holds more than its page: recommendations made in private, declarations on
minutes taken in private and unpublished minutes are left out for the public. Dates are ISO
8601 (YYYY-MM-DD) so spreadsheets sort them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from scrutiny.committees.models import Attendance, Membership, Panel, Seat, Substitution
from scrutiny.core.access import Level, access_level, role_for, visible
from scrutiny.minutes.models import Declaration
from scrutiny.recommendations.models import Recommendation, RecommendationStatus
from scrutiny.recommendations.queries import TRACKER_LABELS, tracker
from scrutiny.workprogramme.models import WorkItem

Rows = list[list[Any]]


def to_csv(rows: Rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def recommendations_rows(panel: Panel, user: Any) -> Rows:
    rows: Rows = [
        [
            "meeting_date",
            "minute",
            "item",
            "number",
            "action_proposed",
            "addressee_kind",
            "addressee",
            "due_date",
            "status",
            "progress_status",
            "latest_action_taken",
            "executive_response_due",
            "executive_response_received",
            "executive_response",
        ]
    ]
    for r in tracker(panel, user):
        updates = list(r.updates.all())
        rows.append(
            [
                r.meeting.date.isoformat(),
                r.resolution.item.number if r.resolution is not None else "",
                r.title,
                r.number,
                r.action_proposed,
                r.get_addressee_kind_display(),
                r.addressee,
                r.due_date.isoformat() if r.due_date else "",
                r.status,
                TRACKER_LABELS[RecommendationStatus(r.status)],
                updates[-1].text if updates else "",
                r.response_due.isoformat() if r.response_due else "",
                r.response_received_on.isoformat() if r.response_received_on else "",
                r.response_text,
            ]
        )
    return rows


def attendance_rows(panel: Panel, user: Any) -> Rows:
    """Attendance recorded at held meetings (attendance is public business)."""
    rows: Rows = [["meeting_date", "person", "kind", "capacity", "status"]]
    attendances = (
        Attendance.objects.filter(meeting__panel=panel)
        .select_related("meeting", "person")
        .order_by("meeting__date", "person__kind", "person__name")
    )
    appointed = {
        (m.person_id, m.seat.panel_id): m
        for m in Membership.objects.filter(
            seat__panel=panel, seat__kind=Seat.Kind.APPOINTED
        ).select_related("seat")
    }
    substitutes = {
        (s.meeting_id, s.substitute_id): s.member.display_name
        for s in Substitution.objects.filter(meeting__panel=panel).select_related("member")
    }
    for a in attendances:
        if (a.meeting_id, a.person_id) in substitutes:
            capacity = f"Substitute for {substitutes[(a.meeting_id, a.person_id)]}"
        elif (a.person_id, panel.pk) in appointed or a.person.kind == "appointed":
            capacity = "Appointed member"
        else:
            capacity = "Member"
        rows.append(
            [
                a.meeting.date.isoformat(),
                a.person.display_name,
                a.person.get_kind_display(),
                capacity,
                a.get_status_display(),
            ]
        )
    return rows


def declarations_rows(panel: Panel, user: Any) -> Rows:
    """The register of interests declared at the panel's meetings."""
    rows: Rows = [["meeting_date", "person", "kind", "minute", "matter"]]
    declarations = (
        Declaration.objects.filter(minutes__meeting__panel=panel)
        .select_related("minutes__meeting", "person", "item__minutes__meeting")
        .order_by("minutes__meeting__date", "person__name", "pk")
    )
    if not role_for(user).sees_everything:
        declarations = declarations.filter(minutes__published_at__isnull=False)
    for d in declarations:
        # A declaration on a minute taken in private can reveal the business: only where
        # that minute's content is readable.
        if d.item is not None and access_level(user, d.item) is not Level.CONTENT:
            continue
        rows.append(
            [
                d.minutes.meeting.date.isoformat(),
                d.person.display_name,
                d.get_kind_display(),
                d.item.number if d.item else "",
                d.matter,
            ]
        )
    return rows


def work_programme_rows(panel: Panel, user: Any) -> Rows:
    rows: Rows = [
        ["municipal_year", "topic", "reason", "detail", "target", "status", "recommendations"]
    ]
    items = list(
        WorkItem.objects.filter(panel=panel)
        .select_related("municipal_year", "target_meeting")
        .prefetch_related("recommendations__meeting")
        .order_by("municipal_year__start_date", "target_meeting__date", "pk")
    )
    allowed = set(
        visible(
            user, Recommendation.objects.filter(work_items__in=items), Level.CONTENT
        ).values_list("pk", flat=True)
    )
    for w in items:
        linked = [
            f"{r.meeting.date.isoformat()} {r.title} {r.number})"
            for r in w.recommendations.all()
            if r.pk in allowed
        ]
        rows.append(
            [
                w.municipal_year.label,
                w.topic,
                w.get_reason_display(),
                w.detail,
                w.target_meeting.date.isoformat()
                if w.target_meeting is not None
                else w.target_period,
                w.get_status_display(),
                "; ".join(linked),
            ]
        )
    return rows


DOWNLOADS: dict[str, tuple[str, Callable[[Panel, Any], Rows]]] = {
    "recommendations": ("Recommendations tracker", recommendations_rows),
    "attendance": ("Attendance at meetings", attendance_rows),
    "declarations": ("Declarations of interest", declarations_rows),
    "work-programme": ("Work programme", work_programme_rows),
}
