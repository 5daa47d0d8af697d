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
from scrutiny.core.versioning import Versioned


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
    version = models.PositiveIntegerField(
        default=1, help_text="Goes up each time a published document is replaced."
    )
    updated_at = models.DateTimeField(auto_now=True)

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

    @property
    def is_pdf(self) -> bool:
        return bool(self.file) and self.content_type == "application/pdf"

    def is_withheld(self, today: date | None = None) -> bool:
        """Exempt and not yet released, or a paper of an item taken wholly in private."""
        today = today or timezone.localdate()
        if self.agenda_item is not None and self.agenda_item.is_exempt:
            return True
        return self.is_exempt and (self.release_after is None or self.release_after > today)

    @property
    def withholding_category(self) -> ExemptCategory | None:
        """The category printed where the paper is withheld: its own, else its item's."""
        if self.is_exempt:
            return self.exempt_category
        if self.agenda_item is not None and self.agenda_item.is_exempt:
            return self.agenda_item.exempt_category
        return None

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
            withheld=(
                Q(is_exempt=True) & (Q(release_after__isnull=True) | Q(release_after__gt=today))
            )
            | Q(agenda_item__is_exempt=True),
        )


class DocumentVersion(models.Model):
    """A published document as it stood before it was replaced: the history is never lost."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body_html = models.TextField(blank=True)
    file = models.FileField(upload_to=document_upload_path, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    is_exempt = models.BooleanField(default=False)
    exempt_category = models.ForeignKey(
        ExemptCategory, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(default=timezone.now)
    replaced_by = models.CharField(max_length=150, blank=True)
    reason = models.TextField()

    class Meta:
        ordering = ["document", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "version"], name="one_row_per_document_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document.display_title} (version {self.version})"

    @property
    def meeting_id(self) -> int:
        return self.document.meeting_id

    # A superseded version withheld when it was replaced (exempt itself or through its item)
    # stays withheld even if the current document or its item is released: the release was
    # decided for the current text, not for what it replaced. A version is also withheld
    # whenever its document is (the paper or its item made exempt later).
    def access_facts(self) -> AccessFacts:
        document = self.document
        return AccessFacts(
            panel_id=document.meeting.panel_id,
            meeting_id=document.meeting_id,
            published=self.published_at is not None and document.meeting.agenda_is_published,
            withheld=self.is_exempt or document.is_withheld(),
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="document__meeting__panel",
            meeting="document__meeting",
            published=Q(
                published_at__isnull=False, document__meeting__agenda_published_at__isnull=False
            ),
            withheld=Q(is_exempt=True)
            | Q(document__agenda_item__is_exempt=True)
            | (
                Q(document__is_exempt=True)
                & (Q(document__release_after__isnull=True) | Q(document__release_after__gt=today))
            ),
        )


class Report(Versioned):
    """The council's report template, filled in by an officer (attached to a report Document).

    Paragraph fields hold paragraphs separated by a blank line; the paragraphs are numbered
    continuously from "reasons" to "policy framework implications", as on the printed report.
    """

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="report")
    decision_maker = models.CharField(max_length=200)
    subject = models.CharField(max_length=300)
    date_of_decision = models.DateField()
    report_of = models.CharField(max_length=200)
    director_title = models.CharField("executive director: title", max_length=200)
    director_name = models.CharField("executive director: name", max_length=200)
    director_telephone = models.CharField(
        "executive director: telephone", max_length=40, blank=True
    )
    director_email = models.EmailField("executive director: email", blank=True)
    author_title = models.CharField("author: title", max_length=200)
    author_name = models.CharField("author: name", max_length=200)
    author_telephone = models.CharField("author: telephone", max_length=40, blank=True)
    author_email = models.EmailField("author: email", blank=True)
    confidentiality = models.TextField(
        "statement of confidentiality", blank=True, help_text='Leave empty for "None".'
    )
    brief_summary = models.TextField(help_text="Rich text.")
    recommendations = models.TextField(help_text="One recommendation per paragraph.")
    reasons = models.TextField("reasons for the recommendations")
    alternative_options = models.TextField(
        "alternative options considered and rejected", default="None."
    )
    detail = models.TextField("detail (including consultation carried out)")
    resource_implications = models.TextField(
        "resource implications: capital, revenue, property, other", default="None"
    )
    legal_statutory_power = models.TextField("legal: statutory power to undertake the proposals")
    legal_other = models.TextField("legal: other implications", default="None")
    risk_implications = models.TextField("risk management implications", default="None")
    policy_framework_implications = models.TextField(default="None")
    key_decision = models.BooleanField(default=False)
    wards_affected = models.CharField(
        "wards or communities affected", max_length=300, default="None"
    )
    documents_in_members_rooms = models.TextField(blank=True, help_text="One per line.")
    esia_required = models.BooleanField(
        "an Equality and Safety Impact Assessment is required", default=False
    )
    dpia_required = models.BooleanField(
        "a Data Protection Impact Assessment is required", default=False
    )
    background_documents = models.JSONField(
        default=list,
        blank=True,
        help_text='List of {"title": ..., "exempt_paragraph": ...}; the paragraph only where exempt.',
    )

    def __str__(self) -> str:
        return f"Report: {self.subject}"


class PublicInformationSection(models.Model):
    """One block of the public information pages at the front of every agenda pack.

    The wording is the council's own and is edited here. Some blocks also print facts
    held elsewhere (the panel's role and terms of reference, its quorum, the year's dates).
    """

    class Kind(models.TextChoices):
        TEXT = "text", "Wording only"
        PANEL_ROLE = "panel_role", "Wording, then the panel's role"
        TERMS_OF_REFERENCE = "terms", "Wording, then the panel's terms of reference"
        QUORUM = "quorum", "Wording, then the panel's quorum"
        MEETING_DATES = "dates", "Wording, then the dates of meetings in the municipal year"

    order = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.TEXT)
    body_html = models.TextField(blank=True, help_text="Sanitised rich text.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.heading


class AgendaPublication(models.Model):
    """One publication of papers for a meeting: the agenda, or a supplementary agenda."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        SUPPLEMENTARY = "supplementary", "Supplementary agenda"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="publications")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    published_at = models.DateTimeField()
    published_by = models.CharField(max_length=150)
    clear_days = models.PositiveSmallIntegerField(
        help_text="Clear working days between publication and the meeting."
    )
    items = models.ManyToManyField(AgendaItem, related_name="publications", blank=True)

    class Meta:
        ordering = ["meeting", "published_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.meeting}, published {self.published_at:%-d %B %Y %H:%M}"


class UrgentItem(models.Model):
    """An officer's record that an item is urgent, so it may be published late."""

    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="urgency")
    reasons = models.TextField()
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Urgent: {self.agenda_item}"


