"""The one access check. Every page, file download, list, feed and PDF asks it.

Roles: the public (anyone not signed in), panel members (councillors and appointed members
linked to a user), officers (democratic services: may see and edit everything) and admins.

Objects that can be withheld implement ``access_facts()`` (one object) and declare
``access_lookups()`` (for querysets), so that the rule below is written once:

* officers and admins see everything, published or not;
* everyone else sees only what is published;
* withheld (exempt or confidential) content is shown only to members of the panel it belongs
  to: a current member, a member whose membership covered the meeting date, or a substitute
  appointed for that meeting.

The title and category of a withheld item are public once published (``Level.LISTING``);
only its content needs ``Level.CONTENT``.

A kind of record kept by people outside democratic services (the safeguarding partnership's
case reviews) names an *editors group* in its facts and lookups: members of that Django group
see and edit every record of that kind, as officers do, and nothing else beyond what their
role gives them.

Core knows nothing of panels: who is a member, and which panels and meetings a member's
withheld papers belong to, is the ``MemberScope`` the committees app registers in
``scrutiny.core.registry.member_scopes``. With none registered nobody is a member.

A printed pack is read by an ``Audience``, not a user: ``Audience.PUBLIC`` reads what the
public may read; ``Audience.MEMBERS`` reads every paper in full (the members' pack, whose
withheld pages are marked "not for publication"). Every function here takes either a user or
an audience (a *reader*).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from django.db.models import Q, QuerySet
from django.utils import timezone

from scrutiny.core.withholding import mark_withheld

OFFICER_GROUP = "Officers"


class Role(enum.StrEnum):
    PUBLIC = "public"
    MEMBER = "member"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def sees_everything(self) -> bool:
        return self in (Role.OFFICER, Role.ADMIN)


class Level(enum.IntEnum):
    NONE = 0
    LISTING = 1
    CONTENT = 2


@dataclass(frozen=True)
class AccessFacts:
    panel_id: int | None
    meeting_id: int | None
    published: bool
    withheld: bool
    editors_group: str = ""  # its members see every record of this kind


@dataclass(frozen=True)
class AccessLookups:
    """Field paths from a model to its panel and meeting, and Q objects for its state."""

    panel: str
    meeting: str | None
    published: Q
    withheld: Q
    editors_group: str = ""


class Restricted(Protocol):
    def access_facts(self) -> AccessFacts: ...

    @classmethod
    def access_lookups(cls, today: date) -> AccessLookups: ...


class Audience(enum.Enum):
    """Who reads a printed paper when no one user does: an access level over its papers."""

    PUBLIC = "public"  # what anyone may read; withheld papers by title only
    MEMBERS = "members"  # every paper in full, withheld ones marked not for publication

    @property
    def level(self) -> Level:
        """The level at which this audience reads withheld material."""
        return Level.CONTENT if self is Audience.MEMBERS else Level.LISTING


@dataclass(frozen=True)
class ExemptScope:
    panel_ids: frozenset[int]
    meeting_ids: frozenset[int]

    def covers(self, panel_id: int | None, meeting_id: int | None) -> bool:
        return panel_id in self.panel_ids or (
            meeting_id is not None and meeting_id in self.meeting_ids
        )


NO_SCOPE = ExemptScope(frozenset(), frozenset())


class MemberScope(Protocol):
    """Registered by the committees app: panel membership, as the access check needs it."""

    def is_member(self, user: Any) -> bool: ...

    def exempt_scope(self, user: Any) -> ExemptScope: ...


def _member_scope() -> MemberScope | None:
    from scrutiny.core.registry import member_scopes

    return member_scopes.first()


def sees_everything(reader: Any) -> bool:
    """Officers, admins and the members' pack read everything, published or not."""
    if isinstance(reader, Audience):
        return reader is Audience.MEMBERS
    return role_for(reader).sees_everything


