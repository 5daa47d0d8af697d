"""Papers are withheld until an officer releases them, along every path an officer takes.

Each canary is planted through the officers' papers screens (the test client posting their
forms) on a meeting whose agenda is already published: an upload after publication, an
upload marked exempt, a written report marked exempt, an item taken in private afterwards,
and the old version of a paper withheld through its item when the item is released.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.core.models import AuditEvent
from scrutiny.documents import services
from scrutiny.documents.models import Document
from tests.committees.factories import (
    AgendaItemFactory,
    ExemptCategoryFactory,
    PublishedMeetingFactory,
)
from tests.documents.conftest import docx_bytes
from tests.security.sweep import UNENTITLED, council, public_outbox_text, site_seeds, sweep

WORD = "wombatplanted"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def people(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return council()


@pytest.fixture
def published_item(people):
    """Item 5 of a meeting whose agenda (all its items) has been published."""
    meeting = PublishedMeetingFactory(panel=people.panel, date=date(2024, 11, 28))
    item = AgendaItemFactory(meeting=meeting, number=5, title="Education performance")
    services.agenda_publication_import(actor=people.officer, meeting=meeting)
    return item


def _docx(canary: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "paper.docx", docx_bytes([f"The figures behind {canary} {WORD}."]), DOCX_TYPE
    )


def _exemption() -> dict:
    return {
        "is_exempt": "on",
        "exempt_category": ExemptCategoryFactory().pk,
        "public_interest_reasoning": "Provisional figures shared in confidence.",
    }


def _upload(people, item, canary: str, **extra) -> Document:
    response = people.client("officer").post(
        f"/documents/items/{item.pk}/upload/report/",
        {"title": "Education performance report", "file": _docx(canary), **extra},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    return Document.objects.get(agenda_item=item, title="Education performance report")


def _publish(people, document: Document) -> None:
    response = people.client("officer").post(f"/documents/{document.pk}/publish/")
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.published_at is not None


def _seeds(people, document: Document, canary: str) -> list[str]:
    meeting = document.meeting_id
    return site_seeds(
        people.panel,
        canary,
        f"/meetings/{meeting}/",
        f"/documents/{document.pk}/",
        f"/documents/{document.pk}/file/",
        f"/documents/{document.pk}/versions/",
        f"/documents/meetings/{meeting}/pack/",
        f"/documents/meetings/{meeting}/pack/public.pdf",
        words=(WORD,),
    )


def _nobody_unentitled_finds(people, canary: str, seeds: list[str], also: tuple = ()) -> None:
    for who in [*UNENTITLED, *also]:
        found = sweep(people.client(who), canary, seeds)
        assert found.leaks == [], who
    assert canary.lower() not in public_outbox_text(people.outsider).lower()


def test_a_paper_uploaded_after_publication_is_a_draft_until_an_officer_publishes_it(
    people, published_item, run_tasks
):
    canary = "UPLOADCANARY-LATE-3301"
    document = _upload(people, published_item, canary)
    assert document.published_at is None
    run_tasks()  # the packs rebuilt after the change
    seeds = _seeds(people, document, canary)

    _nobody_unentitled_finds(people, canary, seeds, also=("member",))
    assert (
        sweep(people.client("member"), canary, seeds).fetched[f"/documents/{document.pk}/"] == 404
    )
    officer = sweep(people.client("officer"), canary, seeds)
    assert f"/documents/{document.pk}/" in officer.leaks
    assert "no-store" in officer.headers[f"/documents/{document.pk}/file/"]

    _publish(people, document)
    anonymous = sweep(people.client("anonymous"), canary, seeds)
    assert f"/documents/{document.pk}/" in anonymous.leaks
    # Public to an anonymous visitor; private to anyone signed in (the page differs by role).
    assert anonymous.headers[f"/documents/{document.pk}/file/"].startswith("public")
    member = sweep(people.client("member"), canary, seeds)
    assert member.headers[f"/documents/{document.pk}/file/"].startswith("private")
    assert member.headers[f"/documents/{document.pk}/"].startswith("private")


def test_the_upload_form_asks_whether_the_paper_is_exempt(people, published_item, run_tasks):
    canary = "UPLOADCANARY-EXEMPT-3302"
    document = _upload(people, published_item, canary, **_exemption())
    assert document.is_exempt and document.public_interest_reasoning
    _publish(people, document)
    run_tasks()
    seeds = _seeds(people, document, canary)

    _nobody_unentitled_finds(people, canary, seeds)
    member = sweep(people.client("member"), canary, seeds)
    assert f"/documents/{document.pk}/" in member.leaks
    assert member.headers[f"/documents/{document.pk}/file/"] == "private, no-store"
    assert member.headers[f"/documents/{document.pk}/"] == "private, no-store"


REPORT = {
    "decision_maker": "Children Scrutiny Panel",
    "subject": "Provisional attainment",
    "date_of_decision": "2024-11-28",
    "report_of": "Executive Director",
    "director_title": "Executive Director",
    "director_name": "A Director",
    "author_title": "Service Lead",
    "author_name": "An Author",
    "brief_summary": "Summary.",
    "recommendations": "That the panel notes the report.",
    "reasons": "To inform the panel.",
    "alternative_options": "None.",
    "resource_implications": "None",
    "legal_other": "None",
    "risk_implications": "None",
    "policy_framework_implications": "None",
    "wards_affected": "All",
    "legal_statutory_power": "Local Government Act 2000.",
}


def test_a_written_report_can_be_made_exempt(people, published_item, run_tasks):
    canary = "REPORTCANARY-EXEMPT-3303"
    response = people.client("officer").post(
        f"/documents/items/{published_item.pk}/report/",
        {**REPORT, "detail": f"The figures behind {canary} {WORD}.", **_exemption()},
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    document = Document.objects.get(agenda_item=published_item, kind="report")
    assert document.is_exempt and document.published_at is None
    _publish(people, document)
    run_tasks()
    seeds = _seeds(people, document, canary)

    _nobody_unentitled_finds(people, canary, seeds)
    assert f"/documents/{document.pk}/" in sweep(people.client("member"), canary, seeds).leaks

    # Its exemption is changed in the officers' screen, as any paper's.
    response = people.client("officer").post(
        f"/documents/{document.pk}/exemption/", {"reason": "Results now published by the DfE"}
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert not document.is_exempt
    assert f"/documents/{document.pk}/" in sweep(people.client("anonymous"), canary, seeds).leaks


def _item_exemption(people, item, exempt: bool):
    data = {"exempt_reasons": "Shared in confidence by the DfE."}
    if exempt:
        data.update(is_exempt="on", exempt_category=ExemptCategoryFactory().pk)
    response = people.client("officer").post(f"/documents/items/{item.pk}/exemption/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    item.refresh_from_db()
    assert item.is_exempt is exempt


def test_an_item_taken_in_private_in_the_officers_screen_withholds_its_papers(
    people, published_item, run_tasks
):
    canary = "ITEMCANARY-PRIVATE-3304"
    document = _upload(people, published_item, canary)
    _publish(people, document)
    _item_exemption(people, published_item, exempt=True)
    run_tasks()
    seeds = _seeds(people, document, canary)

    _nobody_unentitled_finds(people, canary, seeds)
    member = sweep(people.client("member"), canary, seeds)
    assert f"/documents/{document.pk}/" in member.leaks
    assert member.headers[f"/documents/{document.pk}/file/"] == "private, no-store"
    events = AuditEvent.objects.filter(action="committees.agenda_item_set_exempt")
    assert events.filter(to_state="exempt", actor=people.officer).exists()

    _item_exemption(people, published_item, exempt=False)
    assert f"/documents/{document.pk}/" in sweep(people.client("anonymous"), canary, seeds).leaks


def test_old_versions_withheld_through_their_item_stay_withheld_when_it_is_released(
    people, published_item, run_tasks
):
    canary = "VERSIONCANARY-OLD-3305"
    _item_exemption(people, published_item, exempt=True)
    document = _upload(people, published_item, canary)
    _publish(people, document)
    response = people.client("officer").post(
        f"/documents/{document.pk}/replace/",
        {
            "change": "content",
            "reason": "Figures revised",
            "title": document.title,
            "body_html": "<p>The revised figures, for publication.</p>",
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    _item_exemption(people, published_item, exempt=False)
    run_tasks()
    seeds = [*_seeds(people, document, canary), f"/documents/{document.pk}/versions/1/"]
    seeds.append(f"/documents/{document.pk}/versions/1/?file")

    _nobody_unentitled_finds(people, canary, seeds)
    anonymous = sweep(people.client("anonymous"), canary, seeds)
    assert anonymous.fetched[f"/documents/{document.pk}/"] == 200  # the current text is out
    assert anonymous.fetched[f"/documents/{document.pk}/versions/1/"] == 403
    member = sweep(people.client("member"), canary, seeds)
    assert f"/documents/{document.pk}/versions/1/" in member.leaks