def pack_upload_path(instance: AgendaPack, filename: str) -> str:
    return f"packs/{instance.meeting_id}/{instance.variant}-{instance.fingerprint[:16]}.pdf"


class AgendaPack(models.Model):
    """A built agenda pack, keyed on the fingerprint of everything printed in it.

    A pack is only ever served when its fingerprint equals the meeting's current one, so a
    change to any paper (above all an exempt one) can never be answered with an old build.
    """

    class Variant(models.TextChoices):
        PUBLIC = "public", "Public agenda pack"
        MEMBERS = "members", "Members' agenda pack (includes exempt papers)"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready"
        FAILED = "failed", "Build failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    variant = models.CharField(max_length=16, choices=Variant.choices)
    fingerprint = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(upload_to=pack_upload_path, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    page_ranges = models.JSONField(
        default=dict, blank=True, help_text="Agenda item number -> [first, last]."
    )
    requested_at = models.DateTimeField(default=timezone.now)
    built_at = models.DateTimeField(null=True, blank=True)
    build_seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "variant", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "variant", "fingerprint"], name="one_pack_per_fingerprint"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_variant_display()} – {self.meeting} ({self.get_status_display()})"

    @property
    def download_name(self) -> str:
        suffix = "members-pack" if self.variant == self.Variant.MEMBERS else "agenda-pack"
        return f"{self.meeting.panel.slug}-{self.meeting.date:%Y-%m-%d}-{suffix}.pdf"

    # The public pack is as open as the agenda; the members' pack is withheld content.
    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=self.meeting.agenda_is_published,
            withheld=self.variant == self.Variant.MEMBERS,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(meeting__agenda_published_at__isnull=False),
            withheld=Q(variant="members"),
        )


