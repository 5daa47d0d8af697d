"""Recommendations of the panel and what became of them.

A recommendation's history is a list of dated status changes; the monitoring report for a date
reads the status as it stood then, so a report can be reproduced after later decisions.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees.models import Meeting, Person
from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.versioning import Versioned
from scrutiny.core.workflow import Problem, Workflow
from scrutiny.minutes.models import Resolution


class RecommendationStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    ACCEPTED = "accepted", "Accepted by the panel"
    REJECTED = "rejected", "Rejected"
    REMOVED = "removed", "Removed"


S = RecommendationStatus


@dataclass(frozen=True)
class RecommendationMove:
    """What a change of status carries besides the recommendation (the guards' subject)."""

    recommendation: Recommendation
    at_meeting: Meeting | None = None  # where the panel decided, for its decisions
    on: date | None = None
    reason: str = ""


def decided_at_a_meeting(move: RecommendationMove) -> Problem | None:
    """The panel decides at one of its own meetings, dated that day."""
    if move.at_meeting is None:
        return ("at_meeting", "The panel decides this at a meeting: choose the meeting.")
    if move.at_meeting.panel_id != move.recommendation.meeting.panel_id:
        return ("at_meeting", "Only the panel that made the recommendation decides on it.")
    if move.on is not None and move.on != move.at_meeting.date:
        return ("on", "A panel decision is dated on the day of its meeting.")
    return None


def panel_reason_given(move: RecommendationMove) -> Problem | None:
    if not move.reason.strip():
        return ("reason", "Give the panel's reason for not accepting it as complete.")
    return None


def addressee_reason_given(move: RecommendationMove) -> Problem | None:
    if not move.reason.strip():
        return ("reason", "Give the addressee's reason for rejecting it.")
    return None


RECOMMENDATION_WORKFLOW = Workflow(
    RecommendationStatus,
    [
        (S.PROPOSED, S.IN_PROGRESS, "Record that work has started"),
        (S.PROPOSED, S.COMPLETE, "Record that the service has completed it"),
        (
            S.PROPOSED,
            S.REJECTED,
            "Record that the addressee rejected it",
            [addressee_reason_given],
        ),
        (S.IN_PROGRESS, S.COMPLETE, "Record that the service has completed it"),
        (
            S.IN_PROGRESS,
            S.REJECTED,
            "Record that the addressee rejected it",
            [addressee_reason_given],
        ),
        (S.COMPLETE, S.ACCEPTED, "The panel accepts it as complete", [decided_at_a_meeting]),
        (
            S.COMPLETE,
            S.IN_PROGRESS,
            "The panel does not accept it as complete",
            [decided_at_a_meeting, panel_reason_given],
        ),
        (
            S.REJECTED,
            S.REMOVED,
            "Remove it once reported to the panel",
            [decided_at_a_meeting],
        ),
    ],
)

# Panel decisions are taken at a meeting (the transitions guarded so in the table above).
PANEL_DECISIONS = frozenset(
    (t.source, t.target)
    for t in RECOMMENDATION_WORKFLOW.transitions
    if decided_at_a_meeting in t.guards
)

# Statuses in which a recommendation has left the tracker.
OFF_THE_LIST = (S.ACCEPTED, S.REMOVED)


class AddresseeKind(models.TextChoices):
    SERVICE = "service", "A council service"
    EXECUTIVE = "executive", "The executive (Cabinet)"
    CABINET_MEMBER = "cabinet_member", "A Cabinet Member"
    PARTNER = "partner", "A partner organisation"


EXECUTIVE_KINDS = (AddresseeKind.EXECUTIVE, AddresseeKind.CABINET_MEMBER)


class Recommendation(Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="recommendations")
    resolution = models.OneToOneField(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="recommendation"
    )
    title = models.CharField(max_length=300, help_text="The item title as the tracker shows it.")
    number = models.PositiveSmallIntegerField(help_text="Numbered within the item: 1), 2), ...")
    action_proposed = models.TextField()
    addressee_kind = models.CharField(max_length=20, choices=AddresseeKind.choices)
    addressee = models.CharField(max_length=200, help_text='For example "Children\'s Social Care".')
    lead_officer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_recommendations"
    )
    due_date = models.DateField(null=True, blank=True)
    target_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=16, choices=RecommendationStatus.choices, default=S.PROPOSED
    )
    # Local Government Act 2000, s.9FE: the executive responds within two months.
    referred_on = models.DateField(
        null=True, blank=True, help_text="When the executive received it."
    )
    response_due = models.DateField(null=True, blank=True)
    response_text = models.TextField(blank=True)
    response_received_on = models.DateField(null=True, blank=True)
    # The member who proposed it at the meeting: they may link it to evidence, as officers may.
    proposed_by = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_recommendations",
    )

    class Meta:
        ordering = ["meeting__date", "title", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "title", "number"], name="unique_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting.date:%d/%m/%y} {self.title} {self.number})"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", args=[self.pk])

    # Access: a recommendation is published with the minutes of the meeting that made it
    # (its resolution's minutes), never before: putting a resolution of draft minutes on the
    # tracker must not publish it. One made under an exempt minute is withheld like that minute.
    def access_facts(self) -> AccessFacts:
        minutes = getattr(self.meeting, "minutes", None)
        withheld = self.resolution is not None and self.resolution.item.is_exempt
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=minutes is not None and minutes.published_at is not None,
            withheld=withheld,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(meeting__minutes__published_at__isnull=False),
            withheld=Q(resolution__item__is_exempt=True),
        )

    @property
    def has_response_duty(self) -> bool:
        return self.addressee_kind in EXECUTIVE_KINDS

    def response_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.has_response_duty
            and self.response_due
            and not self.response_received_on
            and today > self.response_due
        )


class StatusChange(models.Model):
    """One dated step in a recommendation's life; the first is its creation."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="changes"
    )
    on = models.DateField()
    from_status = models.CharField(max_length=16, choices=RecommendationStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=RecommendationStatus.choices)
    at_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The meeting at which the panel decided, for panel decisions.",
    )
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.from_status or 'new'} -> {self.to_status}"


class ActionUpdate(models.Model):
    """A dated entry in the action-taken log, reported by the service."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates"
    )
    on = models.DateField()
    text = models.TextField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:60]}"


class EvidenceLink(models.Model):
    """The recommendation concerns this evidence (``core.evidence`` reference): an indicator,
    an education measure, a case review. Resolved each time it is shown, by its owner."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="evidence_links"
    )
    reference = models.CharField(
        max_length=200, help_text='For example "performance.indicator:re_referrals_pct".'
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "reference"], name="unique_recommendation_evidence"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} -> {self.reference}"
