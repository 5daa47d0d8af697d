"""Officers are told: a pack that failed to build, a publication deadline two working days
away, an executive response due within 14 days and one overdue (s.9FE). Once each."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail

from scrutiny.committees import services as committees
from scrutiny.core.access import OFFICER_GROUP
from scrutiny.documents.models import AgendaPack, PackIssue
from scrutiny.documents.pack_builds import pack_build, pack_request
from scrutiny.documents.pack_issues import issue_request
from scrutiny.notifications.reminders import reminder_drafts
from scrutiny.notifications.tasks import officer_reminders
from tests.committees.factories import PanelFactory, PublishedMeetingFactory
from tests.recommendations.factories import ExecutiveRecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dso():
    user = User.objects.create_user("dso", email="democratic.services@example.gov.uk")
    user.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
    return user


def test_a_failed_pack_build_emails_democratic_services(dso, run_tasks, monkeypatch):
    """The officers' pack of the papers as they are now (before or after publication)."""
    meeting = PublishedMeetingFactory()

    def broken(plan, cache=None):
        raise ValueError("Appendix 2 is a damaged PDF")

    monkeypatch.setattr("scrutiny.documents.pack_builds.render_pack", broken)
    queued = pack_request(meeting=meeting, variant="public")
    assert pack_build(queued.pk) is None
    assert AgendaPack.objects.get(pk=queued.pk).status == AgendaPack.Status.FAILED
    run_tasks()
    (message,) = mail.outbox
    assert message.to == ["democratic.services@example.gov.uk"]
    assert "could not be built" in message.body and "damaged PDF" in message.body
    assert f"/documents/meetings/{meeting.pk}/papers/" in message.body


def test_a_published_issue_that_fails_to_print_emails_and_the_page_says_so(
    client, dso, run_tasks, monkeypatch
):
    meeting = PublishedMeetingFactory()

    def broken(plan, cache=None):
        raise ValueError("Appendix 2 is a damaged PDF")

    monkeypatch.setattr("scrutiny.documents.pack_issues.render_pack", broken)
    issue = issue_request(meeting, "public")
    assert issue is not None
    run_tasks()
    issue.refresh_from_db()
    assert issue.status == PackIssue.Status.FAILED
    # Publishing records both packs; each that fails is one notice.
    assert set(meeting.pack_issues.values_list("status", flat=True)) == {"failed"}
    assert [m.to for m in mail.outbox] == [["democratic.services@example.gov.uk"]] * 2
    for message in mail.outbox:
        assert "could not be built" in message.body and "damaged PDF" in message.body
        assert f"/documents/meetings/{meeting.pk}/papers/" in message.body
    run_tasks()
    assert len(mail.outbox) == 2  # once each
    page = client.get(f"/documents/meetings/{meeting.pk}/pack/").content.decode()
    assert "sent an email" in page


def test_the_failure_notice_also_reaches_the_shared_mailbox(dso, run_tasks, monkeypatch, settings):
    settings.SCRUTINY_OFFICERS_EMAIL = "scrutiny@example.gov.uk"
    monkeypatch.setattr(
        "scrutiny.documents.pack_builds.render_pack", lambda plan, cache=None: 1 / 0
    )
    pack_build(pack_request(meeting=PublishedMeetingFactory(), variant="public").pk)
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "democratic.services@example.gov.uk",
        "scrutiny@example.gov.uk",
    ]


def test_publication_deadline_two_working_days_ahead_once(dso, run_tasks):
    meeting = committees.meeting_create(
        actor="test", panel=PanelFactory(), date=date(2024, 11, 28), start_time=time(17, 30),
        venue="Civic Centre",
    )  # fmt: skip
    # Deadline Wednesday 20 November 2024; Friday the 15th is three working days before it.
    assert [d for d in reminder_drafts(date(2024, 11, 15))] == []
    drafts = reminder_drafts(date(2024, 11, 18))
    assert len(drafts) == 1 and "Publish by Wednesday 20 November" in drafts[0].subject
    assert "2 working days" in drafts[0].body
    from scrutiny.notifications.services import messages_queue

    messages_queue(drafts=drafts)
    messages_queue(drafts=reminder_drafts(date(2024, 11, 19)))  # the next day: same deadline
    run_tasks()
    assert len(mail.outbox) == 1
    assert f"/documents/meetings/{meeting.pk}/papers/" in mail.outbox[0].body


def test_executive_response_due_in_14_days_then_overdue(dso, run_tasks):
    recommendation = ExecutiveRecommendationFactory(response_due=date(2024, 11, 30))
    assert reminder_drafts(date(2024, 11, 15)) == []  # 15 days ahead
    due = reminder_drafts(date(2024, 11, 16))
    assert len(due) == 1 and "due" in due[0].subject and "in 14 days" in due[0].body
    assert "s.9FE" in due[0].body
    overdue = reminder_drafts(date(2024, 12, 1))
    assert len(overdue) == 1 and "overdue" in overdue[0].subject
    recommendation.response_received_on = date(2024, 12, 2)
    recommendation.save()
    assert reminder_drafts(date(2024, 12, 3)) == []


def test_the_daily_task_sends_each_reminder_once(dso, run_tasks):
    ExecutiveRecommendationFactory(response_due=date(2024, 11, 30))
    officer_reminders.call()
    officer_reminders.call()
    run_tasks()
    assert len(mail.outbox) == 1 and "overdue" in mail.outbox[0].subject
