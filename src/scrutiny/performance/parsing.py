"""Field parsers for imports and forms: each returns a value or raises ValueError(message)."""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from scrutiny.core.dates import month_end

from .models import Comparator

MONTH_NAMES = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}


def _quoted(text: str) -> str:
    """A value for an error message: quoted, and cut short (a field can be huge)."""
    text = str(text)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def parse_month(text: str) -> date:
    """'2024-10', '2024-10-31' (a month end) or 'Oct-24' -> 2024-10-31."""
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12 or int(m[3]) != month_end(year, month).day:
            raise ValueError(f"{_quoted(text)} is not the last day of a month")
    elif m := re.fullmatch(r"([A-Za-z]{3})-(\d{2})", text):
        if m[1].lower() not in MONTH_NAMES:
            raise ValueError(f"{_quoted(text)} is not a month (use YYYY-MM)")
        year, month = 2000 + int(m[2]), MONTH_NAMES[m[1].lower()]
    else:
        raise ValueError(f"{_quoted(text)} is not a month (use YYYY-MM)")
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValueError(f"{_quoted(text)} is not a month (use YYYY-MM)")
    return month_end(year, month)


def parse_date(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{_quoted(text)} is not a date (use YYYY-MM-DD)") from None
    if not 2000 <= day.year <= 2100:
        raise ValueError(f"{_quoted(text)} is not a plausible date for the report")
    return day


def parse_decimal(text: str) -> Decimal:
    cleaned = text.strip().rstrip("%").replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{_quoted(text)} is not a number") from None
    if not value.is_finite():
        raise ValueError(f"{_quoted(text)} is not a number")
    if abs(value) >= Decimal("1e10"):
        raise ValueError(f"{_quoted(text)} is too large")
    return value


# Counts are stored as 32-bit integers.
MAX_COUNT = 2**31 - 1


def parse_count(text: str) -> int:
    value = parse_decimal(text)
    if value != value.to_integral_value() or value < 0:
        raise ValueError(f"{_quoted(text)} is not a whole number of 0 or more")
    if value > MAX_COUNT:
        raise ValueError(f"{_quoted(text)} is too large")
    return int(value)


def parse_year(text: str) -> int:
    """'2023-24', '2023/24' or '23/24' -> 2023."""
    m = re.fullmatch(r"(\d{2}|\d{4})\s*[-/]\s*(\d{2})", text.strip())
    if not m:
        raise ValueError(f"{_quoted(text)} is not a year like 2023-24")
    start = int(m[1]) if len(m[1]) == 4 else 2000 + int(m[1])
    if (start + 1) % 100 != int(m[2]):
        raise ValueError(f"{_quoted(text)} is not two consecutive years")
    return start


COMPARATOR_ALIASES = {
    **{c.value: c.value for c in Comparator},
    **{c.label.lower(): c.value for c in Comparator},
    "sn": Comparator.STATISTICAL_NEIGHBOURS.value,
    "stat neighbours": Comparator.STATISTICAL_NEIGHBOURS.value,
    "south east": Comparator.REGION.value,
}


def parse_comparator(text: str) -> str:
    key = text.strip().lower().replace("_", " ")
    for alias, value in COMPARATOR_ALIASES.items():
        if key == alias.replace("_", " "):
            return value
    raise ValueError(
        f"{_quoted(text)} is not a comparator (council, statistical_neighbours, region, england)"
    )
