"""Uploads, written reports and versions of published papers."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from pypdf import PdfWriter

from scrutiny.core.audit import audit_trail
from scrutiny.core.models import ExemptCategory
from scrutiny.documents import services
from scrutiny.documents.models import Document, DocumentVersion
from scrutiny.documents.reports import numbered_sections
from tests.committees.factories import AgendaItemFactory, PublishedMeetingFactory
from tests.documents.conftest import docx_bytes
from tests.documents.factories import (
    DraftDocumentFactory,
    ExemptDocumentFactory,
    PublishedDocumentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(db):
    return PublishedMeetingFactory()


def add(meeting, **kwargs):
    return services.document_add(actor="dso", meeting=meeting, title="Paper", **kwargs)


def test_word_upload_becomes_sanitised_html_for_the_page(meeting):
    upload = SimpleUploadedFile(
        "notes.docx", docx_bytes(["Attendance rose in spring.", "<script>x</script>"])
    )
    document = add(meeting, upload=upload)
    assert document.content_type.endswith("wordprocessingml.document")
    assert "<p>Attendance rose in spring.</p>" in document.body_html
    assert "<script>" not in document.body_html


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "notes.docx",
            b"%PDF-1.4 pretending",
            "notes.docx: the file's content is not a DOCX document.",
        ),
        (
            "report.pdf",
            b"PK\x03\x04 a zip",
            "report.pdf: the file's content is not a PDF document.",
        ),
        ("run.exe", b"MZ\x90\x00", "run.exe: only PDF and Word (.docx) files can be uploaded."),
        (
            "broken.docx",
            b"PK\x03\x04 not really a zip",
            "broken.docx: the Word document cannot be read",
        ),
    ],
)
def test_wrong_or_broken_files_are_refused_by_name_and_nothing_is_saved(
    meeting, name, content, message
):
    with pytest.raises(ValidationError) as error:
        add(meeting, upload=SimpleUploadedFile(name, content))
    assert error.value.messages[0].startswith(message)
    assert not Document.objects.filter(title="Paper").exists()


@override_settings(SCRUTINY_MAX_UPLOAD_BYTES=1024)
def test_oversized_upload_is_refused_with_size_and_limit(meeting, pdf_bytes):
    with pytest.raises(ValidationError) as error:
        add(meeting, upload=SimpleUploadedFile("big.pdf", pdf_bytes(2, "big") + b"\0" * 2048))
    assert "big.pdf" in error.value.messages[0] and "the limit is" in error.value.messages[0]


def test_password_protected_pdf_is_refused(meeting, pdf_bytes):
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(1, "locked")))
    writer.encrypt("secret")
    data = io.BytesIO()
    writer.write(data)
    with pytest.raises(ValidationError, match="password-protected"):
        add(meeting, upload=SimpleUploadedFile("locked.pdf", data.getvalue()))


def test_replacing_a_published_document_keeps_the_old_version(officer):
    document = PublishedDocumentFactory(body_html="<p>First figures</p>")
    services.document_replace(
        actor=officer,
        document=document,
        reason="Typo in a total",
        body_html="<p>Second figures</p>",
    )
    services.document_replace(actor=officer, document=document, reason="New title", title="Renamed")
    document.refresh_from_db()
    assert document.version == 3 and document.title == "Renamed"
    versions = list(document.versions.order_by("version"))
    assert [(v.version, v.body_html, v.reason) for v in versions] == [
        (1, "<p>First figures</p>", "Typo in a total"),
        (2, "<p>Second figures</p>", "New title"),
    ]
    assert [e.action for e in audit_trail(document)][:2] == [
        "documents.document_replace",
        "documents.document_replace",
    ]


def test_a_published_replacement_needs_a_reason_and_a_draft_keeps_no_history():
    with pytest.raises(ValidationError, match="Say why"):
        services.document_replace(
            actor="dso", document=PublishedDocumentFactory(), body_html="<p>x</p>"
        )
    draft = DraftDocumentFactory()
    services.document_replace(actor="dso", document=draft, body_html="<p>new</p>")
    assert draft.versions.count() == 0


def test_an_old_exempt_version_stays_withheld(client, officer, outsider):
    document = ExemptDocumentFactory(body_html="<p>OLD-EXEMPT-TEXT</p>")
    services.document_set_exempt(
        actor=officer, document=document, is_exempt=False, reason="Released"
    )
    version = DocumentVersion.objects.get(document=document)
    assert version.is_exempt
    client.force_login(outsider)
    # The current document is public now, but the old exempt version is not.
    assert client.get(f"/documents/{document.pk}/").status_code == 200
    response = client.get(f"/documents/{document.pk}/versions/1/")
    assert response.status_code == 403 and "OLD-EXEMPT-TEXT" not in response.content.decode()
    client.force_login(officer)
    assert "OLD-EXEMPT-TEXT" in client.get(f"/documents/{document.pk}/versions/1/").content.decode()


def test_exempt_needs_category_and_public_interest(officer):
    document = PublishedDocumentFactory()
    with pytest.raises(ValidationError):
        services.document_set_exempt(actor=officer, document=document, is_exempt=True)
    with pytest.raises(ValidationError):
        services.document_set_exempt(
            actor=officer,
            document=document,
            is_exempt=True,
            exempt_category=ExemptCategory.objects.get_or_create(code="5")[0],
        )
    document.refresh_from_db()
    assert not document.is_exempt and document.version == 1


REPORT = {
    "decision_maker": "Test Panel",
    "subject": "School places",
    "date_of_decision": "2025-01-30",
    "report_of": "Scrutiny Manager",
    "director_title": "Executive Director",
    "director_name": "A Director",
    "author_title": "Scrutiny Manager",
    "author_name": "An Author",
    "brief_summary": "Summary.",
    "recommendations": "That the panel notes the report.\n\nThat the panel asks for an update.",
    "reasons": "First reason.\n\nSecond reason.",
    "detail": "<p>Detail one</p><script>alert(1)</script>\n\nDetail two",
    "legal_statutory_power": "The Local Government Act 2000.",
}


def test_report_paragraphs_are_numbered_across_sections(meeting, officer):
    item = AgendaItemFactory(meeting=meeting)
    document = services.report_write(actor=officer, agenda_item=item, fields=REPORT)
    sections = numbered_sections(document.report)
    numbers = [n for section in sections for n, _ in section.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))
    assert (
        sections[0].paragraphs[1][0] == 2 and sections[2].paragraphs[0][0] == 4
    )  # detail starts at 4
    assert "<script>" not in document.report.detail


def test_report_missing_parts_are_named(meeting, officer):
    item = AgendaItemFactory(meeting=meeting)
    with pytest.raises(ValidationError) as error:
        services.report_write(
            actor=officer, agenda_item=item, fields={**REPORT, "reasons": " ", "subject": ""}
        )
    assert set(error.value.message_dict) == {"reasons", "subject"}
    assert not Document.objects.filter(agenda_item=item).exists()


def test_demo_report_page_shows_the_template(client, november):
    report = Document.objects.get(meeting=november, agenda_item__number=8, kind="report")
    html = client.get(f"/documents/{report.pk}/").content.decode()
    for text in (
        "Decision-maker",
        "Robert Henderson",
        "Statement of confidentiality",
        "Category 7a",
        "Recommendations",
        "(i)",
        "Legal implications",
        "Key decision?",
        "Appendices",
        "CONFIDENTIAL - 2024 Key Stage 4 Outcomes Provisional",
        "Data Protection Impact Assessment",
    ):
        assert text in html, text
