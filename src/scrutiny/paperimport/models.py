"""A file of past papers read into proposed records, awaiting an officer's review."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from scrutiny.core.workflow import Workflow


def import_upload_path(instance: PaperImport, filename: str) -> str:
    # Kept outside any public URL until it becomes the meeting's historic document.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"paperimport/{timezone.now():%Y%m%d%H%M%S%f}.{suffix}"


class ImportStatus(models.TextChoices):
    RECEIVED = "received", "Being read"
    PROPOSED = "proposed", "Awaiting review"
    SAVED = "saved", "Saved"
    REJECTED = "rejected", "Rejected"


IMPORT_WORKFLOW = Workflow(
    ImportStatus,
    [
        (ImportStatus.RECEIVED, ImportStatus.PROPOSED, "Propose the records read"),
        (ImportStatus.RECEIVED, ImportStatus.REJECTED, "Refuse an unreadable file"),
        (ImportStatus.PROPOSED, ImportStatus.SAVED, "Save the records"),
        (ImportStatus.PROPOSED, ImportStatus.REJECTED, "Reject the import"),
    ],
)


class PaperImport(models.Model):
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    file = models.FileField(upload_to=import_upload_path)
    text = models.TextField(
        blank=True, help_text="The text read from the file, as the parser saw it."
    )
    vocabulary = models.CharField(max_length=100, blank=True)
    kind = models.CharField(max_length=30, blank=True)
    proposal = models.JSONField(
        default=dict, blank=True, help_text="The proposed records, with officers' corrections."
    )
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.RECEIVED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.JSONField(default=dict, blank=True, help_text="What saving created.")
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The original file, kept as the meeting's historic document.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("paperimport:review", args=[self.pk])
