"""Forms and services: validation of substance lives in services; forms show its errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils import timezone

from scrutiny.core.versioning import StaleEdit


class VersionedForm(forms.Form):
    """A form editing a versioned record: it carries the version the officer opened."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def show_stale(form: forms.BaseForm, error: StaleEdit) -> None:
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


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input); rendered by core/includes/field.html."""

    def __init__(self, attrs: dict | None = None):
        super().__init__([forms.TextInput(attrs={"inputmode": "numeric"}) for _ in range(3)], attrs)

    def decompress(self, value: Any) -> list[Any]:
        if value:
            return [value.day, value.month, value.year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[Any]:
        parts = super().value_from_datadict(data, files, name)
        single = data.get(name)
        if not any(parts) and single:
            # A script or an old link may send the date as one value, ISO or UK style.
            for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
                try:
                    day = datetime.strptime(str(single).strip(), pattern).date()
                except ValueError:
                    continue
                return [str(day.day), str(day.month), str(day.year)]
            return ["?", "?", "?"]  # reported as "Enter a real date"
        return parts


class GovukDateField(forms.MultiValueField):
    """The one way dates are entered: day, month and year, each in its own box."""

    widget = GovukDateWidget
    default_error_messages = {
        "incomplete": "Enter a day, a month and a year.",
        "invalid": "Enter a real date, for example 27 3 2025.",
    }

    def __init__(self, **kwargs: Any):
        parts = (
            forms.IntegerField(min_value=1, max_value=31),
            forms.IntegerField(min_value=1, max_value=12),
            forms.IntegerField(min_value=1000, max_value=9999),
        )
        super().__init__(parts, require_all_fields=False, **kwargs)

    def clean(self, value: Any) -> Any:
        # Report one plain message for the date, not one per box.
        if isinstance(value, list | tuple) and any(str(v or "").strip() for v in value):
            if not all(str(v or "").strip() for v in value):
                raise ValidationError(self.error_messages["incomplete"], code="incomplete")
            if not all(str(v).strip().isdigit() for v in value):
                raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return super().clean(value)
        except ValidationError as error:
            if self.required and not any(str(v or "").strip() for v in (value or [])):
                raise
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error

    def compress(self, data_list: list[Any]) -> date | None:
        if not data_list or all(v in (None, "") for v in data_list):
            return None
        if any(v in (None, "") for v in data_list):
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
        day, month, year = data_list
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class GovukFormRenderer(DjangoTemplates):
    """The one form renderer: ``{{ form }}`` anywhere renders GOV.UK fields and the summary."""

    form_template_name = "core/includes/form.html"


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
