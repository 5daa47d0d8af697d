"""Who may see exact small numbers and who may change the report (via scrutiny.core.access)."""

from __future__ import annotations

from typing import Any

from scrutiny.core.access import Role, can_edit, role_for

EXACT_VALUE_ROLES = frozenset({Role.MEMBER, Role.OFFICER, Role.ADMIN})


def sees_exact_values(user: Any) -> bool:
    """Panel members, officers and admins see exact values; the public sees suppressed ones."""
    return role_for(user) in EXACT_VALUE_ROLES


def may_edit(user: Any) -> bool:
    """Officers and admins enter values, import files and write commentary."""
    return can_edit(user)
