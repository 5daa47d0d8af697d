"""Small numbers are shown exactly only to officers and current members of the report's panel.

A person record is not enough: a former member, a partner's contact with a person record and
a member of another panel all get the public, suppressed figures, in the page, CSV and PDF.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
from pypdf import PdfReader

from scrutiny.core.access import sees_small_numbers
from scrutiny.core.models import Council
from scrutiny.performance import demo
from tests.committees.factories import PersonFactory
from tests.security.sweep import council

# New unaccompanied asylum-seeking children in Oct-22: 5 in the seed, a small number.
INDICATOR = "/performance/indicators/cla_new_uasc/"


@pytest.fixture
def people(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    Council.load()
    demo.load_seed_report()
    people = council()
    settings.SCRUTINY_PERFORMANCE_PANELS = [people.panel.slug]
    return people


def _oct_22(client) -> str:
    page = client.get(INDICATOR).content.decode()
    months = re.findall(
        r'<th scope="row" class="govuk-table__header">(\w{3}-\d\d)</th>'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(.*?)</td>',
        page,
    )
    return dict(months)["Oct-22"]


def _csv_values(client) -> list[str]:
    rows = csv.DictReader(io.StringIO(client.get("/performance/report.csv").content.decode()))
    return [r["value"] for r in rows if r["indicator_code"] == "cla_new_uasc"]


def _contact(people):
    """Signed in and linked to a person record, on no panel (a partner's contact)."""
    from django.contrib.auth.models import User

    user = User.objects.create_user("contact")
    PersonFactory(user=user, name="A Partner Contact")
    return user


def test_a_person_record_alone_does_not_lift_suppression(people):
    contact = _contact(people)
    for who in ["anonymous", "outsider", "former", "other_member"]:
        client = people.client(who)
        assert _oct_22(client) == "c", who
        assert _csv_values(client)[0] == "c", who
    client = people.client("anonymous")
    client.force_login(contact)
    assert _oct_22(client) == "c"
    for who in ["member", "officer"]:
        client = people.client(who)
        assert _oct_22(client) == "5", who
        assert _csv_values(client)[0] == "5", who


def test_the_pdf_a_former_member_gets_is_the_public_version(people, run_tasks):
    client = people.client("former")
    client.get("/performance/report.pdf")
    run_tasks()
    served = b"".join(client.get("/performance/report.pdf").streaming_content)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(served)).pages)
    assert "Public version" in text


def test_a_panels_page_lifts_suppression_for_that_panels_members_only(people):
    assert sees_small_numbers(people.member, [people.panel.pk])
    assert not sees_small_numbers(people.other_member, [people.panel.pk])
    assert not sees_small_numbers(people.former, [people.panel.pk])
    assert sees_small_numbers(people.officer, [people.panel.pk])
    assert not sees_small_numbers(people.outsider, None)
