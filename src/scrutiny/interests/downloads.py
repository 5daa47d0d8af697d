"""The published register of interests as CSV: exactly what the person pages publish.

A sensitive interest (Localism Act 2011 s.32) appears only as a row saying its details are
withheld, as on the page: no category, description or date, whoever downloads the file.
Dates are ISO 8601 (YYYY-MM-DD) so spreadsheets sort them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from scrutiny.committees.models import Person
from scrutiny.interests.queries import published_register

HEADER = ["person", "kind", "group", "category", "interest", "from", "to", "status"]
WITHHELD = "Details withheld under section 32 of the Localism Act 2011 (sensitive interest)"


def register_rows(people: Iterable[Person]) -> list[list[str]]:
    rows = [HEADER]
    for person in people:
        register = published_register(person)
        for entry in [*register.current, *register.past]:
            rows.append(
                [
                    person.display_name,
                    person.get_kind_display(),
                    entry.group,
                    entry.get_category_display(),
                    entry.description,
                    entry.arose_on.isoformat(),
                    entry.ended_on.isoformat() if entry.ended_on else "",
                    "Current" if entry.is_current else "Ended",
                ]
            )
        for _ in range(register.withheld_count):
            rows.append(
                [
                    person.display_name,
                    person.get_kind_display(),
                    "",
                    "",
                    WITHHELD,
                    "",
                    "",
                    "Current",
                ]
            )
    return rows


def to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()
