"""The safeguarding partnership's case reviews register.

A case is known by the partnership's internal reference only: no name, date of birth or
identifier of a child is ever stored (``scrutiny.core.identifiers`` refuses them). A case
moves from referral through the serious incident notification, the rapid review and its
decision, to a local child safeguarding practice review (LCSPR) or a thematic review, its
publication and, once every recommendation has evidence of impact, its closure. The states
and the guards on each move are declared once, below.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees.models import Panel
from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.models import ExemptCategory
from scrutiny.core.workflow import Workflow

# Partnership staff keep the register: they see and edit every case; officers can too.
PARTNERSHIP_GROUP = "Partnership staff"


class Partnership(models.Model):
    """A safeguarding children partnership whose reviews a panel scrutinises."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40)
    panel = models.ForeignKey(
        Panel,
        on_delete=models.PROTECT,
        related_name="partnerships",
        help_text="The scrutiny panel whose members may read the published reviews.",
    )

    def __str__(self) -> str:
        return self.name


class LearningTheme(models.Model):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DecisionKind(models.TextChoices):
    LCSPR = "lcspr", "Local child safeguarding practice review"
    THEMATIC = "thematic", "Thematic review"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"


class CaseStatus(models.TextChoices):
    REFERRED = "referred", "Referred for consideration"
    NOTIFIED = "notified", "Notified: rapid review due"
    LCSPR = "lcspr", "Practice review under way"
    THEMATIC = "thematic", "In a thematic review"
    NO_FURTHER_REVIEW = "no_further_review", "No further review"
    PUBLISHED = "published", "Review published"
    CLOSED = "closed", "Closed: learning embedded"


def _needs(field: str, message: str):
    def guard(case: CaseReview) -> str | None:
        return None if getattr(case, field) else message

    return guard


def _not_before(later: str, earlier: str, message: str):
    def guard(case: CaseReview) -> str | None:
        a, b = getattr(case, later), getattr(case, earlier)
        return message if a and b and a < b else None

    return guard


def _recommendations_complete(case: CaseReview) -> str | None:
    open_count = case.recommendations.exclude(status=ActionStatus.COMPLETE).count()
    if open_count:
        return (
            f"{open_count} recommendation(s) still open: record the evidence of impact "
            "before closing the case."
        )
    return None


NOTIFIED = (
    _needs("notification_date", "Enter the date of the serious incident notification."),
    _not_before(
        "notification_date",
        "aware_date",
        "The notification cannot be before the local authority became aware.",
    ),
)
RAPID_REVIEW = (
    _needs("rapid_review_date", "Enter the date of the rapid review."),
    _needs("decision_date", "Enter the date of the decision."),
    _not_before(
        "rapid_review_date",
        "notification_date",
        "The rapid review cannot be before the notification.",
    ),
    _not_before(
        "decision_date", "rapid_review_date", "The decision cannot be before the rapid review."
    ),
)
DECIDED_WITHOUT_REVIEW = (
    _needs("decision_date", "Enter the date of the decision."),
    _not_before("decision_date", "aware_date", "The decision cannot be before the referral."),
)
PUBLISHED = (
    _needs("published_on", "Enter the date the review was published."),
    _needs("publication_url", "Enter the address where the review is published."),
    _not_before("published_on", "decision_date", "Publication cannot be before the decision."),
)
LCSPR_PUBLISHED = (
    _needs("commissioned_on", "Enter the date the review was commissioned."),
    *PUBLISHED,
)
CLOSED = (_needs("closed_on", "Enter the date the case closed."), _recommendations_complete)

