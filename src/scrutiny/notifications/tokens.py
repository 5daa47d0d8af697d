"""Links in email that act on a subscription: signed, so no token is stored, and tied to
the subscription's own id. Confirming expires after a week; unsubscribing never does."""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from scrutiny.notifications.models import Subscription

CONFIRM_SALT = "scrutiny.notifications.confirm"
UNSUBSCRIBE_SALT = "scrutiny.notifications.unsubscribe"
CONFIRM_MAX_AGE = 7 * 24 * 3600


def _absolute(path: str) -> str:
    from django.conf import settings

    return settings.SCRUTINY_SITE_URL.rstrip("/") + path


def confirm_url(subscription: Subscription) -> str:
    token = signing.dumps(subscription.pk, salt=CONFIRM_SALT)
    return _absolute(reverse("notifications:confirm", args=[token]))


def unsubscribe_url(subscription: Subscription) -> str:
    token = signing.dumps(subscription.pk, salt=UNSUBSCRIBE_SALT)
    return _absolute(reverse("notifications:unsubscribe", args=[token]))


def subscription_for(token: str, *, purpose: str) -> Subscription | None:
    salt, max_age = (
        (CONFIRM_SALT, CONFIRM_MAX_AGE) if purpose == "confirm" else (UNSUBSCRIBE_SALT, None)
    )
    try:
        pk = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return Subscription.objects.select_related("panel").filter(pk=pk).first()
