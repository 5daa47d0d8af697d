"""Pack pages and downloads: who gets which pack, never waiting, never a stale pack."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from scrutiny.core.models import ExemptCategory
from scrutiny.documents import services
from scrutiny.documents.models import AgendaPack, Document, PackIssue
from scrutiny.documents.pack_builds import build_pending, pack_build, pack_request
from tests.documents.conftest import CANARY, pages_text

pytestmark = pytest.mark.django_db


def pack_url(meeting, variant):
    return f"/documents/meetings/{meeting.pk}/pack/{variant}.pdf"


def download(client, meeting, variant) -> bytes:
    response = client.get(pack_url(meeting, variant))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_a_request_never_builds_it_queues_and_points_to_the_status_page(client, small_meeting):
    response = client.get(pack_url(small_meeting, "public"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/documents/meetings/{small_meeting.pk}/pack/#public")
    # Published: the pack is the issue recorded at publication, printed by the worker.
    pack = PackIssue.objects.get(meeting=small_meeting, variant="public")
    assert pack.status == PackIssue.Status.PENDING and not pack.file
    page = client.get(f"/documents/meetings/{small_meeting.pk}/pack/").content.decode()
    # No self-refreshing page: a plain link to look again, and the build is queued for the
    # worker rather than run here.
    assert "being prepared" in page and "http-equiv" not in page and "Check again" in page
    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(task_path__endswith="pack_issue_build", status="READY")
    assert [pack.pk] in [r.args_kwargs["args"] for r in queued]
    assert not AgendaPack.objects.filter(meeting=small_meeting).exists()


def test_public_pack_is_served_to_anyone_once_built_and_never_holds_the_exempt_text(
    client, small_meeting
):
    client.get(pack_url(small_meeting, "public"))
    assert build_pending() == 2  # the public and members' packs as published
    pdf = download(client, small_meeting, "public")
    assert CANARY not in "\n".join(pages_text(pdf))
    small_meeting.refresh_from_db()
    item_1 = small_meeting.agenda_items.get(number=1)
    assert item_1.page_start == 1  # the ranges of the public pack as printed
    assert f"Pages {item_1.page_start} - {item_1.page_end}" in "\n".join(pages_text(pdf))
    # Shared caches must ask again each time: the issue may be withdrawn at any moment.
    response = client.get(pack_url(small_meeting, "public"))
    assert response["Cache-Control"] == "public, max-age=0, must-revalidate"


@pytest.mark.parametrize("username", [None, "public", "former"])
def test_members_pack_is_refused_to_the_public_and_to_signed_in_outsiders(
    client, small_meeting, former_member, username
):
    if username == "public":
        client.force_login(User.objects.create_user("public"))
    elif username:
        client.force_login(former_member)
    response = client.get(pack_url(small_meeting, "members"))
    assert response.status_code == 403
    assert "members of the panel" in response.content.decode()
    assert not AgendaPack.objects.filter(variant="members").exists()
    page = client.get(f"/documents/meetings/{small_meeting.pk}/pack/").content.decode()
    assert "Members&#x27; agenda pack" not in page and "Members' agenda pack" not in page


def test_members_pack_goes_to_a_panel_member_and_holds_the_exempt_appendix(
    client, small_meeting, small_member
):
    client.force_login(small_member)
    pack_request(meeting=small_meeting, variant="members")
    build_pending()
    pdf = download(client, small_meeting, "members")
    assert CANARY in "\n".join(pages_text(pdf))
    assert client.get(pack_url(small_meeting, "members"))["Cache-Control"] == "private, no-store"


def test_unpublished_agenda_has_no_pack_except_for_officers(client, officer):
    from tests.committees.factories import ScheduledMeetingFactory

    january = ScheduledMeetingFactory(date=date(2025, 1, 30))
    assert january.agenda_published_at is None
    assert client.get(pack_url(january, "public")).status_code == 404
    assert client.get(f"/documents/meetings/{january.pk}/pack/").status_code == 404
    client.force_login(officer)
    assert client.get(pack_url(january, "members")).status_code == 302  # queued for the officer


def test_an_exempt_change_is_never_answered_with_the_old_pack(client, small_meeting, officer):
    appendix = Document.objects.get(meeting=small_meeting, agenda_item__number=1, number=1)
    pack_request(meeting=small_meeting, variant="public")
    build_pending()
    before = download(client, small_meeting, "public")
    assert "BUDGET-TABLE" in "\n".join(pages_text(before))
    services.document_set_exempt(
        actor=officer,
        document=appendix,
        is_exempt=True,
        exempt_category=ExemptCategory.objects.get(code="1"),
        public_interest_reasoning="Small numbers could identify pupils.",
        reason="Withdrawn for review",
    )
    # The old build is still on disk, but it no longer matches the papers: not served.
    response = client.get(pack_url(small_meeting, "public"))
    assert response.status_code == 302
    build_pending()
    after = download(client, small_meeting, "public")
    assert "BUDGET-TABLE" not in "\n".join(pages_text(after))
    assert (
        AgendaPack.objects.filter(meeting=small_meeting, variant="public").count() == 1
    )  # old build removed


def test_a_claimed_pack_is_built_once(small_meeting):
    pack = pack_request(meeting=small_meeting, variant="public")
    assert pack_build(pack.pk) is not None
    assert pack_build(pack.pk) is None


def test_meeting_page_links_to_the_packs_each_user_may_have(client, small_meeting, small_member):
    html = client.get(f"/meetings/{small_meeting.pk}/").content.decode()
    assert "Public agenda pack" in html and "Members&#x27; agenda pack" not in html
    client.force_login(small_member)
    html = client.get(f"/meetings/{small_meeting.pk}/").content.decode()
    assert "Members&#x27; agenda pack" in html


def test_build_packs_command_builds_published_meetings(small_meeting):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("build_packs", "--meeting", str(small_meeting.pk), stdout=out)
    assert "2 agenda pack(s) built" in out.getvalue()
    assert PackIssue.objects.filter(meeting=small_meeting, status="ready").count() == 2
