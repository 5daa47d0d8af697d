"""What the members' side keeps: when a member last looked at their meetings, and the
"since the last meeting" briefing computed for each meeting (lines of evidence, never typed)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from scrutiny.committees.models import Meeting
from scrutiny.core.access import AccessFacts, AccessLookups


class HomeVisit(models.Model):
    """A member's visits to "My meetings": papers published since ``previous_at`` are new."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="members_home_visit"
    )
    previous_at = models.DateTimeField(null=True, blank=True)
    latest_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Home visits of user {self.user_id}"


class Briefing(models.Model):
    """The "since the last meeting" briefing of a meeting, as the worker last computed it.

    ``lines`` is a list of dicts (``scrutiny.members.briefing.Line`` as data): section, text,
    evidence link, and the old and new values where there are any. The briefing is computed
    when the agenda is published and again each day until the meeting (``members.tasks``).
    """

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="briefing")
    previous_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    as_at = models.DateField(help_text="The day the briefing describes (today, or the meeting).")
    report_month = models.DateField(null=True, blank=True)
    previous_report_month = models.DateField(null=True, blank=True)
    lines = models.JSONField(default=list, blank=True)
    generated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["meeting__date"]

    def __str__(self) -> str:
        return f"Briefing for the meeting of {self.meeting.date:%-d %B %Y}"

    # The briefing names exempt items and recommendations of exempt minutes: it is read as
    # the meeting's withheld papers are (officers, members of the panel), once the agenda is out.
    def access_facts(self) -> AccessFacts:
        return AccessFacts(
            panel_id=self.meeting.panel_id,
            meeting_id=self.meeting_id,
            published=self.meeting.agenda_is_published,
            withheld=True,
        )

    @classmethod
    def access_lookups(cls, today) -> AccessLookups:
        return AccessLookups(
            panel="meeting__panel",
            meeting="meeting",
            published=Q(meeting__agenda_published_at__isnull=False),
            withheld=Q(pk__isnull=False),
        )


class PrivateNote(models.Model):
    """A member's own highlight or note on a paragraph (HTML paper) or page (PDF) of a paper.

    Seen by its owner alone, never by officers, other members, the API, search or any export
    but the owner's own; withheld from the owner too whenever the paper is withheld from them.
    Kept with the version of the paper it was made on; shown against a later version wherever
    the same text (``fingerprint``) is still there. Its text never reaches the audit log
    (``__str__`` names the note by number only) or the application logs.
    """

    class Anchor(models.TextChoices):
        PARAGRAPH = "paragraph", "Paragraph"
        PAGE = "page", "Page"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="private_notes"
    )
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="private_notes"
    )
    version = models.PositiveIntegerField(help_text="The paper's version the note was made on.")
    anchor = models.CharField(max_length=10, choices=Anchor.choices)
    position = models.PositiveIntegerField(help_text="Paragraph (from 1) or page number.")
    quote = models.TextField(help_text="The paragraph or page text when the note was made.")
    fingerprint = models.CharField(max_length=64, db_index=True)
    highlight = models.BooleanField(default=False)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["document", "anchor", "position", "pk"]

    def __str__(self) -> str:
        return f"Private note {self.pk}"  # never the text: this reaches the audit log


class Question(models.Model):
    """A member's question on an agenda item to the report's author, asked before the meeting.

    The asker sees it and its answer; if they chose to circulate it, so does the panel (its
    members and officers), beside the item. Never public: it is the panel's preparation.
    """

    item = models.ForeignKey(
        "committees.AgendaItem", on_delete=models.CASCADE, related_name="member_questions"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member_questions"
    )
    text = models.TextField()
    circulate = models.BooleanField(
        default=False, help_text="Share the question and its answer with the panel."
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["item", "asked_at", "pk"]

    def __str__(self) -> str:
        return f"Question {self.pk} on item {self.item_id}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