def role_for(user: Any) -> Role:
    """The user's role; an audience has none of its own (its reads are decided by its level)."""
    if user is None or isinstance(user, Audience):
        return Role.PUBLIC
    if not getattr(user, "is_authenticated", False):
        return Role.PUBLIC
    cached = getattr(user, "_scrutiny_role", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        role = Role.ADMIN
    elif user.is_staff or user.groups.filter(name=OFFICER_GROUP).exists():
        role = Role.OFFICER
    elif (scope := _member_scope()) is not None and scope.is_member(user):
        role = Role.MEMBER
    else:
        role = Role.PUBLIC
    user._scrutiny_role = role
    return role


def group_names(user: Any) -> frozenset[str]:
    """The signed-in user's group names (cached on the user for the request)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    names = getattr(user, "_scrutiny_groups", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._scrutiny_groups = names
    return names


def in_group(user: Any, name: str) -> bool:
    """Is the signed-in user in the named group?"""
    return bool(name) and name in group_names(user)


def exempt_scope(user: Any) -> ExemptScope:
    """Panels and meetings whose withheld papers a panel member may read."""
    if role_for(user) is not Role.MEMBER:
        return NO_SCOPE
    cached = getattr(user, "_scrutiny_scope", None)
    if cached is not None:
        return cached
    member_scope = _member_scope()
    scope = NO_SCOPE if member_scope is None else member_scope.exempt_scope(user)
    user._scrutiny_scope = scope
    return scope


def access_level(user: Any, obj: Restricted) -> Level:
    if sees_everything(user):
        facts = obj.access_facts()
        if facts.withheld or not facts.published:
            mark_withheld(user)
        return Level.CONTENT
    facts = obj.access_facts()
    if in_group(user, facts.editors_group):
        mark_withheld(user)
        return Level.CONTENT
    if not facts.published:
        return Level.NONE
    if not facts.withheld:
        return Level.CONTENT
    if exempt_scope(user).covers(facts.panel_id, facts.meeting_id):
        mark_withheld(user)
        return Level.CONTENT
    return Level.LISTING


def can_view(user: Any, obj: Restricted) -> bool:
    """May this user read the object's content (page body, file, PDF pages)?"""
    return access_level(user, obj) is Level.CONTENT


def can_list(user: Any, obj: Restricted) -> bool:
    """May this user know the object exists (its title and exempt category)?"""
    return access_level(user, obj) >= Level.LISTING


def can_edit(user: Any, editors_group: str = "") -> bool:
    """Officers and admins; with ``editors_group``, that group's members too."""
    return role_for(user).sees_everything or in_group(user, editors_group)


def visible(user: Any, queryset: QuerySet, level: Level = Level.CONTENT) -> QuerySet:
    """The queryset narrowed to what the user may see at ``level``; same rule as access_level."""
    if sees_everything(user):
        # Lists may include drafts and withheld records: never cached (core.caching).
        mark_withheld(user)
        return queryset
    lookups = queryset.model.access_lookups(timezone.localdate())
    if in_group(user, lookups.editors_group):
        mark_withheld(user)
        return queryset
    queryset = queryset.filter(lookups.published)
    if level is Level.LISTING:
        return queryset
    scope = exempt_scope(user)
    if scope.panel_ids or scope.meeting_ids:
        mark_withheld(user)
    allowed = ~lookups.withheld | Q(**{f"{lookups.panel}__in": scope.panel_ids})
    if lookups.meeting is not None:
        allowed |= Q(**{f"{lookups.meeting}__in": scope.meeting_ids})
    return queryset.filter(allowed)


def sees_small_numbers(user: Any, panel_ids: Any = None) -> bool:
    """May this user see counts below the suppression threshold?

    Officers and admins always; otherwise only a current member of the panel whose report it
    is (``panel_ids``; None: a report every panel receives, so a current member of any panel).
    A person record alone (a former member, a partner's contact) is not enough.
    """
    role = role_for(user)
    if role.sees_everything:
        return True
    if role is not Role.MEMBER:
        return False
    current = exempt_scope(user).panel_ids
    if panel_ids is None:
        return bool(current)
    return bool(current & frozenset(panel_ids))
