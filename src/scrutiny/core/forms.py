"""Forms and services: validation of substance lives in services; forms show its errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from scrutiny.core.versioning import StaleEdit


class VersionedForm(forms.Form):
    """A form editing a versioned record: it carries the version the officer opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def show_stale(form: forms.Form, error: StaleEdit) -> None:
    """Keep what the officer typed, show the saved version beside it, and let them save again
    over it knowingly (the form now carries the saved version's number)."""
    current = error.current
    form.add_error(None, error.messages)
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(current, name):
            continue
        shown = getattr(current, f"get_{name}_display", None)
        value = shown() if shown else getattr(current, name)
        if isinstance(value, bool):
            value = "Yes" if value else "No"
        rows.append(
            (
                field.label or name.replace("_", " ").capitalize(),
                value if value not in (None, "") else "(empty)",
            )
        )
    form.stale_rows = rows  # type: ignore[attr-defined]
    form.stale_by = current.changed_by or "someone else"  # type: ignore[attr-defined]
    form.stale_at = (  # type: ignore[attr-defined]
        f"{timezone.localtime(current.changed_at):%-d %B %Y, %H:%M:%S}"
        if current.changed_at
        else ""
    )
    data = dict(form.data.items()) if not hasattr(form.data, "copy") else form.data.copy()
    data[form.add_prefix("version")] = str(current.version)
    form.data = data


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Call a service; put its ValidationError on the form's fields. Returns None on error.

    A stale save (``StaleEdit``) keeps the officer's input and shows the saved version.
    """
    try:
        return call()
    except StaleEdit as error:
        show_stale(form, error)
        return None
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                form.add_error(name if name in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return None
