"""Writes of the public site: personal API tokens and the council's statements."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.core.access import Role, role_for
from scrutiny.core.actors import require_officer
from scrutiny.core.audit import audit_record
from scrutiny.public.models import ApiToken, Statement

TOKEN_PREFIX = "scr_"  # noqa: S105 (a marker, not a secret)
MAX_ACTIVE_TOKENS = 5


def token_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, actor: Any, name: str) -> tuple[ApiToken, str]:
    """A new token for the signed-in officer or panel member; returns it and its secret."""
    if role_for(actor) is Role.PUBLIC:
        raise PermissionDenied("Only officers and panel members can have API tokens.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter what the token is for."})
    if len(name) > 100:
        raise ValidationError({"name": "The name must be 100 characters or fewer."})
    active = ApiToken.objects.select_for_update().filter(user=actor, revoked_at__isnull=True)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {"name": f"You already have {MAX_ACTIVE_TOKENS} tokens: revoke one first."}
        )
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor, name=name, digest=token_digest(secret), prefix=secret[:10]
    )
    audit_record(actor=actor, action="public.api_token_create", target=token)
    return token, secret


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != getattr(actor, "pk", None) and not role_for(actor).sees_everything:
        raise PermissionDenied("You can revoke only your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="public.api_token_revoke", target=token)
    return token


def api_token_user(secret: str) -> Any | None:
    """The active user a token belongs to, or None. Marks the token used (once a day)."""
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    today = timezone.localdate()
    if token.last_used_on != today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_on=today)
    return token.user


@transaction.atomic
def statement_save(
    *,
    actor: Any,
    kind: str,
    body: str,
    contact_email: str,
    contact_telephone: str = "",
    reviewed_on: date,
    expected_version: int | None = None,
) -> Statement:
    """Write the accessibility statement or the privacy notice (officers only)."""
    require_officer(actor, "Only officers can change the council's statements.")
    if kind not in Statement.Kind.values:
        raise ValidationError({"kind": "Unknown kind of statement."})
    errors = {}
    if not body.strip():
        errors["body"] = "Enter the text of the statement."
    if not contact_email.strip():
        errors["contact_email"] = "Enter the email address people should write to."
    if reviewed_on > timezone.localdate():
        errors["reviewed_on"] = "The review date must be today or in the past."
    if errors:
        raise ValidationError(errors)
    statement = Statement.objects.select_for_update().filter(kind=kind).first()
    if statement is None:
        statement = Statement(kind=kind, version=0)
    elif expected_version is not None and statement.version != expected_version:
        raise ValidationError(
            "Someone else changed this statement while you were editing it. "
            "Reload the page to see their version."
        )
    statement.body = body.strip()
    statement.contact_email = contact_email.strip()
    statement.contact_telephone = contact_telephone.strip()
    statement.reviewed_on = reviewed_on
    statement.version += 1
    statement.save()
    audit_record(actor=actor, action="public.statement_save", target=statement, to_state=kind)
    return statement
