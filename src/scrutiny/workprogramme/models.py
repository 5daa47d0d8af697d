"""The panel's work programme: topics planned for future meetings and why they are there."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from scrutiny.committees.models import Meeting, MunicipalYear, Panel, Person
from scrutiny.core.workflow import Workflow
from scrutiny.recommendations.models import Recommendation


class WorkItemReason(models.TextChoices):
    RECOMMENDATION_FOLLOW_UP = "follow_up", "Follow-up of a recommendation"
    PANEL_REQUEST = "panel_request", "Requested by the panel"
    FORWARD_PLAN = "forward_plan", "Key decision on the forward plan"
    PUBLIC_SUGGESTION = "public_suggestion", "Suggested by a member of the public"


class WorkItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    CONSIDERED = "considered", "Considered by the panel"
    WITHDRAWN = "withdrawn", "Withdrawn"


WORK_ITEM_WORKFLOW = Workflow(
    WorkItemStatus,
    [
        (WorkItemStatus.PLANNED, WorkItemStatus.CONSIDERED, "Record that the panel considered it"),
        (WorkItemStatus.PLANNED, WorkItemStatus.WITHDRAWN, "Withdraw it from the programme"),
    ],
)


class WorkItem(models.Model):
    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="work_items")
    municipal_year = models.ForeignKey(
        MunicipalYear, on_delete=models.PROTECT, related_name="work_items"
    )
    topic = models.CharField(max_length=300)
    reason = models.CharField(max_length=20, choices=WorkItemReason.choices)
    detail = models.TextField(blank=True, help_text="What the panel wants to know.")
    lead_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_items"
    )
    target_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="work_items"
    )
    target_period = models.CharField(
        max_length=60, blank=True, help_text='For example "January 2025" or "2025/26".'
    )
    recommendations = models.ManyToManyField(Recommendation, blank=True, related_name="work_items")
    status = models.CharField(
        max_length=16, choices=WorkItemStatus.choices, default=WorkItemStatus.PLANNED
    )
    status_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["municipal_year__start_date", "target_meeting__date", "pk"]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse(
            "workprogramme:year",
            args=[self.panel.slug, self.municipal_year.label.replace("/", "-")],
        )

    @property
    def target_label(self) -> str:
        if self.target_meeting is not None:
            return f"{self.target_meeting.date:%-d %B %Y}"
        return self.target_period
