"""No child's identifier reaches the relational database, a page or a log.

Canaries are planted the way a person would: in an imported spreadsheet and in the officer
screens' forms. Afterwards the whole database is dumped and searched, with every log record
captured during the test.
"""

import io
import logging

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from scrutiny.core.models import AuditEvent
from scrutiny.reviews.models import CaseReview
from tests.reviews.factories import PartnershipFactory, partnership_staff

pytestmark = pytest.mark.django_db

UPN = "K820011254018"
NHS = "485 777 3456"
CHILD_ID = "8520004417"

HEADER = "reference,incident_date,aware_date,notification_date,rapid_review_date,decision,decision_date\n"


def database_dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    text = out.getvalue()
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        text += "\n".join(connection.connection.iterdump())
    return text


def assert_nowhere(canaries, *texts):
    for canary in canaries:
        for text in texts:
            assert canary not in text
            assert canary.replace(" ", "") not in text


@pytest.fixture
def staff_client(client, db):
    PartnershipFactory()
    client.force_login(partnership_staff())
    return client


def test_identifiers_planted_in_an_import_are_refused_and_stored_nowhere(staff_client, caplog):
    caplog.set_level(logging.DEBUG)
    sheet = (
        HEADER
        + "RR-2023-01,03/04/2023,05/04/2023,11/04/2023,,,\n"
        + f"{UPN},03/04/2023,05/04/2023,,,,\n"
        + f"RR-2023-03,{NHS},05/04/2023,,,,\n"
        + f"RR-2023-04,03/04/2023,05/04/2023,,,{CHILD_ID},\n"
    )
    upload = SimpleUploadedFile("register.csv", sheet.encode(), content_type="text/csv")
    response = staff_client.post("/reviews/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400
    assert "register.csv, row 3, column reference" in page
    assert "Unique Pupil Number" in page
    assert "register.csv, row 4, column incident_date" in page
    assert "register.csv, row 5, column decision" in page
    assert "nothing was saved" in page
    assert CaseReview.objects.count() == 0  # the good row was not half-saved either
    logs = "\n".join(f"{r.name} {r.getMessage()} {r.args}" for r in caplog.records)
    assert_nowhere([UPN, NHS, CHILD_ID], page, logs, database_dump())


def test_identifiers_typed_into_the_forms_are_refused_and_stored_nowhere(staff_client, caplog):
    caplog.set_level(logging.DEBUG)
    response = staff_client.post(
        "/reviews/new/",
        {"reference": UPN, "incident_date": "2024-05-20", "aware_date": "2024-05-23"},
    )
    assert response.status_code == 400
    assert "looks like a Unique Pupil Number" in response.content.decode()
    staff_client.post(
        "/reviews/new/",
        {"reference": "RR-2024-07", "incident_date": "2024-05-20", "aware_date": "2024-05-23"},
    )
    case = CaseReview.objects.get(reference="RR-2024-07")
    response = staff_client.post(
        f"/reviews/{case.pk}/themes/",
        {"version": case.version, "new_themes": f"Neglect of {NHS}"},
    )
    assert response.status_code == 400
    pages = response.content.decode()
    logs = "\n".join(f"{r.name} {r.getMessage()} {r.args}" for r in caplog.records)
    assert AuditEvent.objects.filter(action="reviews.case_review_create").count() == 1
    assert_nowhere([UPN, NHS], pages, logs, database_dump())
