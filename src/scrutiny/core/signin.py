"""Signing in: lockouts (django-axes), officers' idle sessions, officers' second factor.

* django-axes counts failures per account and per address and refuses a locked one even with
  the right password; ``signin_lock_clear`` (an officer, audited) lifts a lock early.
* An officer's session ends after ``SCRUTINY_OFFICER_IDLE_SECONDS`` without a request (a
  working day), and every session when the browser closes.
* An officer with a confirmed TOTP device (django-otp) must give a code after the password;
  with ``SCRUTINY_REQUIRE_OFFICER_OTP`` an officer without one must set one up first.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse

from scrutiny.core.access import role_for
from scrutiny.core.actors import require_officer
from scrutiny.core.audit import AuditAction, audit_record

LAST_SEEN = "scrutiny_last_seen"
# Pages an officer still reaches before giving the second factor.
SECOND_FACTOR_PATHS = (
    "/accounts/second-factor/",
    "/accounts/login/",
    "/accounts/logout/",
    "/static/",
    "/healthz",
)


def client_address(request) -> str | None:
    """The visitor's address: behind the TLS proxy, the entry the proxy itself added to
    X-Forwarded-For (the last one; earlier ones are whatever the visitor sent)."""
    behind_proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None) or getattr(
        settings, "SCRUTINY_BEHIND_PROXY", False
    )
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if behind_proxy and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


def is_officer(user: Any) -> bool:
    return role_for(user).sees_everything


def has_second_factor(user: Any) -> bool:
    from django_otp import devices_for_user

    return any(True for _ in devices_for_user(user, confirmed=True))


class OfficerSessionMiddleware:
    """Ends an officer's idle session; asks an officer for the second factor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_officer(user):
            now = int(time.time())
            last = request.session.get(LAST_SEEN)
            if last is not None and now - int(last) > settings.SCRUTINY_OFFICER_IDLE_SECONDS:
                logout(request)
                return redirect(f"{reverse('login')}?next={request.path}")
            if last is None or now - int(last) >= 60:  # one session write a minute at most
                request.session[LAST_SEEN] = now
            if not request.path.startswith(SECOND_FACTOR_PATHS):
                answer = self._second_factor(request, user)
                if answer is not None:
                    return answer
        return self.get_response(request)

    @staticmethod
    def _second_factor(request, user):
        if getattr(user, "is_verified", lambda: False)():
            return None
        if has_second_factor(user):
            return redirect(f"/accounts/second-factor/?next={request.path}")
        if settings.SCRUTINY_REQUIRE_OFFICER_OTP:
            return redirect("/accounts/second-factor/setup/")
        return None


@transaction.atomic
def signin_lock_clear(*, actor: Any, username: str = "", address: str = "") -> int:
    """Lift the sign-in lock on an account or an address before it expires (officers only)."""
    require_officer(actor, "Only democratic services officers lift sign-in locks.")
    if not username.strip() and not address.strip():
        raise ValidationError("Name the account or the address to unlock.")
    from axes.utils import reset
    from django.contrib.auth import get_user_model

    from scrutiny.core.models import Council

    cleared = reset(username=username.strip() or None, ip=address.strip() or None)
    locked = get_user_model().objects.filter(username=username.strip()).first()
    target = locked or (actor if getattr(actor, "pk", None) else Council.load())
    audit_record(
        actor=actor,
        action=AuditAction.CORE_SIGNIN_LOCK_CLEAR,
        target=target,
        data={"username": username.strip(), "address": address.strip(), "cleared": cleared},
    )
    return cleared
