"""Officers' pages: only officers may use them; the forms go through the services."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.core.models import ExemptCategory
from scrutiny.documents.models import AgendaPack, Document

pytestmark = pytest.mark.django_db


def test_papers_page_is_for_officers_only(client, small_meeting, small_member, outsider, officer):
    url = f"/documents/meetings/{small_meeting.pk}/papers/"
    assert client.get(url).status_code == 302  # to sign in
    for user in (small_member, outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(f"/documents/meetings/{small_meeting.pk}/publish/").status_code == 403
    client.force_login(officer)
    html = client.get(url).content.decode()
    assert "Wednesday 26 February 2025" in html and "Budget monitoring" in html


def test_officer_adds_an_exempt_appendix_and_the_packs_are_queued(client, small_meeting, officer):
    client.force_login(officer)
    item = small_meeting.agenda_items.get(number=2)
    assert not AgendaPack.objects.filter(meeting=small_meeting).exists()
    response = client.post(
        f"/documents/items/{item.pk}/appendix/",
        {
            "number": 2,
            "title": "Team caseloads",
            "body_html": "<p>By team</p>",
            "is_exempt": "on",
        },
    )
    assert response.status_code == 200 and "Choose the category" in response.content.decode()
    response = client.post(
        f"/documents/items/{item.pk}/appendix/",
        {
            "number": 2,
            "title": "Team caseloads",
            "body_html": "<p>By team</p>",
            "is_exempt": "on",
            "exempt_category": ExemptCategory.objects.get(code="1").pk,
            "public_interest_reasoning": "Names staff.",
        },
    )
    assert response.status_code == 302
    added = Document.objects.get(agenda_item=item, number=2)
    # The item is already published: the new paper is a draft until the officer publishes it.
    assert added.is_exempt and added.published_at is None
    assert client.post(f"/documents/{added.pk}/publish/").status_code == 302
    added.refresh_from_db()
    assert added.published_at is not None
    pending = AgendaPack.objects.filter(meeting=small_meeting, status="pending")
    assert set(pending.values_list("variant", flat=True)) == {"public", "members"}


def test_upload_errors_are_shown_on_the_form(client, small_meeting, officer):
    client.force_login(officer)
    item = small_meeting.agenda_items.get(number=1)
    response = client.post(
        f"/documents/items/{item.pk}/upload/report/",
        {
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", b"not a pdf"),
        },
    )
    assert response.status_code == 200
    assert "report.pdf: the file&#x27;s content is not a PDF document." in response.content.decode()


def test_officer_replaces_a_paper_with_a_reason(client, small_meeting, officer):
    client.force_login(officer)
    appendix = Document.objects.get(meeting=small_meeting, agenda_item__number=1, number=2)
    assert appendix.version == 1
    response = client.post(
        f"/documents/{appendix.pk}/replace/",
        {
            "change": "content",
            "reason": "Added terms",
            "title": appendix.title,
            "body_html": "<p>Longer glossary</p>",
        },
    )
    assert response.status_code == 302
    appendix.refresh_from_db()
    assert appendix.version == 2 and appendix.versions.get().reason == "Added terms"
    history = client.get(f"/documents/{appendix.pk}/versions/").content.decode()
    assert "Added terms" in history


def test_papers_page_queries_do_not_grow_with_the_papers(
    client, small_meeting, officer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from scrutiny.documents import services

    client.force_login(officer)
    url = f"/documents/meetings/{small_meeting.pk}/papers/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    item = small_meeting.agenda_items.get(number=1)
    for number in range(4, 9):
        services.document_add(
            actor=officer,
            meeting=small_meeting,
            agenda_item=item,
            number=number,
            title=f"Extra {number}",
            body_html="<p>x</p>",
        )
    with django_assert_max_num_queries(len(before)):
        client.get(url)


def test_officer_writes_a_report_in_the_form(client, small_meeting, officer):
    client.force_login(officer)
    item = small_meeting.agenda_items.get(number=2)
    form = {
        "decision_maker": "Children and Families Scrutiny Panel",
        "subject": "Exclusion of the public",
        "date_of_decision": "2024-11-28",
        "report_of": "Scrutiny Manager",
        "director_title": "Executive Director",
        "director_name": "Mel Creighton",
        "author_title": "Scrutiny Manager",
        "author_name": "Mark Pirnie",
        "brief_summary": "<p>Why the panel meets in private.</p><img src=x onerror=alert(1)>",
        "recommendations": "That the press and public are excluded.",
        "reasons": "Exempt appendix.",
        "alternative_options": "None.",
        "detail": "One.\r\n\r\nTwo.",
        "resource_implications": "None",
        "legal_statutory_power": "Schedule 12A.",
        "legal_other": "None",
        "risk_implications": "None",
        "policy_framework_implications": "None",
        "wards_affected": "None",
        "background": "Audit notes | Paragraph 1 of Schedule 12A",
    }
    missing = client.post(f"/documents/items/{item.pk}/report/", {**form, "subject": ""})
    assert missing.status_code == 200 and "This field is required" in missing.content.decode()
    assert client.post(f"/documents/items/{item.pk}/report/", form).status_code == 302
    report = Document.objects.get(agenda_item=item, kind="report").report
    assert "onerror" not in report.brief_summary
    assert report.background_documents == [
        {"title": "Audit notes", "exempt_paragraph": "Paragraph 1 of Schedule 12A"}
    ]
    page = client.get(f"/documents/{report.document.pk}/").content.decode()
    assert "Paragraph 1 of Schedule 12A" in page and "Why the panel meets in private." in page
