"""Personal API tokens and the council's published statements (accessibility, privacy)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A personal token for the read-only API: it reads as its owner, never more.

    Only a SHA-256 digest of the token is kept; the token itself is shown once, when made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, help_text="What the token is for.")
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text="The token's first characters.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_on = models.DateField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Statement(models.Model):
    """A page the council must publish, written by officers: one row per kind."""

    class Kind(models.TextChoices):
        ACCESSIBILITY = "accessibility", "Accessibility statement"
        PRIVACY = "privacy", "Privacy notice"

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    body = models.TextField(
        help_text="Paragraphs separated by a blank line; a line starting with '## ' is a heading."
    )
    contact_email = models.EmailField(help_text="Where people write about this page.")
    contact_telephone = models.CharField(max_length=40, blank=True)
    reviewed_on = models.DateField(help_text="When the statement was last reviewed.")
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.get_kind_display()
