"""The one place where notifications meet the rest of Scrutiny: the events other apps send
(scrutiny.core.signals) queue a task here; nothing is composed or sent in the request."""

from __future__ import annotations

from django.utils import timezone

from scrutiny.core import signals
from scrutiny.core.queue import enqueue


def _agenda_published(sender, *, meeting, publication, **kwargs):
    from scrutiny.notifications.tasks import notify_agenda_published

    enqueue(notify_agenda_published, publication.pk)


def _meeting_changed(sender, *, meeting, changes, reason="", **kwargs):
    from scrutiny.notifications.tasks import notify_meeting_changed

    plain = {name: [str(old), str(new)] for name, (old, new) in changes.items()}
    enqueue(notify_meeting_changed, meeting.pk, plain, reason, timezone.now().isoformat())


def _meeting_cancelled(sender, *, meeting, reason="", **kwargs):
    from scrutiny.notifications.tasks import notify_meeting_cancelled

    enqueue(notify_meeting_cancelled, meeting.pk, reason)


def _minutes_published(sender, *, minutes, **kwargs):
    from scrutiny.notifications.tasks import notify_minutes_published

    enqueue(notify_minutes_published, minutes.pk)


def _pack_build_failed(sender, *, pack, **kwargs):
    from scrutiny.notifications.tasks import notify_pack_failed

    enqueue(notify_pack_failed, pack.pk, sender._meta.label)


def _briefing_ready(sender, *, briefing, **kwargs):
    from scrutiny.notifications.tasks import notify_briefing_ready

    enqueue(notify_briefing_ready, briefing.pk)


def _question_asked(sender, *, question, **kwargs):
    from scrutiny.notifications.tasks import notify_question

    enqueue(notify_question, question.pk, "asked")


def _question_answered(sender, *, question, **kwargs):
    from scrutiny.notifications.tasks import notify_question

    enqueue(notify_question, question.pk, "answered")


def connect() -> None:
    signals.agenda_published.connect(_agenda_published, dispatch_uid="notifications.agenda")
    signals.meeting_changed.connect(_meeting_changed, dispatch_uid="notifications.changed")
    signals.meeting_cancelled.connect(_meeting_cancelled, dispatch_uid="notifications.cancelled")
    signals.minutes_published.connect(_minutes_published, dispatch_uid="notifications.minutes")
    signals.pack_build_failed.connect(_pack_build_failed, dispatch_uid="notifications.pack")
    signals.briefing_ready.connect(_briefing_ready, dispatch_uid="notifications.briefing")
    signals.question_asked.connect(_question_asked, dispatch_uid="notifications.question_asked")
    signals.question_answered.connect(
        _question_answered, dispatch_uid="notifications.question_answered"
    )
