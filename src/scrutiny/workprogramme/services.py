"""Every change to the work programme: atomic, validated and audited."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.committees.models import Meeting, MunicipalYear, Panel, Person
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.recommendations.models import Recommendation
from scrutiny.workprogramme.models import (
    WORK_ITEM_WORKFLOW,
    WorkItem,
    WorkItemReason,
    WorkItemStatus,
)


@transaction.atomic
def work_item_add(
    *,
    actor: Actor,
    panel: Panel,
    municipal_year: MunicipalYear,
    topic: str,
    reason: str,
    detail: str = "",
    lead_officer: Person | None = None,
    target_meeting: Meeting | None = None,
    target_period: str = "",
    recommendations: Iterable[Recommendation] = (),
) -> WorkItem:
    require_officer(actor)
    recommendations = list(recommendations)
    errors = {}
    if not topic.strip():
        errors["topic"] = "Enter the topic."
    if reason not in WorkItemReason.values:
        errors["reason"] = "Choose why the item is on the work programme."
    if target_meeting is None and not target_period.strip():
        errors["target_period"] = (
            'Choose a target meeting or give a period, such as "January 2025".'
        )
    if target_meeting is not None and target_meeting.panel_id != panel.pk:
        errors["target_meeting"] = "The target meeting must be a meeting of this panel."
    if target_meeting is not None and not (
        municipal_year.start_date <= target_meeting.date <= municipal_year.end_date
    ):
        errors["target_meeting"] = (
            f"The target meeting is not in the municipal year {municipal_year}."
        )
    if reason == WorkItemReason.RECOMMENDATION_FOLLOW_UP and not recommendations:
        errors["recommendations"] = "A follow-up item links to the recommendation that created it."
    if any(r.meeting.panel_id != panel.pk for r in recommendations):
        errors["recommendations"] = "Link only recommendations of this panel."
    if errors:
        raise ValidationError(errors)
    item = WorkItem.objects.create(
        panel=panel,
        municipal_year=municipal_year,
        topic=topic.strip(),
        reason=reason,
        detail=detail.strip(),
        lead_officer=lead_officer,
        target_meeting=target_meeting,
        target_period=target_period.strip(),
    )
    item.recommendations.set(recommendations)
    audit_record(
        actor=actor,
        action="workprogramme.work_item_add",
        target=item,
        to_state=item.status,
        data={"recommendations": [r.pk for r in recommendations]},
    )
    return item


@transaction.atomic
def work_item_schedule(*, actor: Actor, item: WorkItem, target_meeting: Meeting) -> WorkItem:
    """Place a planned item on a particular meeting's agenda plan."""
    require_officer(actor)
    item = WorkItem.objects.select_for_update().select_related("municipal_year").get(pk=item.pk)
    if item.status != WorkItemStatus.PLANNED:
        raise ValidationError("Only a planned item can be scheduled.")
    if target_meeting.panel_id != item.panel_id:
        raise ValidationError(
            {"target_meeting": "The target meeting must be a meeting of this panel."}
        )
    year = item.municipal_year
    if not (year.start_date <= target_meeting.date <= year.end_date):
        raise ValidationError(
            {"target_meeting": f"The target meeting is not in the municipal year {year}."}
        )
    before = item.target_meeting_id
    item.target_meeting = target_meeting
    item.save(update_fields=["target_meeting"])
    audit_record(
        actor=actor,
        action="workprogramme.work_item_schedule",
        target=item,
        data={"from_meeting": before, "to_meeting": target_meeting.pk},
    )
    return item


@transaction.atomic
def work_item_transition(*, actor: Actor, item: WorkItem, to: str, reason: str = "") -> WorkItem:
    require_officer(actor)
    item = WorkItem.objects.select_for_update().get(pk=item.pk)
    WORK_ITEM_WORKFLOW.check(item.status, to, what="work programme item")
    if to == WorkItemStatus.WITHDRAWN and not reason.strip():
        raise ValidationError({"reason": "Say why the item is withdrawn."})
    previous = item.status
    item.status, item.status_reason = to, reason.strip()
    item.save(update_fields=["status", "status_reason"])
    audit_record(
        actor=actor,
        action="workprogramme.work_item_transition",
        target=item,
        from_state=previous,
        to_state=to,
        data={"reason": reason.strip()} if reason else None,
    )
    return item
