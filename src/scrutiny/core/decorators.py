from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from scrutiny.core.access import can_edit
from scrutiny.core.caching import mark_withheld


def officer_required(view):
    """Officers and admins only: others are sent to sign in, or refused if signed in."""
    return editors_required("", "Only democratic services officers can make changes here.")(view)


def editors_required(editors_group: str, refusal: str):
    """Officers, admins and members of ``editors_group``: others sent to sign in or refused."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not can_edit(request.user, editors_group):
                raise PermissionDenied(refusal)
            mark_withheld(request.user)  # officers' screens show drafts: never cached
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
