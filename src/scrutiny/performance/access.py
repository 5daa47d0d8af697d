"""Who may see exact small numbers and who may change the report.

Both questions are answered by scrutiny.core.access; this module only names them for the app.
"""

from __future__ import annotations

from typing import Any


def sees_exact_values(user: Any) -> bool:
    """Panel members, officers and admins see exact values; the public sees suppressed ones."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff)


def may_edit(user: Any) -> bool:
    """Officers and admins enter values, import files and write commentary."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_staff)
