"""Reads for recommendations: the tracker, the monitoring report as at a date, decisions due."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.access import Level, visible
from scrutiny.recommendations.models import (
    OFF_THE_LIST,
    ActionUpdate,
    Recommendation,
    RecommendationStatus,
    StatusChange,
)

# How the tracker prints each status in its "Progress Status" column.
TRACKER_LABELS = {
    RecommendationStatus.PROPOSED: "Not started",
    RecommendationStatus.IN_PROGRESS: "In progress",
    RecommendationStatus.COMPLETE: "Complete",
    RecommendationStatus.REJECTED: "Rejected",
    RecommendationStatus.ACCEPTED: "Accepted",
    RecommendationStatus.REMOVED: "Removed",
}


def _with_history(queryset: QuerySet[Recommendation]) -> QuerySet[Recommendation]:
    return queryset.select_related(
        "meeting__panel",
        "meeting__minutes",
        "resolution__item",
        "lead_officer",
        "target_meeting",
        "proposed_by",
    ).prefetch_related(
        Prefetch(
            "changes",
            queryset=StatusChange.objects.select_related("at_meeting").order_by("on", "pk"),
        ),
        Prefetch("updates", queryset=ActionUpdate.objects.order_by("on", "pk")),
        "evidence_links",
    )


def status_before(recommendation: Recommendation, day: date) -> str | None:
    """The status as it stood at the start of ``day`` (changes dated that day not yet made)."""
    status = None
    for change in recommendation.changes.all():
        if change.on < day:
            status = change.to_status
    return status


def action_taken_before(recommendation: Recommendation, day: date) -> str:
    text = ""
    for update in recommendation.updates.all():
        if update.on < day:
            text = update.text
    return text


@dataclass(frozen=True)
class MonitoringRow:
    recommendation: Recommendation
    number: int
    action_proposed: str
    action_taken: str
    status: str

    @property
    def status_label(self) -> str:
        return TRACKER_LABELS[RecommendationStatus(self.status)]


@dataclass
class MonitoringGroup:
    meeting_date: date
    title: str
    rows: list[MonitoringRow] = field(default_factory=list)


@dataclass
class MonitoringReport:
    panel: Panel
    on: date
    groups: list[MonitoringGroup]

    @property
    def rows(self) -> list[MonitoringRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def title(self) -> str:
        return f"Scrutiny Monitoring - {self.on:%-d %B %Y}"


def _order_key(rec: Recommendation):
    minute_number = rec.resolution.item.number if rec.resolution is not None else 10**6
    return (rec.meeting.date, minute_number, rec.title, rec.number, rec.pk)


def monitoring_report(panel: Panel, on: date, user: Any = None) -> MonitoringReport:
    """Every recommendation still on the list at the start of ``on``, as it stood then.

    Grouped by meeting and item, numbered within the item. A recommendation leaves the list
    when the panel accepts it (or, once rejected and reported, removes it); a report dated the
    day of that meeting still shows it, since the panel decides on the report it has in front
    of it. ``user`` None means the public version (nothing from exempt minutes).
    """
    queryset = visible(
        user,
        Recommendation.objects.filter(meeting__panel=panel, meeting__date__lt=on),
        Level.CONTENT,
    )
    groups: dict[tuple[date, str], MonitoringGroup] = {}
    for rec in sorted(_with_history(queryset), key=_order_key):
        status = status_before(rec, on)
        if status is None or status in OFF_THE_LIST:
            continue
        group = groups.setdefault(
            (rec.meeting.date, rec.title), MonitoringGroup(rec.meeting.date, rec.title)
        )
        group.rows.append(
            MonitoringRow(
                rec, rec.number, rec.action_proposed, action_taken_before(rec, on), status
            )
        )
    return MonitoringReport(panel=panel, on=on, groups=list(groups.values()))


def tracker(panel: Panel, user: Any) -> QuerySet[Recommendation]:
    """The recommendations currently on the list, with their history, for the tracker page."""
    queryset = Recommendation.objects.filter(meeting__panel=panel).exclude(status__in=OFF_THE_LIST)
    return _with_history(visible(user, queryset, Level.CONTENT)).order_by("meeting__date", "pk")


def recommendations_made_at(meeting: Meeting, user: Any) -> QuerySet[Recommendation]:
    return _with_history(visible(user, meeting.recommendations.all(), Level.CONTENT)).order_by(
        "title", "number"
    )


def decisions_due(meeting: Meeting, user: Any) -> list[MonitoringRow]:
    """Items on this meeting's report that the panel decides on: complete and rejected ones.

    Statuses are as the report showed them, so decisions already recorded stay listed."""
    report = monitoring_report(meeting.panel, meeting.date, user=user)
    return [
        row
        for row in report.rows
        if row.status in (RecommendationStatus.COMPLETE, RecommendationStatus.REJECTED)
    ]


def decision_taken(row: MonitoringRow, meeting: Meeting) -> StatusChange | None:
    for change in row.recommendation.changes.all():
        if change.at_meeting_id == meeting.pk and change.from_status == row.status:
            return change
    return None
