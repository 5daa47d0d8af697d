"""Papers generated from the education figures and attached to agenda items as appendices.

An evidence paper is carried by a Document (an appendix of the item), so it is published,
withheld, versioned, listed, searched and put in feeds exactly as any other appendix. The
paper keeps what was generated (with its charts) for the agenda pack; regenerating it after
new figures arrive replaces the document as a new version.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q

from scrutiny.core.access import AccessFacts, AccessLookups
from scrutiny.documents.models import Document


class PaperKind(models.TextChoices):
    KS2 = "ks2", "Key stage 2 outcomes"
    KS4 = "ks4", "Key stage 4 outcomes"
    ATTENDANCE = "attendance", "Attendance data and summary"
    EXCLUSIONS = "exclusions", "Exclusions and suspensions summary"


class EvidencePaper(models.Model):
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="evidence_paper"
    )
    kind = models.CharField(max_length=20, choices=PaperKind.choices)
    year_start = models.PositiveSmallIntegerField(help_text="2023 for figures of 2023/24.")
    html = models.TextField(help_text="The paper as generated, with its charts.")
    sources = models.JSONField(default=list, help_text="Titles of the releases it draws on.")
    uses_withheld = models.BooleanField(default=False)
    document_version = models.PositiveIntegerField(
        default=1, help_text="The document's version that holds this paper's content."
    )
    generated_at = models.DateTimeField()

    class Meta:
        ordering = ["document__meeting__date", "document__number"]

    def __str__(self) -> str:
        return self.document.display_title

    @property
    def is_current(self) -> bool:
        """Still the appendix's content (an officer may have replaced it by hand since)."""
        return self.document.version == self.document_version

    def access_facts(self) -> AccessFacts:
        return self.document.access_facts()

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        # Document.access_lookups seen through the paper's document.
        return AccessLookups(
            panel="document__meeting__panel",
            meeting="document__meeting",
            published=Q(
                document__published_at__isnull=False,
                document__meeting__agenda_published_at__isnull=False,
            ),
            withheld=(
                Q(document__is_exempt=True)
                & (Q(document__release_after__isnull=True) | Q(document__release_after__gt=today))
            )
            | Q(document__agenda_item__is_exempt=True),
        )
