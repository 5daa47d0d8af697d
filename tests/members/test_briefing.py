"""The "since the last meeting" briefing: computed from the records, each line with its
evidence; on screen, as a tagged PDF and in the members' email; read by the panel only."""

from __future__ import annotations

from datetime import date

from scrutiny.core.actors import SystemActor
from scrutiny.core.tagged_pdf import is_tagged
from scrutiny.members import briefing, services
from scrutiny.members.models import Briefing
from scrutiny.notifications.models import Message
from scrutiny.recommendations.models import RecommendationStatus
from tests.committees.factories import ExemptAgendaItemFactory
from tests.documents.conftest import pages_text
from tests.recommendations.factories import CompleteRecommendationFactory

SYSTEM = SystemActor("test worker")


def _lines(meeting, section):
    return [line for line in briefing.compute(meeting).lines if line.section == section]


def test_each_meeting_compares_the_report_its_papers_could_carry(panelled):
    computed = briefing.compute(panelled.meeting)
    assert computed.previous_meeting == panelled.previous
    # papers out about 20 November: October's figures; about 18 September: August's
    assert computed.report_month == date(2024, 10, 31)
    assert computed.previous_report_month == date(2024, 8, 31)


def test_an_indicator_whose_rating_changed_is_named_with_its_old_and_new_rating(panelled):
    (line,) = _lines(panelled.meeting, "performance")
    assert line.text.startswith("Re-referrals within 12 months: Amber in August 2024, Green")
    assert "now meets its target" in line.text
    assert (line.old, line.new) == ("Amber (24%)", "Green (19%)")
    assert line.url == f"/performance/indicators/{panelled.rated.code}/"


def test_three_months_of_worsening_is_a_line(panelled):
    (line,) = _lines(panelled.meeting, "worsening")
    assert line.text.startswith("Reviews in time: worse each month from July 2024")
    assert (line.old, line.new) == ("92%", "88% → 84% → 73%")


def test_responses_past_the_two_month_duty_and_decisions_since_the_last_meeting(panelled):
    (overdue,) = _lines(panelled.meeting, "responses")
    assert "response due 26 November 2024, 2 days overdue" in overdue.text
    assert overdue.url == panelled.referral.get_absolute_url()
    done = CompleteRecommendationFactory(meeting=panelled.previous, title="Ofsted conversation")
    # the panel accepted it at a meeting in between (a change dated inside the window)
    done.changes.create(
        on=date(2024, 11, 1), from_status="complete", to_status=RecommendationStatus.ACCEPTED
    )
    texts = [line.text for line in _lines(panelled.meeting, "recommendations")]
    assert any(
        "Ofsted conversation" in t and "accepted as complete on 1 November" in t for t in texts
    )


def test_a_response_received_after_the_due_date_is_a_new_response_not_an_overdue_one(panelled):
    referral = panelled.referral
    referral.response_text, referral.response_received_on = "Agreed.", date(2024, 11, 27)
    referral.save()
    assert _lines(panelled.meeting, "responses") == []
    (line,) = _lines(panelled.meeting, "recommendations")
    assert "response received on 27 November 2024" in line.text


def test_exempt_items_and_papers_of_the_agenda_are_listed_with_their_paragraph(panelled):
    ExemptAgendaItemFactory(meeting=panelled.meeting, number=9, title="Placement contract")
    texts = [line.text for line in _lines(panelled.meeting, "exempt")]
    assert "Item 9 Placement contract: taken in private, paragraph 7a" in texts
    assert any("Provisional results" in t and "paragraph 3" in t for t in texts)
    assert not any("SECRET-KS4" in t for t in texts)


