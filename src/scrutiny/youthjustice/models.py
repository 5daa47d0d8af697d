"""Youth justice measures as the Youth Justice Board publishes them, with comparators.

A small module of its own: each value is one measure for one area (the youth justice service,
its YJS family, the region, England and Wales) and one period, imported from the YJB's
tables. Aggregates only: no child-level data is held here.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Measure(models.TextChoices):
    FTE_RATE = "fte_rate", "First-time entrants per 100,000 aged 10-17"
    CUSTODY_RATE = "custody_rate", "Custody rate per 1,000 aged 10-17"
    REOFFENDING_RATE = "reoffending_rate", "Binary reoffending rate (%)"
    REOFFENDING_FREQUENCY = "reoffending_frequency", "Reoffences per reoffender"
    REMANDS = "remands", "Remands (youth detention and local authority accommodation)"
    CUSTODIAL_SENTENCES = "custodial_sentences", "Custodial sentences"
    RHI_COMPLETED = "rhi_completed_pct", "Missing episodes with a return home interview (%)"


# Counts (not rates) are suppressed from 1 to 5 in public, like every count.
COUNT_MEASURES = {Measure.REMANDS, Measure.CUSTODIAL_SENTENCES}
DECIMALS = {
    Measure.FTE_RATE: 0,
    Measure.CUSTODY_RATE: 2,
    Measure.REOFFENDING_RATE: 1,
    Measure.REOFFENDING_FREQUENCY: 2,
    Measure.REMANDS: 0,
    Measure.CUSTODIAL_SENTENCES: 0,
    Measure.RHI_COMPLETED: 0,
}


class AreaType(models.TextChoices):
    SERVICE = "yjs", "Youth justice service"
    FAMILY = "family", "YJS family average"
    REGION = "region", "Region"
    NATIONAL = "national", "England and Wales"


class Release(models.Model):
    """One imported file of published figures."""

    file_name = models.CharField(max_length=200)
    source = models.CharField(max_length=300, blank=True)
    imported_by = models.CharField(max_length=150)
    imported_at = models.DateTimeField(default=timezone.now)
    rows = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%-d %B %Y})"


class Value(models.Model):
    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="values")
    measure = models.CharField(max_length=30, choices=Measure.choices)
    period = models.CharField(max_length=60, help_text='As published, e.g. "Jan 2023 - Dec 2023".')
    period_end = models.DateField()
    area_type = models.CharField(max_length=10, choices=AreaType.choices)
    area = models.CharField(max_length=120)
    value = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    symbol = models.CharField(
        max_length=1, blank=True, help_text='":" not available, "c" suppressed, "z" not applicable.'
    )
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["measure", "period_end", "area_type", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "period_end", "area_type", "area"], name="unique_yj_value"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}, {self.area}, {self.period}"
