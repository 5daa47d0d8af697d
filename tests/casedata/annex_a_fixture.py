"""A small Annex A workbook for tests (no public sample exists), written with openpyxl."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from scrutiny.casedata.importers.annex_a import LISTS


def header(number: int) -> list[str]:
    return [names[0] for names in LISTS[number][1].values()]


def write_workbook(
    path: Path, rows: dict[int, list[dict[str, object]]], *, title_rows: bool = True
) -> Path:
    """One sheet per list in ``rows``; each row is {field: value} using LISTS field names."""
    book = Workbook()
    book.remove(book.active)
    for number, records in sorted(rows.items()):
        sheet = book.create_sheet(f"List {number} - {LISTS[number][0]}"[:31])
        if title_rows:
            sheet.append([f"Annex A list {number}: {LISTS[number][0]}"])
            sheet.append([])
        fields = list(LISTS[number][1])
        sheet.append(header(number))
        for record in records:
            sheet.append([record.get(f) for f in fields])
    book.save(path)
    return path


def sample_rows() -> dict[int, list[dict[str, object]]]:
    """Records for lists 1-8, with a few deliberate problems."""
    return {
        1: [
            {
                "child": "A1",
                "sex": "Male",
                "dob": datetime(2015, 3, 1),
                "contact_date": datetime(2024, 1, 5),
                "contact_source": "Police",
            },
            {"child": "A2", "sex": "F", "contact_date": "05/02/2024"},
            {"child": "A3", "contact_date": "31/02/2024"},  # not a date: row skipped
        ],
        2: [
            {
                "child": "A4",
                "eh_start": date(2024, 1, 10),
                "eh_end": date(2024, 5, 1),
                "team": "Family Help East 1",
            }
        ],
        3: [
            {"child": "A1", "referral_date": datetime(2023, 3, 1), "nfa": "No"},
            {
                "child": "A1",
                "referral_date": datetime(2024, 1, 6),
                "nfa": "No",
                "team": "CRS",
                "worker": "W1",
            },
            {
                "child": "A2",
                "referral_date": "2024-02-06",
                "nfa": "Yes",
                "ethnicity": "ZZZZ",
            },  # not a DfE ethnicity code
            {"child": None, "referral_date": "2024-02-07"},  # no child id
        ],
        4: [
            {
                "child": "A1",
                "assessment_start": date(2024, 1, 8),
                "assessment_authorised": date(2024, 3, 11),
                "team": "Family Help West 1 - CA",
            },
            {
                "child": "A2",
                "assessment_start": date(2024, 2, 8),
                "assessment_authorised": date(2024, 2, 1),
            },  # before the start: skipped
        ],
        5: [
            {
                "child": "A1",
                "strategy_date": date(2024, 1, 15),
                "icpc_date": date(2024, 2, 2),
                "icpc_not_required": "No",
            }
        ],
        6: [
            {
                "child": "A4",
                "cin_start": date(2024, 5, 2),
                "last_visit": date(2024, 6, 20),
                "team": "Family Help East 1",
                "worker": "W4",
            }
        ],
        7: [
            {
                "child": "A1",
                "cpp_start": date(2024, 2, 2),
                "category": "neg",
                "previous_plans": 1,
                "last_visit": date(2024, 6, 25),
                "team": "Family Safeguarding West 1",
                "worker": "W2",
            }
        ],
        8: [
            {
                "child": "A5",
                "period_start": date(2022, 6, 1),
                "place_start": date(2023, 11, 1),
                "ls": "C2",
                "place": "U4",
                "place_provider": "PR4",
                "team": "Children in Care 1",
                "worker": "W3",
            },
            {"child": "A6", "period_start": date(2024, 1, 1), "ls": "V3", "place": "QQ"},
        ],
    }
