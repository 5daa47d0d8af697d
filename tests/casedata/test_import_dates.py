"""Dates read by slicing accept and refuse exactly what strptime does."""

from __future__ import annotations

from datetime import datetime

import pytest

from scrutiny.casedata.importers.common import _parse_date

VALUES = [
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "0000-01-01",
    "2024-1-05",
    "2024-01-5",
    "31/12/2024",
    "31/02/2024",
    "01/01/0001",
    "1/1/2024",
    "\uff12\uff10\uff12\uff14-01-01",  # full-width digits
    "2024-01-01 ",
    "+024-01-01",
    "2024-0a-01",
    "2024/01/01",
    "24-01-2024",
    "2024-01-+1",
    "29/02/2024",
]


def _read(reader, value: str, fmt: str):
    try:
        return reader(value, fmt)
    except ValueError:
        return "refused"


@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%d/%m/%Y"])
@pytest.mark.parametrize("value", VALUES)
def test_fast_dates_match_strptime(value, fmt):
    expected = _read(lambda v, f: datetime.strptime(v, f).date(), value, fmt)
    assert _read(_parse_date, value, fmt) == expected
