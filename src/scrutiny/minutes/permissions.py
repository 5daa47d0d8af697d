"""Officer-only pages: anonymous visitors are sent to sign in, anyone else is refused."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from scrutiny.core.access import can_edit


def officer_view(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_edit(request.user):
            raise PermissionDenied("Only officers can record minutes and decisions.")
        return view(request, *args, **kwargs)

    return wrapped
