"""The two shapes every officers' screen repeats, written once.

``form_saved``: a form page whose valid POST calls one service; the service's refusals land
on the form (``core.forms.run_service``) and the page is shown again with them.
``change_posted``: a button that POSTs one change; a refusal becomes an error message and a
success a confirmation, and the screen redirects either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from scrutiny.core.forms import run_service

T = TypeVar("T")


def form_saved(
    request: HttpRequest, form: forms.Form, save: Callable[[dict[str, Any]], T]
) -> T | None:
    """What ``save(cleaned_data)`` returned for a valid POST; None when not posted or refused."""
    if request.method != "POST" or not form.is_valid():
        return None
    return run_service(form, lambda: save(form.cleaned_data))


def change_posted(
    request: HttpRequest, change: Callable[[], T], success: str | Callable[[T], str]
) -> T | None:
    """Make the change and say so; a refusal (ValidationError) is shown as an error instead."""
    try:
        result = change()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    messages.success(request, success(result) if callable(success) else success)
    return result
