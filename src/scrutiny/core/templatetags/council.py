"""Formatting as council papers print it: "5.30 pm", "Thursday, 28th November, 2024"."""

from datetime import date, time

from django import template

register = template.Library()


@register.filter
def council_time(value: time | None) -> str:
    if value is None:
        return ""
    hour = value.hour % 12 or 12
    suffix = "pm" if value.hour >= 12 else "am"
    return f"{hour}.{value.minute:02d} {suffix}"


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th') }"


@register.filter
def council_date(value: date | None) -> str:
    """The front-sheet style: Thursday, 28th November, 2024."""
    if value is None:
        return ""
    return f"{value:%A}, {_ordinal(value.day)} {value:%B}, {value.year}"
