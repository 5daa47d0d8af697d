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


def model_choice_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    """The form's model choice field `name`, typed, for setting its queryset per instance."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a model choice field")
    return field


def choice_field(form: forms.BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`, typed, for setting its choices per instance."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is not a choice field")
    return field


def error_messages(form: forms.BaseForm) -> list[str]:
    """Every error message of a bound form, field by field, as text."""
    return [str(message) for errors in form.errors.values() for message in errors]
