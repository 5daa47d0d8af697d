"""The mark a request carries once it has shown its user something the public may not see.

``core.access`` sets it when it grants withheld or unpublished content; ``core.caching``
reads it to keep such a response out of every cache. It lives apart from both so that the
access rules need not import the middleware that reads their mark.
"""

from __future__ import annotations

from typing import Any

WITHHELD_MARK = "_scrutiny_saw_withheld"


def mark_withheld(user: Any) -> None:
    """Record that this request showed the user something the public may not see."""
    if user is not None and getattr(user, "is_authenticated", False):
        setattr(user, WITHHELD_MARK, True)


def saw_withheld(user: Any) -> bool:
    return bool(user is not None and getattr(user, WITHHELD_MARK, False))
