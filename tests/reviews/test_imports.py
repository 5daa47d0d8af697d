"""The register import: CSV and XLSX through the services, all rows or none."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from scrutiny.core.audit import audit_trail
from scrutiny.core.tabular import ImportRejected
from scrutiny.reviews.imports import MAX_BYTES, register_import
from scrutiny.reviews.models import CaseReview, CaseStatus
from tests.reviews.factories import PartnershipFactory, partnership_staff

pytestmark = pytest.mark.django_db

ROWS = [
    [
        "reference",
        "incident_date",
        "aware_date",
        "notification_date",
        "rapid_review_date",
        "decision",
        "decision_date",
    ],
    [
        "RR-2024-01",
        date(2024, 5, 20),
        date(2024, 5, 23),
        date(2024, 5, 31),
        date(2024, 6, 14),
        "LCSPR",
        date(2024, 6, 21),
    ],
    ["RR-2024-02", "20/05/2024", "23/05/2024", "", "", "No further review", "13/06/2024"],
    ["RR-2024-03", "2024-07-01", "2024-07-02", "", "", "", ""],
]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_xlsx_register_goes_through_the_services(db):
    staff = partnership_staff()
    assert (
        register_import(
            actor=staff,
            partnership=PartnershipFactory(),
            file_name="register.xlsx",
            data=xlsx(ROWS),
        )
        == 3
    )
    first = CaseReview.objects.get(reference="RR-2024-01")
    assert (first.status, first.notification_date) == (CaseStatus.LCSPR, date(2024, 5, 31))
    assert [e.action for e in audit_trail(first)][::-1] == [
        "reviews.case_review_create",
        "reviews.case_review_notify",
        "reviews.case_review_decide",
    ]
    assert CaseReview.objects.get(reference="RR-2024-02").status == CaseStatus.NO_FURTHER_REVIEW
    assert CaseReview.objects.get(reference="RR-2024-03").status == CaseStatus.REFERRED


def test_a_service_refusal_on_one_row_rejects_the_file(db):
    staff = partnership_staff()
    rows = [*ROWS, ["RR-2024-01", "2024-07-01", "2024-07-02", "", "", "", ""]]
    with pytest.raises(ImportRejected) as rejected:
        register_import(
            actor=staff, partnership=PartnershipFactory(), file_name="r.xlsx", data=xlsx(rows)
        )
    assert [str(e) for e in rejected.value.errors] == [
        "r.xlsx, row 5, column reference: A case with this reference is already on the register."
    ]
    assert CaseReview.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("r.csv", b"x" * (MAX_BYTES + 1), "larger than"),
        ("r.xlsx", b"PK\x03\x04 not really", "not a readable .xlsx"),
        ("r.csv", b"reference\nRR-1\n", "incident_date: column is missing"),
        ("r.csv", b"\xff\xfe\x00", "not UTF-8"),
        ("r.txt", b"reference", "only .csv and .xlsx"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(db, name, data, message):
    with pytest.raises(ImportRejected) as rejected:
        register_import(
            actor=partnership_staff(), partnership=PartnershipFactory(), file_name=name, data=data
        )
    assert message in " ".join(str(e) for e in rejected.value.errors)
