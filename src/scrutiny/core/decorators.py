"""View decorators for officers' screens. A refusal is ``core.actors.Refused``, answered by
``RefusalMiddleware`` the same way everywhere: sign in first, or 403 if signed in."""

from functools import wraps

from scrutiny.core.actors import require_editor
from scrutiny.core.withholding import mark_withheld

OFFICERS_ONLY = "Only democratic services officers can make changes here."


def officer_required(view):
    """Officers and admins only."""
    return editors_required("", OFFICERS_ONLY)(view)


def editors_required(editors_group: str, refusal: str):
    """Officers, admins and members of ``editors_group``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            require_editor(request.user, editors_group, refusal)
            mark_withheld(request.user)  # officers' screens show drafts: never cached
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
