"""Every write to subscriptions and the outbox."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from scrutiny.committees.models import Panel
from scrutiny.core.actors import Actor
from scrutiny.core.audit import audit_record
from scrutiny.core.queue import enqueue, task
from scrutiny.notifications import tokens
from scrutiny.notifications.drafts import Draft
from scrutiny.notifications.models import Message, Subscription

MAX_ATTEMPTS = 8
CONFIRM_AGAIN_AFTER = timedelta(minutes=15)
log = logging.getLogger(__name__)


def _normalised(email: str) -> str:
    email = (email or "").strip()
    if not email:
        raise ValidationError({"email": "Enter your email address."})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            {"email": "Enter an email address in the correct format, like name@example.com."}
        ) from None
    local, _, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@transaction.atomic
def subscription_request(*, email: str, panel: Panel, actor: Actor | None = None) -> Subscription:
    """Ask to be sent a panel's alerts: a confirmation message goes to the address. Asking
    again (confirmed or not) sends another, so the answer never tells whether the address
    was already subscribed."""
    address = _normalised(email)
    subscription, _ = Subscription.objects.select_for_update().get_or_create(
        email=address, panel=panel
    )
    recently = Message.objects.filter(
        subscription=subscription,
        kind=Message.Kind.CONFIRM,
        created_at__gte=timezone.now() - CONFIRM_AGAIN_AFTER,
    ).exists()
    if recently:
        # Asked again within minutes: the first message stands (no one can use this form to
        # fill someone else's inbox).
        return subscription
    subscription.requested_at = timezone.now()
    if subscription.unsubscribed_at is not None:
        subscription.unsubscribed_at = None
        subscription.confirmed_at = None
    subscription.save()
    from scrutiny.notifications.compose import confirmation

    messages_queue(drafts=[confirmation(subscription)])
    audit_record(actor=actor, action="notifications.subscription_request", target=subscription)
    return subscription


@transaction.atomic
def subscription_confirm(*, subscription: Subscription, actor: Actor | None = None) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.unsubscribed_at is not None:
        raise ValidationError("This subscription was cancelled. Subscribe again to get alerts.")
    if subscription.confirmed_at is None:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
        audit_record(
            actor=actor,
            action="notifications.subscription_confirm",
            target=subscription,
            to_state="confirmed",
        )
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription, actor: Actor | None = None) -> Subscription:
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        Message.objects.filter(subscription=subscription, status=Message.Status.PENDING).update(
            status=Message.Status.FAILED, error="unsubscribed before sending"
        )
        audit_record(
            actor=actor,
            action="notifications.subscription_cancel",
            target=subscription,
            to_state="unsubscribed",
        )
    return subscription


@transaction.atomic
def messages_queue(*, drafts: list[Draft]) -> list[Message]:
    """Put messages in the outbox and queue their sending; a key already used is skipped
    (the same event never mails the same person twice)."""
    queued = []
    for draft in drafts:
        if Message.objects.filter(key=draft.key).exists():
            continue
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    key=draft.key[:200],
                    kind=draft.kind,
                    to=draft.to,
                    subject=draft.subject[:300],
                    body=draft.body,
                    subscription=draft.subscription,
                    unsubscribe_url=tokens.unsubscribe_url(draft.subscription)
                    if draft.subscription
                    else "",
                    attachments=draft.attachments,
                )
        except IntegrityError:  # queued meanwhile by another worker
            continue
        enqueue(message_send_task, message.pk)
        queued.append(message)
    return queued


def _email(message: Message) -> EmailMessage:
    headers = {"Auto-Submitted": "auto-generated"}
    if message.unsubscribe_url:
        # One-click unsubscribe (RFC 8058): mail programs show an "Unsubscribe" button.
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=headers,
    )
    if message.attachments:
        from scrutiny.notifications.compose import attachment_files

        for name, content, mimetype in attachment_files(message.attachments):
            email.attach(name, content, mimetype)
    return email


def message_send(*, message_id: int) -> bool:
    """Send one message from the outbox (the worker calls this). Not atomic on purpose: the
    mail server is outside any transaction; a send that fails is tried again later."""
    message = Message.objects.select_related("subscription").filter(pk=message_id).first()
    if message is None or message.status != Message.Status.PENDING:
        return False
    if (
        message.subscription
        and not message.subscription.is_active
        and message.kind != (Message.Kind.CONFIRM)
    ):
        Message.objects.filter(pk=message.pk).update(
            status=Message.Status.FAILED, error="subscription not active"
        )
        return False
    attempts = message.attempts + 1
    try:
        _email(message).send()
    except Exception as exc:  # the mail server refused or is away: keep it for later
        log.warning("message %s not sent (attempt %s): %s", message.pk, attempts, exc)
        Message.objects.filter(pk=message.pk).update(
            attempts=attempts,
            error=f"{exc.__class__.__name__}: {exc}"[:1000],
            status=Message.Status.FAILED if attempts >= MAX_ATTEMPTS else Message.Status.PENDING,
        )
        return False
    Message.objects.filter(pk=message.pk).update(
        status=Message.Status.SENT, sent_at=timezone.now(), attempts=attempts, error=""
    )
    log.info("message %s (%s) sent", message.pk, message.kind)  # no address: it is personal
    return True


@task()
def message_send_task(message_id: int) -> bool:
    """The queued sending of one message (run by the worker; lives beside what queues it)."""
    return message_send(message_id=message_id)
