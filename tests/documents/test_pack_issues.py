"""Published packs are records: each issue kept with its date and file, reissued redacted."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from scrutiny.documents import services
from scrutiny.documents.models import Document, PackIssue
from scrutiny.documents.pack_builds import build_pending
from scrutiny.documents.pack_issues import plan_from_record
from scrutiny.documents.pack_papers import PaperCache
from scrutiny.documents.pack_printing import render_pack
from tests.committees.factories import ExemptCategoryFactory, MembershipFactory, SeatFactory
from tests.documents.conftest import pages_text

pytestmark = pytest.mark.django_db


def _download(client, meeting, variant="public") -> bytes:
    response = client.get(f"/documents/meetings/{meeting.pk}/pack/{variant}.pdf")
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_publishing_records_both_packs_with_their_publication_date(client, small_meeting):
    issues = list(PackIssue.objects.filter(meeting=small_meeting).order_by("variant"))
    assert [(i.variant, i.number, i.kind, i.status) for i in issues] == [
        ("members", 1, "published", "pending"),
        ("public", 1, "published", "pending"),
    ]
    # Until the worker prints it, the download waits (never printed in the request).
    response = client.get(f"/documents/meetings/{small_meeting.pk}/pack/public.pdf")
    assert response.status_code == 302
    assert build_pending() >= 2
    public = PackIssue.objects.get(meeting=small_meeting, variant="public")
    assert public.status == "ready" and public.page_count > 0
    assert public.issued_at == small_meeting.agenda_published_at
    data = _download(client, small_meeting)
    assert hashlib.sha256(data).hexdigest() == public.sha256
    page = client.get(f"/meetings/{small_meeting.pk}/").content.decode()
    assert "Agenda pack published 26 Feb 2025" in page
    assert f"/documents/meetings/{small_meeting.pk}/pack/public/issue-1.pdf" in page


def test_a_published_pack_does_not_change_with_unrelated_state(client, small_meeting):
    build_pending()
    before = _download(client, small_meeting)
    # The panel gains a member after publication: the front sheet as printed stays.
    MembershipFactory(seat=SeatFactory(panel=small_meeting.panel), start_date=date(2025, 1, 1))
    assert build_pending() == 0  # nothing to print again
    assert _download(client, small_meeting) == before
    # Printing the record again gives the same bytes (fixed metadata, no dates or random IDs).
    issue = PackIssue.objects.get(meeting=small_meeting, variant="public")
    again = render_pack(plan_from_record(small_meeting, "public", issue.contents), PaperCache())
    assert again.pdf == before


def test_a_paper_made_exempt_withdraws_the_issue_and_reissues_it_redacted(
    client, small_meeting, officer
):
    build_pending()
    glossary = Document.objects.get(meeting=small_meeting, title="Glossary")
    assert "GLOSSARY-OF-TERMS" in "\n".join(pages_text(_download(client, small_meeting)))
    category = ExemptCategoryFactory(code="3")  # the fixture's paragraph 3
    services.document_set_exempt(
        actor=officer,
        document=glossary,
        is_exempt=True,
        exempt_category=category,
        public_interest_reasoning="Names a supplier in negotiation.",
        reason="Supplier asked for confidentiality",
    )
    first = PackIssue.objects.get(meeting=small_meeting, variant="public", number=1)
    assert first.is_withdrawn  # in the same transaction as the exemption
    # Withdrawn at once: not served while the redacted issue is printed.
    assert client.get(f"/documents/meetings/{small_meeting.pk}/pack/public.pdf").status_code == 302
    assert (
        client.get(f"/documents/meetings/{small_meeting.pk}/pack/public/issue-1.pdf").status_code
        == 404
    )
    build_pending()
    second = PackIssue.objects.get(meeting=small_meeting, variant="public", number=2)
    assert second.kind == "redacted" and second.replaces == first and not second.is_withdrawn
    assert "paragraph 3 of Part 1 of Schedule 12A" in second.reason
    text = "\n".join(pages_text(_download(client, small_meeting)))
    assert "GLOSSARY-OF-TERMS" not in text
    assert "Document is Confidential" in text and "paragraph 3 of Part 1 of Schedule 12A" in text
    # Everything else is as first printed.
    assert "BUDGET-TABLE" in text and "Monitoring Scrutiny Recommendations" in text
    # Officers keep the withdrawn issue; the members' pack is reissued with the paper marked.
    client.force_login(officer)
    kept = client.get(f"/documents/meetings/{small_meeting.pk}/pack/public/issue-1.pdf")
    assert kept.status_code == 200
    assert "GLOSSARY-OF-TERMS" in "\n".join(pages_text(b"".join(kept.streaming_content)))
    members = PackIssue.objects.get(meeting=small_meeting, variant="members", number=2)
    members_text = "\n".join(pages_text(members.file.read()))
    assert "GLOSSARY-OF-TERMS" in members_text and "NOT FOR PUBLICATION" in members_text
    page = client.get(f"/meetings/{small_meeting.pk}/").content.decode()
    assert "Reissued with papers withheld" in page and "withdrawn" in page


def test_releasing_or_reissuing_nothing_new_records_no_issue(small_meeting, officer):
    build_pending()
    canary = Document.objects.get(meeting=small_meeting, title="Provisional outturn")
    services.document_set_exempt(  # already withheld: its category changes, nothing printed
        actor=officer,
        document=canary,
        is_exempt=True,
        exempt_category=ExemptCategoryFactory(code="1"),
        public_interest_reasoning="Still provisional.",
    )
    assert PackIssue.objects.filter(meeting=small_meeting, variant="public").count() == 1
    assert not PackIssue.objects.get(meeting=small_meeting, variant="public").is_withdrawn


def test_a_supplementary_agenda_issues_the_pack_again(client, small_meeting, officer):
    from scrutiny.committees import services as committees

    build_pending()
    late = committees.agenda_item_add(
        actor="dso", meeting=small_meeting, title="Late item", summary="Added late."
    )
    services.agenda_item_mark_urgent(actor=officer, item=late, reasons="Figures arrived late.")
    services.agenda_publish(
        actor=officer,
        meeting=small_meeting,
        when=datetime(2025, 3, 4, 9, tzinfo=ZoneInfo("Europe/London")),
    )
    build_pending()
    issues = PackIssue.objects.filter(meeting=small_meeting, variant="public").order_by("number")
    assert [(i.number, i.kind) for i in issues] == [(1, "published"), (2, "supplementary")]
    assert "LATE ITEM" in "\n".join(pages_text(_download(client, small_meeting))).upper()
    first = client.get(f"/documents/meetings/{small_meeting.pk}/pack/public/issue-1.pdf")
    assert first.status_code == 200  # the earlier issue stays downloadable as it was
    assert "LATE ITEM" not in "\n".join(pages_text(b"".join(first.streaming_content))).upper()
