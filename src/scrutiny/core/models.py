"""Council-wide settings, exempt-information categories, the audit log, and the task
worker's bookkeeping (heartbeats, periodic runs, files it prepares)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from scrutiny.core.workingdays import REGION_SUBDIVISIONS


class BankHolidayRegion(models.TextChoices):
    ENGLAND_AND_WALES = "england_and_wales", "England and Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


assert {c.value for c in BankHolidayRegion} == set(REGION_SUBDIVISIONS)


class Council(models.Model):
    """The one council this installation serves (a singleton row)."""

    name = models.CharField(max_length=200, default="Southampton City Council")
    short_name = models.CharField(max_length=100, default="Southampton")
    bank_holiday_region = models.CharField(
        max_length=32,
        choices=BankHolidayRegion.choices,
        default=BankHolidayRegion.ENGLAND_AND_WALES,
    )
    clear_days_notice = models.PositiveSmallIntegerField(
        default=5, help_text="Clear working days between publication and the meeting."
    )
    exempt_rules_reference = models.CharField(
        max_length=300,
        default="paragraph 10.4 of the Council's Access to Information Procedure Rules",
        help_text="How reports cite the rules under which information is exempt.",
    )
    website = models.URLField(blank=True)

    class Meta:
        verbose_name_plural = "council"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> Council:
        council = cls.objects.order_by("pk").first()
        if council is None:
            council = cls.objects.create()
        return council


class ExemptCategory(models.Model):
    """A ground for withholding information: a Schedule 12A paragraph or a local category."""

    code = models.CharField(max_length=10, unique=True, help_text='For example "3" or "7a".')
    title = models.CharField(max_length=300)
    is_statutory = models.BooleanField(
        default=True, help_text="Schedule 12A Part 1 paragraph (rather than a local category)."
    )
    is_confidential = models.BooleanField(
        default=False,
        help_text="Confidential information (s.100A(3)) is always withheld; no public interest test.",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name_plural = "exempt categories"

    def __str__(self) -> str:
        return f"Category {self.code}: {self.title}"

    @property
    def label(self) -> str:
        return f"Category {self.code}"


class AuditEvent(models.Model):
    """One change made through a service function: who, when, what, from and to."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=100, db_index=True)
    target_type = models.CharField(max_length=100, db_index=True)
    target_id = models.CharField(max_length=64, db_index=True)
    target_label = models.CharField(max_length=300, blank=True)
    from_state = models.CharField(max_length=64, blank=True)
    to_state = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label or 'system'} {self.action}"


class WorkerHeartbeat(models.Model):
    """One running `scrutiny worker`: written every few seconds; /healthz reads the newest."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)
    # The task it is running now, as {"path": ..., "args": [...], "started_at": ...}.
    current = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"worker {self.worker_id} on {self.hostname}"


class PeriodicRun(models.Model):
    """When each periodic task was last enqueued, so that one worker (or cron) enqueues it."""

    name = models.CharField(max_length=200, primary_key=True)
    last_enqueued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class PreparedFile(models.Model):
    """A file the worker builds once per change of its content and pages then serve (the
    performance report PDF). The key says which file; the fingerprint, what went into it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Build failed"

    kind = models.CharField(max_length=64)
    key = models.CharField(max_length=200)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to="prepared/%Y/%m/", blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    built_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "fingerprint"], name="prepared_file_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} ({self.get_status_display().lower()})"


class SearchEntry(models.Model):
    """One searchable record in the site's full-text index (``scrutiny.core.search_index``).

    Holds only what is matched, ordered and filtered on; whether a reader may see the record
    is decided at query time from the record's own table (``core.access``), never stored here.
    The full-text machinery is the database's own, added by migration 0004: a weighted
    ``tsvector`` with a GIN index on PostgreSQL, an FTS5 table kept by triggers on SQLite.
    """

    kind = models.CharField(max_length=40)
    object_id = models.BigIntegerField()
    title = models.TextField()
    body = models.TextField(blank=True)
    on_date = models.DateField(null=True, blank=True)
    panel_key = models.BigIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="one_search_entry_per_record"
            )
        ]
        indexes = [models.Index(fields=["on_date"], name="core_search_on_date")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title}"
