"""Forms and services: validation of substance lives in services; forms show its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Call a service; put its ValidationError on the form's fields. Returns None on error."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return None
