"""The notifications app's background tasks: composing messages for an event, sending
them, the officers' daily reminders, and resending what a mail server refused."""

from __future__ import annotations

from datetime import time, timedelta

from django.urls import reverse
from django.utils import timezone

from scrutiny.core.queue import periodic, requeue_if_lost, task
from scrutiny.notifications import compose, services
from scrutiny.notifications.models import Message

message_send = services.message_send_task  # the sending task lives beside what queues it


@task()
def notify_agenda_published(publication_id: int) -> int:
    from scrutiny.documents.models import AgendaPublication

    publication = AgendaPublication.objects.select_related("meeting__panel").get(pk=publication_id)
    return len(services.messages_queue(drafts=compose.agenda_published(publication)))


@task()
def notify_meeting_changed(meeting_id: int, changes: dict, reason: str, stamp: str) -> int:
    from scrutiny.committees.models import Meeting

    meeting = Meeting.objects.select_related("panel").get(pk=meeting_id)
    drafts = compose.meeting_changed(meeting, changes, reason, stamp)
    return len(services.messages_queue(drafts=drafts))


@task()
def notify_meeting_cancelled(meeting_id: int, reason: str) -> int:
    from scrutiny.committees.models import Meeting

    meeting = Meeting.objects.select_related("panel").get(pk=meeting_id)
    return len(services.messages_queue(drafts=compose.meeting_cancelled(meeting, reason)))


@task()
def notify_minutes_published(minutes_id: int) -> int:
    from scrutiny.minutes.models import Minutes

    minutes = Minutes.objects.select_related("meeting__panel").get(pk=minutes_id)
    return len(services.messages_queue(drafts=compose.minutes_published(minutes)))


@task()
def notify_briefing_ready(briefing_id: int) -> int:
    from scrutiny.members.models import Briefing

    briefing = Briefing.objects.select_related("meeting__panel").filter(pk=briefing_id).first()
    if briefing is None:
        return 0
    return len(services.messages_queue(drafts=compose.briefing_ready(briefing)))


@task()
def notify_question(question_id: int, event: str) -> int:
    from scrutiny.members.models import Question

    question = (
        Question.objects.select_related("item__meeting__panel", "item__report_author", "asked_by")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        return 0
    compose_for = compose.question_answered if event == "answered" else compose.question_asked
    return len(services.messages_queue(drafts=compose_for(question)))


@task()
def notify_pack_failed(pack_id: int, model: str = "documents.AgendaPack") -> int:
    """A pack that could not be built: the officers' pack of the papers as they are now
    (documents.AgendaPack) or a published issue (documents.PackIssue)."""
    from django.apps import apps

    if model not in ("documents.AgendaPack", "documents.PackIssue"):
        return 0
    kind = apps.get_model(model)
    pack = kind.objects.select_related("meeting__panel").filter(pk=pack_id).first()
    if pack is None or pack.status != kind.Status.FAILED:
        return 0
    key = (
        f"pack-failed:{pack.pk}"
        if kind._meta.model_name == "agendapack"
        else f"pack-issue-failed:{pack.pk}"
    )
    drafts = compose.officer_notice(
        key,
        f"Agenda pack failed: {pack.meeting.panel.name}, {pack.meeting.date:%-d %B %Y}",
        "pack_failed.txt",
        pack=pack,
        papers_url=compose.absolute(reverse("documents:papers", args=[pack.meeting_id])),
    )
    return len(services.messages_queue(drafts=drafts))


@periodic(daily_at=time(7, 0))
@task()
def officer_reminders() -> int:
    """Publication deadlines two working days away, executive responses due within 14 days
    and overdue (s.9FE). Each is sent once (the outbox key), however often this runs."""
    from scrutiny.notifications.reminders import reminder_drafts

    return len(services.messages_queue(drafts=reminder_drafts(timezone.localdate())))


@periodic(every=timedelta(minutes=1))
@task()
def outbox_recover() -> int:
    """Messages still waiting a minute on (a mail server that refused, a lost task) are
    queued again, less often after each failed attempt."""
    now = timezone.now()
    queued = 0
    for message in Message.objects.filter(status=Message.Status.PENDING).only(
        "pk", "attempts", "created_at"
    ):
        wait = timedelta(minutes=min(2**message.attempts, 60))
        if now - message.created_at >= wait:
            queued += requeue_if_lost(message_send, message.pk)
    return queued
