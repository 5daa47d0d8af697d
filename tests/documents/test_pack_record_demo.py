"""The demo's 28 November 2024 pack: the performance report as item 9's appendix, and the
pack as published unchanged by the panel approving the 26 September minutes."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.committees.models import Meeting, MeetingStatus
from scrutiny.documents.models import PackIssue
from scrutiny.documents.pack_builds import build_pending
from scrutiny.documents.pack_issues import issue_request
from scrutiny.documents.pack_papers import PaperCache
from scrutiny.documents.pack_printing import pack_plan, render_pack
from scrutiny.minutes import services as minutes_services
from scrutiny.minutes.models import Minutes
from tests.documents.conftest import numbered_pages, pages_text

pytestmark = pytest.mark.django_db


def _as_published(november: Meeting) -> Minutes:
    """The demo as it stood when the agenda was published: the 26 September minutes were a
    published draft, to be approved at this meeting."""
    september = Minutes.objects.get(meeting__panel=november.panel, meeting__date=date(2024, 9, 26))
    Minutes.objects.filter(pk=september.pk).update(
        status="draft", approved_at_meeting=None, approved_on=None
    )
    Meeting.objects.filter(pk=september.meeting_id).update(status=MeetingStatus.HELD)
    september.refresh_from_db()
    return september


def _download(client, meeting) -> bytes:
    response = client.get(f"/documents/meetings/{meeting.pk}/pack/public.pdf")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_the_pack_is_byte_identical_before_and_after_the_minutes_are_approved(
    client, november, demo_officer, tmp_path
):
    september = _as_published(november)
    issue = issue_request(november, "public")
    assert issue is not None and issue.status == PackIssue.Status.PENDING
    assert issue.issued_at == november.agenda_published_at
    build_pending()
    before = _download(client, november)
    text = " ".join(" ".join(pages_text(before)).split())
    assert "MINUTES OF THE MEETING HELD ON 26 SEPTEMBER 2024" in text
    assert "to be confirmed as a correct record" in text
    live_before = pack_plan(november, "public").fingerprint

    minutes_services.minutes_approve(actor=demo_officer, minutes=september, at_meeting=november)

    assert _download(client, november) == before  # the published issue, as printed
    # And the pack itself does not depend on the approval: printing it afresh from the
    # papers as they are now gives the same plan and the same bytes.
    assert pack_plan(november, "public").fingerprint == live_before
    fresh = render_pack(pack_plan(november, "public"), PaperCache(tmp_path / "fresh"))
    assert fresh.pdf == before
    assert PackIssue.objects.filter(meeting=november, variant="public").count() == 1


def test_item_9_prints_the_performance_report_as_its_appendix(client, november):
    issue_request(november, "public")
    build_pending()
    issue = PackIssue.objects.get(meeting=november, variant="public", number=1)
    pages = numbered_pages(issue.file.read())
    item_9 = november.agenda_items.get(number=9)
    item_9.refresh_from_db()
    first, last = item_9.page_start, item_9.page_end
    assert first and last and last - first >= 4  # the report, not a one-line stand-in
    item_text = "\n".join(pages[n] for n in range(first, last + 1))
    assert "Agenda Item 9 · Appendix 1" in item_text
    assert "Children's Social Care Performance Report" in item_text
    # The report's own sections and data tables, printed from the performance app.
    assert "Family Help" in item_text and "Family Safeguarding" in item_text
    assert "Appendix 2: Children and Learning Glossary" in item_text
