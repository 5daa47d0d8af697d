"""The monthly performance report: indicator catalogue, values, targets and benchmarks."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE_PER_10K = "rate_per_10k", "Rate per 10,000 children aged 0-17"
    AVERAGE = "average", "Average"


class Polarity(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", "Higher is better"
    LOWER_IS_BETTER = "lower_is_better", "Lower is better"
    NO_JUDGEMENT = "no_judgement", "No judgement"


class ValueSource(models.TextChoices):
    ENGINE = "engine", "Computed from child-level records"
    IMPORTED = "imported", "Imported from a file"
    ENTERED = "entered", "Entered by an analyst"


class Comparator(models.TextChoices):
    COUNCIL = "council", "Council"
    STATISTICAL_NEIGHBOURS = "statistical_neighbours", "Statistical neighbours"
    REGION = "region", "Region"
    ENGLAND = "england", "England"


class Section(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    code = models.SlugField(max_length=60, unique=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="indicators")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=300)
    definition = models.TextField()
    unit = models.CharField(max_length=20, choices=Unit.choices)
    decimals = models.PositiveSmallIntegerField(
        default=0, help_text="Decimal places shown when a value carries no precision of its own."
    )
    polarity = models.CharField(max_length=20, choices=Polarity.choices)
    value_source = models.CharField(
        max_length=10, choices=ValueSource.choices, default=ValueSource.IMPORTED
    )
    engine_code = models.CharField(
        max_length=60, blank=True, help_text="Indicator code in the child-level engine, if any."
    )
    notes = models.TextField(blank=True, help_text="Known quirks of the published figures.")
    # A percentage is a share of counts the report may also print: with these links a
    # figure whose own counts are unknown is still suppressed when its count is small, and
    # cannot be multiplied back into a count the report hides.
    numerator_indicator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="share_numerator_of",
        help_text="The count indicator this percentage's numerator is (same month).",
    )
    denominator_indicator = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="share_denominator_of",
        help_text="The count indicator this percentage's denominator is (same month).",
    )

    class Meta:
        ordering = ["section__position", "position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_count(self) -> bool:
        return self.unit == Unit.COUNT


class Target(models.Model):
    """A target applies from ``effective_from`` until the next target of the indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    effective_from = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=4)
    as_published = models.CharField(max_length=40, blank=True)
    basis = models.CharField(max_length=300, blank=True)
    amber_tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Distance from the target, in the indicator's unit, still rated amber.",
    )

    class Meta:
        ordering = ["indicator", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "effective_from"], name="perf_target_effective"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} target {self.value} from {self.effective_from}"


class MonthlyValue(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    month = models.DateField(help_text="Last day of the month the value describes.")
    value = models.DecimalField(max_digits=14, decimal_places=4)
    decimals = models.PositiveSmallIntegerField(default=0)
    as_at = models.DateField(help_text="Date the figure was taken.")
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=ValueSource.choices)
    provenance = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "month"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month"], name="perf_value_month"),
        ]
        indexes = [models.Index(fields=["month"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.month:%Y-%m}: {self.value}"


class Benchmark(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="benchmarks")
    year_start = models.PositiveSmallIntegerField(help_text="2023 for the 2023/24 year.")
    comparator = models.CharField(max_length=30, choices=Comparator.choices)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    decimals = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["indicator", "year_start", "comparator"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year_start", "comparator"], name="perf_benchmark_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.comparator} {self.year_label}: {self.value}"

    @property
    def year_label(self) -> str:
        return f"{self.year_start}/{(self.year_start + 1) % 100:02d}"


class Commentary(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="commentaries")
    month = models.DateField()
    desired_outcome = models.TextField(blank=True)
    progress_analysis = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["section__position", "month"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(fields=["section", "month"], name="perf_commentary_month"),
        ]

    def __str__(self) -> str:
        return f"Commentary {self.section_id} {self.month:%Y-%m}"


class TeamBreakdown(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="team_rows")
    month = models.DateField()
    position = models.PositiveSmallIntegerField()
    team = models.CharField(max_length=200)
    numerator = models.PositiveIntegerField()
    denominator = models.PositiveIntegerField()

    class Meta:
        ordering = ["indicator", "month", "position"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "month", "team"], name="perf_team_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.month:%Y-%m}: {self.numerator}/{self.denominator}"

    @property
    def percentage(self) -> Decimal | None:
        if not self.denominator:
            return None
        return Decimal(self.numerator * 100) / Decimal(self.denominator)


class StatisticalNeighbourGroup(models.Model):
    """One local authority's ten statistical neighbours (NFER model, DfE table format)."""

    la_number = models.CharField(max_length=3, unique=True)
    la_name = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100)
    neighbours = models.JSONField(help_text="The ten neighbours' LA numbers, closest first.")
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["la_number"]

    def __str__(self) -> str:
        return f"Statistical neighbours of {self.la_number}"

    def clean(self) -> None:
        if not isinstance(self.neighbours, list) or len(self.neighbours) != 10:
            raise ValidationError({"neighbours": "A group lists exactly 10 neighbours."})
        if self.la_number in self.neighbours:
            raise ValidationError({"neighbours": "An authority cannot neighbour itself."})


class ImportBatch(models.Model):
    """One load of figures (a file, an entry run or an engine refresh): the audit target."""

    kind = models.CharField(max_length=40)
    file_name = models.CharField(max_length=255, blank=True)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind}: {self.file_name or 'no file'}"
