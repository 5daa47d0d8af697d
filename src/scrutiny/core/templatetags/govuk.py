"""GOV.UK form helpers for core/includes/field.html: ids of a field's hint and errors."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


def describedby_ids(field) -> list[str]:
    base = field.auto_id or field.html_name
    ids = []
    if field.help_text:
        ids.append(f"{base}-hint")
    if field.errors:
        ids.append(f"{base}-error")
    return ids


@register.filter
def describedby(field) -> SafeString:
    """` aria-describedby="…"` naming the field's hint and error message, or nothing."""
    ids = describedby_ids(field)
    if not ids:
        return SafeString("")
    return format_html(' aria-describedby="{}"', " ".join(ids))


@register.filter
def first_input_id(field) -> str:
    """Where the error summary links to: the field's first box for grouped inputs."""
    if field.widget_type in ("radioselect", "govukdate", "checkboxselectmultiple"):
        return f"{field.auto_id}_0"
    return field.id_for_label


@register.filter
def part(field, index: int):
    """One box's value of a multi-part field (the day, month or year of a date)."""
    value = field.value()
    if isinstance(value, list | tuple):
        return value[index] if index < len(value) and value[index] is not None else ""
    if value and hasattr(value, "year"):
        return [value.day, value.month, value.year][index]
    return ""
