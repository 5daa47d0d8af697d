"""Measures with values per area and period, loaded release by release from published files.

A *release* is one load of one file (a DfE open-data CSV or the council's own CSV/XLSX),
read through a mapping file. Every value belongs to a release, and the release carries the
access facts: imported releases are unpublished until an officer publishes them, and a
release marked confidential (e.g. provisional results shared in confidence) is shown only
to the members of its panel, like an exempt appendix (scrutiny.core.access).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.models import ExemptCategory
from scrutiny.performance.models import Polarity


class AreaLevel(models.TextChoices):
    NATIONAL = "national", "National"
    REGIONAL = "regional", "Regional"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    SCHOOL_GROUP = "school_group", "School group"


class Unit(models.TextChoices):
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_100 = "rate_per_100", "Rate per 100 pupils"
    RATE_PER_100K = "rate_per_100k", "Rate per 100,000"
    COUNT = "count", "Count"
    SCORE = "score", "Average score"


class Area(models.Model):
    """England, a region, a local authority, a neighbour group or a group of schools."""

    code = models.CharField(max_length=40, unique=True, help_text="E92000001, E06000045, ...")
    level = models.CharField(max_length=30, choices=AreaLevel.choices)
    name = models.CharField(max_length=200)
    la_number = models.CharField(max_length=3, blank=True, help_text="Old three-digit LA code.")
    region_code = models.CharField(max_length=9, blank=True)

    class Meta:
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name


PERIOD_ORDER = {
    "Autumn term": 1,
    "Autumn and spring term": 2,
    "Spring term": 3,
    "Summer term": 4,
    "Academic year": 5,
    "Financial year": 6,
    "Calendar year": 7,
}


class Period(models.Model):
    """A DfE time period: ``time_period`` 202324 with ``time_identifier`` "Academic year"."""

    time_period = models.PositiveIntegerField()
    time_identifier = models.CharField(max_length=40)
    year_start = models.PositiveSmallIntegerField(help_text="2023 for 2023/24 or 2023.")

    class Meta:
        ordering = ["year_start", "time_identifier"]
        constraints = [
            models.UniqueConstraint(
                fields=["time_period", "time_identifier"], name="stat_period_unique"
            )
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def year_label(self) -> str:
        if self.time_identifier == "Calendar year":
            return str(self.year_start)
        return f"{self.year_start}/{(self.year_start + 1) % 100:02d}"

    @property
    def label(self) -> str:
        if self.time_identifier in ("Academic year", "Calendar year"):
            return self.year_label
        return f"{self.time_identifier} {self.year_label}"

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.year_start, PERIOD_ORDER.get(self.time_identifier, 9))


class Measure(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    topic = models.SlugField(max_length=40, help_text='The app it belongs to, e.g. "education".')
    theme = models.CharField(max_length=100, help_text='e.g. "Key stage 2 attainment".')
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=300)
    short_name = models.CharField(max_length=120)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(default=1)
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    cohort_label = models.CharField(
        max_length=60, blank=True, help_text='What the cohort counts, e.g. "pupils".'
    )

    class Meta:
        ordering = ["topic", "theme", "position", "code"]

    def __str__(self) -> str:
        return self.name


class Release(models.Model):
    """One imported file, read through one mapping; the unit of publication and withholding."""

    code = models.SlugField(max_length=80, unique=True)
    topic = models.SlugField(max_length=40)
    title = models.CharField(max_length=300)
    source = models.CharField(max_length=300, blank=True)
    notes = models.TextField(blank=True, help_text="Printed with the figures wherever used.")
    is_provisional = models.BooleanField(default=False)
    file_name = models.CharField(max_length=255, blank=True)
    mapping = models.JSONField(default=dict, help_text="The mapping the file was read with.")
    panel = models.ForeignKey(
        Panel,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The panel a confidential release is shared with.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The meeting it was provided for (its substitutes may read it too).",
    )
    is_confidential = models.BooleanField(default=False)
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    public_interest_reasoning = models.TextField(blank=True)
    release_after = models.DateField(
        null=True, blank=True, help_text="After this date the figures may be shown to anyone."
    )
    imported_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)
    value_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_confidential=False)
                | (Q(exempt_category__isnull=False) & Q(panel__isnull=False)),
                name="stat_confidential_release_has_category_and_panel",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.is_confidential and (self.exempt_category_id is None or self.panel_id is None):
            raise ValidationError("A confidential release needs its category and its panel.")

    def is_withheld(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_confidential and (self.release_after is None or self.release_after > today)

    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.panel_id,
            meeting_id=self.meeting_id,
            published=self.published_at is not None,
            withheld=self.is_withheld(),
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return release_lookups("", today)


def release_lookups(prefix: str, today: date) -> AccessLookups:
    """The release's access lookups seen from a model ``prefix`` away (e.g. "release__")."""
    return AccessLookups(
        panel=f"{prefix}panel",
        meeting=f"{prefix}meeting",
        published=Q(**{f"{prefix}published_at__isnull": False}),
        withheld=Q(**{f"{prefix}is_confidential": True})
        & (
            Q(**{f"{prefix}release_after__isnull": True})
            | Q(**{f"{prefix}release_after__gt": today})
        ),
    )


class Symbol(models.TextChoices):
    """The DfE's symbols for a figure that is not shown."""

    NONE = "", "Published figure"
    SUPPRESSED = "c", "Suppressed: small number"
    NOT_AVAILABLE = ":", "Not available"
    NOT_APPLICABLE = "z", "Not applicable"
    ROUNDS_TO_ZERO = "k", "Rounds to zero"
    LOW_RELIABILITY = "u", "Low reliability"
    NOT_SHOWN = "x", "Not shown"


class Value(models.Model):
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="values")
    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="values")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="values")
    period = models.ForeignKey(Period, on_delete=models.PROTECT, related_name="values")
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    symbol = models.CharField(max_length=2, choices=Symbol.choices, blank=True)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    cohort = models.PositiveIntegerField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1 = best.")
    ranked_out_of = models.PositiveSmallIntegerField(null=True, blank=True)
    derived = models.BooleanField(default=False, help_text="Computed here, not read from the file.")
    basis = models.JSONField(default=dict, blank=True, help_text="What a derived value used.")
    source_row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["measure", "area", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "area", "period"], name="stat_value_unique"
            )
        ]
        indexes = [models.Index(fields=["measure", "area"])]

    def __str__(self) -> str:
        return f"{self.measure_id} {self.area_id} {self.period_id}: {self.value}"

    def access_facts(self) -> AccessFacts:
        return self.release.access_facts()

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return release_lookups("release__", today)
