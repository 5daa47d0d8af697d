"""A message before it enters the outbox: composed by ``compose`` and ``reminders``, queued by
``services.messages_queue``."""

from __future__ import annotations

from dataclasses import dataclass, field

from scrutiny.notifications.models import Subscription


@dataclass
class Draft:
    key: str
    kind: str
    to: str
    subject: str
    body: str
    subscription: Subscription | None = None
    attachments: list[int] = field(default_factory=list)
