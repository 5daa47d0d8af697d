"""Members' register of interests: standing interests, kept as dated history.

Categories are those of the Relevant Authorities (Disclosable Pecuniary Interests) Regulations
2012 and the council's "other interests". A member submits changes to their own register; an
officer accepts them (the Localism Act 2011 gives the member 28 days to notify). A sensitive
interest (s.32) is on the register but its details are never published.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from scrutiny.committees.models import Person
from scrutiny.core.workflow import Workflow

NOTIFICATION_DAYS = 28  # Localism Act 2011 ss.30(1) and 31(2)-(3)


class InterestCategory(models.TextChoices):
    EMPLOYMENT = "employment", "Employment, office, trade, profession or vocation"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    CONTRACTS = "contracts", "Contracts with the council"
    LAND = "land", "Land in the council's area"
    LICENCES = "licences", "Licences to occupy land"
    CORPORATE_TENANCIES = "corporate_tenancies", "Corporate tenancies"
    SECURITIES = "securities", "Securities"
    APPOINTED_BODY = "appointed_body", "Body to which the council appointed or nominated you"
    PUBLIC_BODY = "public_body", "Public authority or body exercising functions of a public nature"
    CHARITY = "charity", "Body directed to charitable purposes"
    OPINION_BODY = "opinion_body", "Body seeking to influence public opinion or policy"


DISCLOSABLE_PECUNIARY = frozenset(
    {
        InterestCategory.EMPLOYMENT,
        InterestCategory.SPONSORSHIP,
        InterestCategory.CONTRACTS,
        InterestCategory.LAND,
        InterestCategory.LICENCES,
        InterestCategory.CORPORATE_TENANCIES,
        InterestCategory.SECURITIES,
    }
)


def category_group(category: str) -> str:
    if category in DISCLOSABLE_PECUNIARY:
        return "Disclosable pecuniary interest"
    return "Other interest"


class Interest(models.Model):
    """One entry on a member's register, from the date it arose until it ended."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=24, choices=InterestCategory.choices)
    description = models.TextField()
    is_sensitive = models.BooleanField(
        default=False,
        help_text="Disclosure could lead to violence or intimidation (Localism Act 2011 s.32): "
        "the published register says only that an interest is withheld.",
    )
    arose_on = models.DateField(help_text="When the interest arose (or the member took office).")
    registered_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )

    class Meta:
        ordering = ["person", "category", "arose_on", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_category_display()}"

    @property
    def group(self) -> str:
        return category_group(self.category)

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    def label(self) -> str:
        """For officers choosing the entry a declaration relates to."""
        text = self.description if len(self.description) <= 60 else self.description[:57] + "..."
        return f"{self.person.display_name}: {self.get_category_display()} - {text}"


class SubmissionStatus(models.TextChoices):
    PENDING = "pending", "Waiting for an officer"
    ACCEPTED = "accepted", "Accepted onto the register"
    DECLINED = "declined", "Declined"


SUBMISSION_WORKFLOW = Workflow(
    SubmissionStatus,
    [
        (SubmissionStatus.PENDING, SubmissionStatus.ACCEPTED, "Accept onto the register"),
        (SubmissionStatus.PENDING, SubmissionStatus.DECLINED, "Decline"),
    ],
)


class ChangeKind(models.TextChoices):
    ADD = "add", "A new interest"
    CHANGE = "change", "A change to an interest"
    END = "end", "An interest that has ended"


class InterestSubmission(models.Model):
    """A change to a member's register, notified by the member (or an officer for them)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    change = models.CharField(max_length=8, choices=ChangeKind.choices)
    interest = models.ForeignKey(
        Interest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text="The entry changed or ended.",
    )
    category = models.CharField(max_length=24, choices=InterestCategory.choices, blank=True)
    description = models.TextField(blank=True)
    is_sensitive = models.BooleanField(default=False)
    arose_on = models.DateField(help_text="When the interest arose, changed or ended.")
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)
    result = models.ForeignKey(
        Interest, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["submitted_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_change_display().lower()} ({self.get_status_display()})"

    @property
    def due_on(self) -> date:
        """The end of the 28 days the member has to notify, from the day the interest arose."""
        return self.arose_on + timedelta(days=NOTIFICATION_DAYS)
