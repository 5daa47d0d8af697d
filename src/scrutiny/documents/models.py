"""Papers for a meeting: reports, appendices and other documents, public or exempt."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.core.models import ExemptCategory


def document_upload_path(instance: Document, filename: str) -> str:
    # Uploaded files live outside any public URL; the name keeps only the extension.
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"documents/{instance.meeting_id}/{timezone.now():%Y%m%d%H%M%S%f}.{suffix}"


class Document(models.Model):
    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        APPENDIX = "appendix", "Appendix"
        MINUTES = "minutes", "Minutes"
        OTHER = "other", "Other document"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.APPENDIX)
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Appendix number.")
    title = models.CharField(max_length=300)
    body_html = models.TextField(blank=True, help_text="Sanitised HTML of a written page.")
    file = models.FileField(upload_to=document_upload_path, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    is_exempt = models.BooleanField(default=False)
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    public_interest_reasoning = models.TextField(blank=True)
    release_after = models.DateField(
        null=True,
        blank=True,
        help_text="After this date the document may be released to the public.",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["meeting", "agenda_item__number", "kind", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_category__isnull=False),
                name="exempt_document_has_category",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        if self.kind == self.Kind.APPENDIX and self.number:
            return f"Appendix {self.number}: {self.title}"
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("documents:detail", args=[self.pk])

    def is_withheld(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.is_exempt and (self.release_after is None or self.release_after > today)

    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=self.published_at is not None and self.meeting.agenda_is_published,
            withheld=self.is_withheld(),
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(published_at__isnull=False, meeting__agenda_published_at__isnull=False),
            withheld=Q(is_exempt=True)
            & (Q(release_after__isnull=True) | Q(release_after__gt=today)),
        )