def test_the_briefing_is_read_by_the_panel_and_officers_only(client, panelled, officer, outsider):
    services.briefing_refresh(actor=SYSTEM, meeting=panelled.meeting)
    url = f"/members/meetings/{panelled.meeting.pk}/briefing/"
    for user, status in (
        (panelled.member, 200),
        (officer, 200),
        (panelled.other_member, 403),
        (outsider, 403),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user
        assert client.get(url.replace("/briefing/", "/briefing.pdf")).status_code == status
    client.logout()
    assert "/accounts/login/" in client.get(url).url
    client.force_login(panelled.member)
    html = client.get(url).content.decode()
    assert "Re-referrals within 12 months: Amber in August 2024, Green in October 2024" in html
    assert "Cache-Control" in client.get(url).headers


def test_the_pdf_is_printed_from_the_same_lines_and_tagged(client, panelled):
    services.briefing_refresh(actor=SYSTEM, meeting=panelled.meeting)
    client.force_login(panelled.member)
    response = client.get(f"/members/meetings/{panelled.meeting.pk}/briefing.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert is_tagged(response.content)
    text = " ".join(pages_text(response.content))
    assert "Re-referrals within 12 months" in text and "2 days overdue" in text


def test_refreshing_is_audited_and_refused_to_members(panelled):
    from scrutiny.core.actors import Refused
    from scrutiny.core.audit import audit_trail

    row = services.briefing_refresh(actor=SYSTEM, meeting=panelled.meeting)
    assert audit_trail(row).filter(action="members.briefing_refresh").count() == 1
    try:
        services.briefing_refresh(actor=panelled.member, meeting=panelled.meeting)
    except Refused:
        pass
    else:
        raise AssertionError("a member cannot recompute the briefing")
    assert Briefing.objects.get(meeting=panelled.meeting).lines == row.lines


def test_the_members_email_carries_each_line_with_its_evidence_link(panelled, run_tasks, settings):
    from scrutiny.core.signals import briefing_ready

    settings.SCRUTINY_SITE_URL = "https://scrutiny.example"
    row = services.briefing_refresh(actor=SYSTEM, meeting=panelled.meeting)
    briefing_ready.send(sender=Briefing, briefing=row)
    run_tasks()
    message = Message.objects.get(to="chair-member@x.test", subject__startswith="Since the last")
    assert "Re-referrals within 12 months: Amber in August 2024" in message.body
    assert f"https://scrutiny.example/performance/indicators/{panelled.rated.code}/" in message.body
    assert "SECRET-KS4" not in message.body
    assert not Message.objects.filter(to="elsewhere-member@x.test").exists()


def test_lines_from_exempt_minutes_are_on_screen_for_the_panel_but_never_emailed(
    client, panelled, run_tasks
):
    from scrutiny.core.signals import briefing_ready
    from scrutiny.minutes.models import Minutes
    from tests.minutes.factories import ExemptMinuteItemFactory, ResolutionFactory
    from tests.recommendations.factories import ExecutiveRecommendationFactory

    minutes, _ = Minutes.objects.get_or_create(meeting=panelled.previous)
    private = ExecutiveRecommendationFactory(
        meeting=panelled.previous,
        title="CANARY-PRIVATE placements contract",
        resolution=ResolutionFactory(item=ExemptMinuteItemFactory(minutes=minutes)),
        referred_on=date(2024, 9, 26),
        response_due=date(2024, 11, 26),
    )
    row = services.briefing_refresh(actor=SYSTEM, meeting=panelled.meeting)
    withheld = [line for line in row.lines if line["withheld"]]
    assert [line["url"] for line in withheld] == [private.get_absolute_url()]
    client.force_login(panelled.member)
    assert (
        "CANARY-PRIVATE"
        in client.get(f"/members/meetings/{panelled.meeting.pk}/briefing/").content.decode()
    )
    briefing_ready.send(sender=Briefing, briefing=row)
    run_tasks()
    message = Message.objects.get(to="chair-member@x.test", subject__startswith="Since the last")
    assert "CANARY-PRIVATE" not in message.body
    assert "1 line from exempt minutes is not sent by email" in message.body
