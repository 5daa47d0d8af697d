"""Email alerts: the public's subscriptions to a panel, and the outbox of every message.

A subscription is an email address and a panel, nothing else: no account. It starts
unconfirmed and alerts go only to confirmed ones (double opt-in). Every message is a row in
the outbox first and is sent by the task worker; the unique key means an event never mails
the same person twice, whoever or whatever runs it again.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from scrutiny.committees.models import Panel


class Subscription(models.Model):
    email = models.EmailField()
    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="subscriptions")
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["email", "panel"], name="one_subscription_per_panel")
        ]
        indexes = [models.Index(fields=["panel", "confirmed_at"])]

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None

    @classmethod
    def active_q(cls) -> Q:
        return Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def __str__(self) -> str:
        # No address here: this string reaches the audit log.
        return f"Subscription {self.pk} to {self.panel}"


class Message(models.Model):
    class Kind(models.TextChoices):
        CONFIRM = "confirm", "Confirm a subscription"
        PUBLIC_ALERT = "public_alert", "Alert to a subscriber"
        MEMBER_PAPERS = "member_papers", "Papers for a member"
        MEMBER_NOTICE = "member_notice", "Notice to a member"
        OFFICER_NOTICE = "officer_notice", "Notice to officers"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Could not be sent"

    key = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    body = models.TextField()
    unsubscribe_url = models.URLField(max_length=500, blank=True)
    # Uploaded papers sent with the message, by Document id (public papers only).
    attachments = models.JSONField(default=list, blank=True)
    subscription = models.ForeignKey(
        Subscription, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "created_at"])]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"