C = CaseStatus
CASE_WORKFLOW = Workflow(
    CaseStatus,
    [
        (C.REFERRED, C.NOTIFIED, "Record the serious incident notification", NOTIFIED),
        (
            C.REFERRED,
            C.THEMATIC,
            "Include in a thematic review (not notifiable)",
            DECIDED_WITHOUT_REVIEW,
        ),
        (
            C.REFERRED,
            C.NO_FURTHER_REVIEW,
            "Decide on no further review (not notifiable)",
            DECIDED_WITHOUT_REVIEW,
        ),
        (C.NOTIFIED, C.LCSPR, "Rapid review: commission a practice review", RAPID_REVIEW),
        (C.NOTIFIED, C.THEMATIC, "Rapid review: include in a thematic review", RAPID_REVIEW),
        (C.NOTIFIED, C.NO_FURTHER_REVIEW, "Rapid review: no further review", RAPID_REVIEW),
        (C.LCSPR, C.PUBLISHED, "Record the publication of the review", LCSPR_PUBLISHED),
        (C.THEMATIC, C.PUBLISHED, "Record the publication of the thematic review", PUBLISHED),
        (C.THEMATIC, C.CLOSED, "Close: the learning is embedded", CLOSED),
        (C.NO_FURTHER_REVIEW, C.CLOSED, "Close: the learning is embedded", CLOSED),
        (C.PUBLISHED, C.CLOSED, "Close: the learning is embedded", CLOSED),
    ],
)
# The state a decision of each kind leads to.
DECISION_STATE = {
    DecisionKind.LCSPR: C.LCSPR,
    DecisionKind.THEMATIC: C.THEMATIC,
    DecisionKind.NO_FURTHER_REVIEW: C.NO_FURTHER_REVIEW,
}


class CaseReview(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="cases")
    reference = models.CharField(max_length=24, unique=True)
    incident_date = models.DateField()
    aware_date = models.DateField(help_text="When the local authority became aware.")
    notification_date = models.DateField(null=True, blank=True)
    rapid_review_date = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=20, choices=DecisionKind.choices, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    # Practice review milestones.
    commissioned_on = models.DateField(null=True, blank=True)
    reviewer = models.CharField(max_length=200, blank=True, help_text="The lead reviewer.")
    draft_received_on = models.DateField(null=True, blank=True)
    sent_to_national_panel_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    publication_url = models.URLField(blank=True)
    themes = models.ManyToManyField(LearningTheme, blank=True, related_name="cases")
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=C.REFERRED)
    closed_on = models.DateField(null=True, blank=True)
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-aware_date", "reference"]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("reviews:case", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    # Access: case details are withheld; a published review is readable by the members of
    # the panel that scrutinises the partnership; partnership staff see every case.
    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.partnership.panel_id,
            meeting_id=None,
            published=self.is_published,
            withheld=True,
            editors_group=PARTNERSHIP_GROUP,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="partnership__panel",
            meeting=None,
            published=Q(published_on__isnull=False),
            withheld=Q(pk__isnull=False),
            editors_group=PARTNERSHIP_GROUP,
        )


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete: impact evidenced"


A = ActionStatus
ACTION_COMPLETE = (
    _needs("action", "Describe the action taken."),
    _needs("evidence_of_impact", "Describe the evidence that the action made a difference."),
    _needs("completed_on", "Enter the date it was completed."),
)
ACTION_WORKFLOW = Workflow(
    ActionStatus,
    [
        (A.OPEN, A.IN_PROGRESS, "Record that work has started"),
        (A.OPEN, A.COMPLETE, "Record it as complete, with evidence of impact", ACTION_COMPLETE),
        (
            A.IN_PROGRESS,
            A.COMPLETE,
            "Record it as complete, with evidence of impact",
            ACTION_COMPLETE,
        ),
        (A.COMPLETE, A.IN_PROGRESS, "Reopen: the evidence does not show impact yet"),
    ],
)


class ReviewRecommendation(models.Model):
    case = models.ForeignKey(CaseReview, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    owning_agency = models.CharField(max_length=200)
    action = models.TextField(blank=True)
    evidence_of_impact = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=ActionStatus.choices, default=A.OPEN)
    recorded_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="unique_review_recommendation")
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} recommendation {self.number}"

    # Access: a recommendation is read with its case.
    def access_facts(self) -> AccessFacts:
        return self.case.access_facts()

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="case__partnership__panel",
            meeting=None,
            published=Q(case__published_on__isnull=False),
            withheld=Q(pk__isnull=False),
            editors_group=PARTNERSHIP_GROUP,
        )
