"""Bookkeeping for child-level data: import runs, their problems, and computed values.

The child-level records themselves live in the DuckDB store (store.py); nothing here
holds a child's identifier.
"""

from __future__ import annotations

from django.db import models


class ImportKind(models.TextChoices):
    CIN = "cin", "Children in need census (XML)"
    SSDA903 = "ssda903", "Children looked after return, SSDA903 (CSV tables)"
    ANNEX_A = "annex-a", "Ofsted Annex A workbook (XLSX)"
    POPULATION = "population", "ONS mid-year population 0-17 (CSV)"
    SYNTHETIC = "synthetic", "Synthetic records (generator)"


class ImportStatus(models.TextChoices):
    COMPLETED = "completed", "Completed"
    REJECTED = "rejected", "Rejected (nothing imported)"


class ImportRun(models.Model):
    """One import of a file (or directory) into the case-data store."""

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    source_name = models.CharField(max_length=500)
    fingerprint = models.CharField(max_length=64, db_index=True)
    files = models.JSONField(default=list, blank=True)  # [[name, sha256], ...]
    la = models.CharField("local authority code", max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices)
    rows_read = models.JSONField(default=dict, blank=True)
    rows_written = models.JSONField(default=dict, blank=True)
    problem_count = models.PositiveIntegerField(default=0)
    actor_label = models.CharField(max_length=150, blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} import {self.pk} ({self.status})"

    @property
    def store_source(self) -> str:
        """The value written to the ``source`` column of every stored row."""
        return f"import:{self.pk}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    READING = "reading", "Reading and checking the file"
    WRITING = "writing", "Storing the records"
    FINISHED = "finished", "Finished"
    FAILED = "failed", "Could not run"


# How far along each stage is, for the progress bar (per cent).
JOB_PROGRESS = {
    JobStatus.QUEUED: 5,
    JobStatus.READING: 30,
    JobStatus.WRITING: 70,
    JobStatus.FINISHED: 100,
    JobStatus.FAILED: 100,
}


class ImportJob(models.Model):
    """An analyst's upload of a child-level file, imported in the background.

    The uploaded file waits in the data directory (never in this database) until the
    worker has imported it, and is deleted then. ``run`` is the import run it became.
    """

    kind = models.CharField(max_length=20, choices=ImportKind.choices)
    file_name = models.CharField(max_length=255)
    la = models.CharField("local authority code", max_length=20, blank=True)
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    message = models.CharField(max_length=500, blank=True)
    records = models.PositiveIntegerField(default=0)
    run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL)
    created_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} upload {self.pk} ({self.status})"

    @property
    def progress(self) -> int:
        return JOB_PROGRESS.get(JobStatus(self.status), 0)

    @property
    def done(self) -> bool:
        return self.status in (JobStatus.FINISHED, JobStatus.FAILED)


class ImportProblem(models.Model):
    """A problem found in an input: file, row (line), field and reason."""

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="problems")
    file = models.CharField(max_length=300)
    row = models.PositiveIntegerField(null=True, blank=True)
    field = models.CharField(max_length=100, blank=True)
    reason = models.CharField(max_length=500)

    class Meta:
        ordering = ["run", "pk"]

    def __str__(self) -> str:
        return f"{self.file}:{self.row or ''} {self.field} {self.reason}"


class IndicatorValue(models.Model):
    """An indicator value computed by the engine, with its provenance."""

    code = models.CharField(max_length=60)
    as_at = models.DateField()
    la = models.CharField(max_length=20, blank=True)
    value = models.FloatField(null=True, blank=True)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    definition_version = models.CharField(max_length=40)
    engine_version = models.CharField(max_length=20)
    records_counted = models.PositiveIntegerField(default=0)
    teams = models.JSONField(default=list, blank=True)  # [[team, numerator, denominator]]
    provenance = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-as_at", "-computed_at"]
        indexes = [models.Index(fields=["code", "as_at"])]

    def __str__(self) -> str:
        return f"{self.code} at {self.as_at}: {self.value}"
