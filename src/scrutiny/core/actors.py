"""Who makes a change: the typed actor every service takes, and the one authorisation point.

Every service function takes ``actor`` (keyword-only) and, before it writes, asks one of:

* ``require_officer(actor)``: democratic services officers and admins;
* ``require_editor(actor, editors_group)``: officers, admins and the named group's members
  (partnership staff keep the case reviews register);
* ``require_signed_in(actor)``: anyone signed in (a panel member's own declaration);

or none, when anyone may ask (a member of the public subscribing to alerts: say so there).

An actor is a user (signed in or anonymous) or a ``SystemActor``, the product itself acting
for no one person: the demo loader, a management command, the worker building a pack. A
system actor passes every check, since whoever could run it could already change the data.
A plain string is taken as the name of a system actor (``"demo loader"``), as the audit log
has always recorded it.

A refusal raises ``Refused`` (a ``PermissionDenied``), with a message for the person refused.
Views do not catch it: ``RefusalMiddleware`` answers it the same way on every page: an
anonymous visitor is sent to sign in and comes back; a signed-in user gets 403 with the
message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from scrutiny.core.access import can_edit

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class SystemActor:
    """The product acting for no one person; recorded in the audit log by its name."""

    name: str

    is_authenticated = False  # not a signed-in user: the audit log stores no user for it

    def __str__(self) -> str:
        return self.name


Actor = Union["AbstractBaseUser", "AnonymousUser", SystemActor, str]

SYSTEM = SystemActor("system")
OFFICERS_ONLY = "Only democratic services officers can make this change."


class Refused(PermissionDenied):
    """A change the actor may not make. The message is shown to them: it names no record
    they may not see."""


def user_of(actor: Any) -> User | None:
    """The signed-in user acting, to store against a record; None for the system or nobody."""
    return actor if getattr(actor, "is_authenticated", False) else None


def actor_label(actor: Any) -> str:
    """How the audit log and import records name the actor: a username or the system's name."""
    if getattr(actor, "is_authenticated", False):
        return str(actor.get_username())
    return str(actor) if actor else "system"


def is_system(actor: Any) -> bool:
    return isinstance(actor, SystemActor | str)


def as_actor(actor: Any) -> Any:
    """A string actor as the system actor of that name; anything else unchanged."""
    return SystemActor(actor) if isinstance(actor, str) else actor


def require_editor(actor: Any, editors_group: str = "", refusal: str = "") -> None:
    """Officers and admins, and with ``editors_group`` that group's members; else Refused."""
    if is_system(actor):
        return
    if not can_edit(actor, editors_group):
        raise Refused(refusal or OFFICERS_ONLY)


def require_officer(actor: Any, refusal: str = "") -> None:
    """Democratic services officers and admins (and the system); else Refused."""
    require_editor(actor, "", refusal)


def require_signed_in(actor: Any, refusal: str = "") -> None:
    """Anyone signed in (and the system); else Refused."""
    if is_system(actor) or getattr(actor, "is_authenticated", False):
        return
    raise Refused(refusal or "Sign in to make this change.")


class RefusalMiddleware:
    """One answer to a refused change on every page: sign in first, or 403 if signed in.

    A refusal of a signed-in user is left to Django's 403 handling (the message is shown on
    the 403 page); an anonymous visitor is redirected to the sign-in page, back to where they
    were going. Refusals to read withheld content are not ``Refused`` but plain
    ``PermissionDenied`` (signing in would not help the public), and are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused) and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return None
