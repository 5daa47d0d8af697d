"""The monitoring report: the seed's 28 November 2024 table, and how decisions change the next one."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from scrutiny.committees.models import Meeting, Panel
from scrutiny.members.demo import REFERRAL_TEXT as MEMBERS_DEMO_REFERRAL
from scrutiny.recommendations import services
from scrutiny.recommendations.models import Recommendation, RecommendationStatus
from scrutiny.recommendations.queries import monitoring_report
from scrutiny.recommendations.reports import monitoring_report_html
from tests.committees.factories import HeldMeetingFactory
from tests.minutes.factories import ExemptMinuteItemFactory, ResolutionFactory
from tests.recommendations import factories

SEED_TABLE = Path(__file__).parent / "data" / "monitoring_2024_11_28.tsv"
SEED_PACK = Path("/work/shared/seeds/001_79e833dd5fac19e8.txt")


def _normalise(text: str) -> str:
    # The seed text comes from a PDF: a superscript ordinal reads "13 th". Whitespace is collapsed.
    return re.sub(r"(\d) (st|nd|rd|th)\b", r"\1\2", " ".join(text.split()))


def _seed_rows() -> list[tuple[str, str, str, str, str]]:
    rows, date_, title = [], "", ""
    for line in SEED_TABLE.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        date_, title = cells[0] or date_, cells[1] or title
        rows.append((date_, title, *(_normalise(c) for c in cells[2:5])))
    return rows


def test_seed_table_fixture_is_the_seed_packs_table():
    if not SEED_PACK.exists():
        pytest.skip("seed pack not available")
    pack = SEED_PACK.read_text(encoding="utf-8").splitlines()
    for line in SEED_TABLE.read_text(encoding="utf-8").splitlines():
        assert line in pack


@pytest.mark.django_db
def test_28_november_2024_report_reproduces_the_seed_table(demo):
    panel = Panel.objects.get(slug="children-and-families")
    report = monitoring_report(panel, date(2024, 11, 28))
    generated = []
    for group in report.groups:
        for row in group.rows:
            if row.action_proposed == MEMBERS_DEMO_REFERRAL:
                continue  # not in the seed: the members' demo adds it (scrutiny.members.demo)
            generated.append(
                (
                    f"{group.meeting_date:%d/%m/%y}",
                    group.title,
                    f"{row.number}) {row.action_proposed}",
                    _normalise(row.action_taken),
                    row.status_label,
                )
            )
    assert generated == _seed_rows()
    assert [r[4] for r in generated].count("Complete") == 3
    assert [r[4] for r in generated].count("In progress") == 4
    assert report.title == "Scrutiny Monitoring - 28 November 2024"


@pytest.mark.django_db
def test_report_as_page_pdf_and_reusable_html(demo, client):
    meeting = Meeting.objects.get(date=date(2024, 11, 28))
    html = monitoring_report_html(meeting=meeting)
    assert "Scrutiny Monitoring – 28 November 2024" in html
    # the seed's seven and the referral to the Cabinet Member the members' demo adds
    assert html.count('<tr class="govuk-table__row" data-recommendation') == 8
    url = reverse("recommendations:monitoring", args=["children-and-families", "2024-11-28"])
    page = client.get(url)
    assert (
        page.status_code == 200 and "Youth Justice Service have confirmed" in page.content.decode()
    )
    pdf = client.get(url + "pdf/")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    # Words only: where lines break depends on the fonts installed.
    text = " ".join(
        " ".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages).split()
    )
    assert "Scrutiny Monitoring" in text and "Repeat Child Protection" in text
    assert client.get(url.replace("2024-11-28", "28-11-2024")).status_code == 404


@pytest.mark.django_db
def test_accepted_items_leave_the_next_report_and_declined_ones_stay(demo):
    panel = Panel.objects.get(slug="children-and-families")
    november = Meeting.objects.get(panel=panel, date=date(2024, 11, 28))
    complete = list(
        Recommendation.objects.filter(status=RecommendationStatus.COMPLETE).order_by("pk")
    )
    for recommendation in complete[:2]:
        services.recommendation_accept(
            actor="t", recommendation=recommendation, at_meeting=november
        )
    services.recommendation_decline(
        actor="t",
        recommendation=complete[2],
        at_meeting=november,
        reason="The panel wants to see the audit's action plan.",
    )
    # The report for 28 November itself is unchanged: the panel decided on it at that meeting.
    assert len(monitoring_report(panel, date(2024, 11, 28)).rows) == 8  # 7 seed, 1 members' demo
    january = monitoring_report(panel, date(2025, 1, 30))
    assert {row.recommendation.pk for row in january.rows} == (
        {r.pk for r in Recommendation.objects.all()} - {r.pk for r in complete[:2]}
    )
    declined = next(row for row in january.rows if row.recommendation.pk == complete[2].pk)
    assert declined.status_label == "In progress"


@pytest.mark.django_db
def test_rejected_item_stays_listed_until_removed_after_reporting():
    recommendation = factories.InProgressRecommendationFactory()
    panel = recommendation.meeting.panel
    services.recommendation_transition(
        actor="t",
        recommendation=recommendation,
        to="rejected",
        reason="Not affordable",
        on=date(2024, 11, 1),
    )
    reported_at = HeldMeetingFactory(panel=panel, date=date(2024, 11, 28))
    assert monitoring_report(panel, date(2024, 11, 28)).rows[0].status_label == "Rejected"
    services.recommendation_transition(
        actor="t", recommendation=recommendation, to="removed", at_meeting=reported_at
    )
    assert monitoring_report(panel, date(2024, 11, 28)).rows[0].status_label == "Rejected"
    assert monitoring_report(panel, date(2025, 1, 30)).rows == []


@pytest.mark.django_db
def test_recommendation_from_an_exempt_minute_is_left_out_for_the_public():
    item = ExemptMinuteItemFactory(minutes__meeting__date=date(2024, 9, 26))
    resolution = ResolutionFactory(
        item=item, text="That the CANARY-EXEMPT-RECOMMENDATION is reviewed."
    )
    services.recommendation_create(
        actor="t",
        meeting=item.minutes.meeting,
        resolution=resolution,
        title="Private item",
        action_proposed=resolution.text,
        addressee_kind="service",
        addressee="Children's Social Care",
    )
    panel = item.minutes.meeting.panel
    assert "CANARY-EXEMPT-RECOMMENDATION" not in monitoring_report_html(
        panel=panel, on=date(2024, 11, 28)
    )
    officer = User.objects.create_user("o", is_staff=True)
    assert "CANARY-EXEMPT-RECOMMENDATION" in monitoring_report_html(
        panel=panel, on=date(2024, 11, 28), user=officer
    )


@pytest.mark.django_db
def test_executive_recommendations_carry_the_two_month_response_duty():
    meeting = HeldMeetingFactory(date=date(2024, 12, 31))
    recommendation = services.recommendation_create(
        actor="t",
        meeting=meeting,
        title="Foster carers",
        action_proposed="That the Cabinet reviews fees.",
        addressee_kind="executive",
        addressee="Cabinet",
    )
    assert recommendation.response_due == date(2025, 2, 28)
    assert recommendation.response_overdue(today=date(2025, 3, 1))
    assert not recommendation.response_overdue(today=date(2025, 2, 28))
    services.recommendation_record_response(
        actor="t", recommendation=recommendation, text="Agreed.", received_on=date(2025, 3, 3)
    )
    assert not recommendation.response_overdue(today=date(2025, 4, 1))
    service = factories.ProposedRecommendationFactory()
    with pytest.raises(Exception, match="Only a recommendation to the executive"):
        services.recommendation_record_response(
            actor="t", recommendation=service, text="x", received_on=date(2025, 1, 1)
        )


@pytest.mark.parametrize(
    "start, expected",
    [
        (date(2024, 8, 31), date(2024, 10, 31)),
        (date(2024, 12, 31), date(2025, 2, 28)),
        (date(2023, 12, 31), date(2024, 2, 29)),
        (date(2024, 11, 15), date(2025, 1, 15)),
    ],
)
def test_add_months(start, expected):
    assert services.add_months(start, 2) == expected


@pytest.mark.django_db
def test_create_validates_input():
    meeting = HeldMeetingFactory(date=date(2024, 9, 26))
    with pytest.raises(Exception) as error:
        services.recommendation_create(
            actor="t",
            meeting=meeting,
            title=" ",
            action_proposed="",
            addressee_kind="nobody",
            addressee="",
        )
    assert set(error.value.message_dict) == {
        "title",
        "action_proposed",
        "addressee_kind",
        "addressee",
    }


@pytest.mark.django_db
def test_action_log_is_dated_and_closed_once_accepted():
    recommendation = factories.InProgressRecommendationFactory()
    services.recommendation_log_action(
        actor="t", recommendation=recommendation, text="Audit begun.", on=date(2024, 10, 20)
    )
    assert (
        monitoring_report(recommendation.meeting.panel, date(2024, 10, 21)).rows[0].action_taken
        == "Audit begun."
    )
    assert (
        monitoring_report(recommendation.meeting.panel, date(2024, 10, 20)).rows[0].action_taken
        == ""
    )
    with pytest.raises(Exception, match="before the recommendation"):
        services.recommendation_log_action(
            actor="t", recommendation=recommendation, text="x", on=date(2024, 1, 1)
        )
    accepted = factories.AcceptedRecommendationFactory()
    with pytest.raises(Exception, match="left the tracker"):
        services.recommendation_log_action(
            actor="t", recommendation=accepted, text="x", on=date(2024, 12, 1)
        )
