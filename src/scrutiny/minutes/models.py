"""The minutes of a meeting: numbered minute items, who spoke, what was discussed and resolved.

Attendance is not duplicated here: the minutes print the meeting's committees.Attendance
records, which officers confirm from the minutes screen.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from scrutiny.committees.models import AgendaItem, Meeting, Person
from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.models import ExemptCategory
from scrutiny.core.versioning import Versioned
from scrutiny.core.workflow import Workflow


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved as a correct record"


MINUTES_WORKFLOW = Workflow(
    MinutesStatus,
    [(MinutesStatus.DRAFT, MinutesStatus.APPROVED, "Approve as a correct record")],
)


class Minutes(models.Model):
    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="minutes")
    status = models.CharField(
        max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the (draft or approved) minutes were made public."
    )
    approved_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="approved_minutes"
    )
    approved_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "minutes"
        ordering = ["meeting__date"]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("minutes:detail", args=[self.meeting_id])

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class MinuteItem(models.Model):
    """One numbered minute. Numbers run on through the municipal year (10, 11, ... 14)."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveIntegerField()
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minute_items"
    )
    title = models.CharField(max_length=300)
    introduction = models.TextField(
        blank=True, help_text="What the panel considered, and any note."
    )
    discussion_intro = models.CharField(
        max_length=200,
        blank=True,
        help_text='For example "The Panel discussed a number of points including:"',
    )
    order_of_business_change = models.TextField(
        blank=True, help_text="A change to the order of business agreed under this item."
    )
    closing_text = models.TextField(blank=True)
    # An item taken in private (inherited from an exempt agenda item): its content is withheld
    # from the public until an officer releases it, with a reason.
    is_exempt = models.BooleanField(default=False)
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    exempt_reasons = models.TextField(
        blank=True, help_text="Why the information is exempt; the public interest test."
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)
    # Raised by every change to the minute or its parts: a form opened at an older revision
    # is refused rather than silently overwriting someone else's edit.
    revision = models.PositiveIntegerField(default=0)
    # An item that excludes the press and public records the categories and the reasoning.
    excludes_public = models.BooleanField(default=False)
    exclusion_categories = models.ManyToManyField(ExemptCategory, blank=True, related_name="+")
    public_interest_reasoning = models.TextField(blank=True)

    class Meta:
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="unique_minute_number"),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_category__isnull=False),
                name="exempt_minute_has_category",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_withheld(self) -> bool:
        """Exempt and not released: the content is for officers and entitled members only."""
        return self.is_exempt and self.released_at is None

    def access_facts(self) -> AccessFacts:
        meeting = self.minutes.meeting
        return AccessFacts(
            panel_id=meeting.panel_id,
            meeting_id=meeting.pk,
            published=self.minutes.published_at is not None,
            withheld=self.is_withheld,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="minutes__meeting__panel",
            meeting="minutes__meeting",
            published=Q(minutes__published_at__isnull=False),
            withheld=Q(is_exempt=True, released_at__isnull=True),
        )


class Speaker(Versioned):
    """Someone who attended for an item and, with the Chair's consent, addressed the panel."""

    item = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} - {self.title}" if self.title else self.name


class DiscussionPoint(Versioned):
    item = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="points")
    text = models.TextField()
    level = models.PositiveSmallIntegerField(
        default=1, help_text="1 for a point, 2 for a sub-point."
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["item", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


def roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


class Resolution(Versioned):
    """A decision of the panel: "RESOLVED (i) That ...". Numbered within its minute.

    Speakers, points and resolutions carry a version (``core.versioning``): saving one from
    a form opened before someone else saved it is refused with ``StaleEdit``."""

    item = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="resolutions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="unique_resolution_number")
        ]

    def __str__(self) -> str:
        return f"Minute {self.item.number} ({self.numeral})"

    @property
    def numeral(self) -> str:
        return roman(self.number)


class DeclarationKind(models.TextChoices):
    PECUNIARY = "pecuniary", "Disclosable pecuniary interest"
    OTHER = "other", "Other interest"
    SCRUTINY = "scrutiny", "Prior participation (scrutiny interest)"
    WHIP = "whip", "Party political whip"


REGISTRABLE_KINDS = (DeclarationKind.PECUNIARY, DeclarationKind.OTHER)


class Declaration(models.Model):
    """A member's declaration at a meeting; together they form the member's register."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="declarations")
    item = models.ForeignKey(
        MinuteItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="declarations",
        help_text="The minute the interest relates to.",
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="declarations")
    kind = models.CharField(max_length=16, choices=DeclarationKind.choices)
    matter = models.TextField(help_text="What the interest is and what the member did.")
    interest = models.ForeignKey(
        "interests.Interest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="declarations",
        help_text="The entry on the member's register of interests this declaration relates to.",
    )

    class Meta:
        ordering = ["minutes__meeting__date", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_kind_display()}"

    @property
    def needs_registering(self) -> bool:
        """An interest declared at the meeting that is not on the member's register."""
        return self.kind in REGISTRABLE_KINDS and self.interest_id is None


class Amendment(models.Model):
    """A correction to approved minutes, agreed by the panel at a later meeting."""

    class Field(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction"
        CLOSING_TEXT = "closing_text", "Closing text"
        RESOLUTION = "resolution", "Resolution"

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="amendments")
    item = models.ForeignKey(MinuteItem, on_delete=models.CASCADE, related_name="amendments")
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.CASCADE, related_name="amendments"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    before = models.TextField()
    after = models.TextField()
    reason = models.TextField()
    agreed_at_meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["minutes", "recorded_at", "pk"]

    def __str__(self) -> str:
        return f"Amendment to minute {self.item.number} agreed {self.agreed_at_meeting.date}"
