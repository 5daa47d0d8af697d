"""Events the members' side reacts to: an agenda published starts the members' papers."""

from __future__ import annotations

from scrutiny.core import signals
from scrutiny.core.queue import enqueue


def _agenda_published(sender, *, meeting, publication, **kwargs):
    from scrutiny.members.tasks import members_papers_prepare

    enqueue(members_papers_prepare, meeting.pk)


def connect() -> None:
    signals.agenda_published.connect(_agenda_published, dispatch_uid="members.agenda_published")