class GeneratedAppendix(models.Model):
    """An appendix printed from another app's evidence (``core.evidence``), not typed or uploaded.

    The figures are printed when the officer attaches them and kept as printed, so a pack
    shows what the meeting was given; an officer refreshes them deliberately (audited). The
    evidence must be publishable (aggregates, suppressed), so a generated appendix belongs to
    a public item and prints in both packs.
    """

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="generated_appendices"
    )
    number = models.PositiveSmallIntegerField()
    evidence = models.CharField(max_length=200, help_text='For example "reviews.figures:2023-24".')
    title = models.CharField(max_length=300)
    html = models.TextField(help_text="The appendix as printed from the evidence.")
    generated_at = models.DateTimeField(default=timezone.now)
    added_by = models.CharField(max_length=150, blank=True)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["agenda_item", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda_item", "number"], name="unique_generated_appendix_number"
            )
        ]

    def __str__(self) -> str:
        return f"Appendix {self.number} of {self.agenda_item}: {self.evidence}"


def issue_upload_path(instance: PackIssue, filename: str) -> str:
    return f"packs/{instance.meeting_id}/issues/{instance.variant}-{instance.number}.pdf"


class PackIssue(models.Model):
    """An agenda pack as it was published: kept with its date and file, never rebuilt.

    The first issue is the pack as published with the agenda; a supplementary agenda issues
    the pack again; a paper that becomes exempt after publication withdraws the public issues
    that printed it and issues a redacted one in their place. ``contents`` holds what was
    printed (the front matter and each paper's HTML, or its file), so a redacted issue changes
    only the withheld paper. A withdrawn public issue is kept for officers only.
    """

    class Kind(models.TextChoices):
        PUBLISHED = "published", "Agenda pack published"
        SUPPLEMENTARY = "supplementary", "Reissued with a supplementary agenda"
        REDACTED = "redacted", "Reissued with papers withheld"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be printed"
        BUILDING = "building", "Being printed"
        READY = "ready", "Ready"
        FAILED = "failed", "Printing failed"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pack_issues")
    variant = models.CharField(max_length=16, choices=AgendaPack.Variant.choices)
    number = models.PositiveSmallIntegerField(help_text="1 for the first issue of this pack.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    issued_at = models.DateTimeField(help_text="The publication (or reissue) date printed.")
    reason = models.TextField(blank=True)
    publication = models.ForeignKey(
        AgendaPublication, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    contents = models.JSONField(default=dict, blank=True, editable=False)
    file = models.FileField(upload_to=issue_upload_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    page_count = models.PositiveIntegerField(default=0)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "variant", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "variant", "number"], name="one_pack_issue_number"
            )
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} {self.issued_at:%-d %B %Y} ({self.variant}, {self.meeting})"
        )

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def download_name(self) -> str:
        suffix = "members-pack" if self.variant == AgendaPack.Variant.MEMBERS else "agenda-pack"
        return f"{self.meeting.panel.slug}-{self.meeting.date:%Y-%m-%d}-{suffix}-issue-{self.number}.pdf"

    # A public issue is as open as the agenda until it is withdrawn; the members' issues are
    # withheld content. (The download view also keeps withdrawn issues to officers.)
    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=self.meeting.agenda_is_published,
            withheld=self.variant == AgendaPack.Variant.MEMBERS or self.is_withdrawn,
        )

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(meeting__agenda_published_at__isnull=False),
            withheld=Q(variant="members") | Q(withdrawn_at__isnull=False),
        )
