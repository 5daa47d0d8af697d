"""Work programme: items, their reasons and links, transitions, and the page per year."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from scrutiny.committees.models import Meeting, MunicipalYear
from scrutiny.core.audit import audit_trail
from scrutiny.core.workflow import TransitionNotAllowed
from scrutiny.workprogramme import services
from scrutiny.workprogramme.models import WORK_ITEM_WORKFLOW, WorkItem, WorkItemStatus
from tests.committees.factories import HeldMeetingFactory
from tests.recommendations.factories import InProgressRecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year():
    return MunicipalYear.objects.create(
        label="2024/25", start_date=date(2024, 5, 1), end_date=date(2025, 4, 30)
    )


def test_follow_up_links_to_its_recommendation(year):
    recommendation = InProgressRecommendationFactory()
    panel = recommendation.meeting.panel
    with pytest.raises(ValidationError) as error:
        services.work_item_add(
            actor="t",
            panel=panel,
            municipal_year=year,
            topic="Outcomes",
            reason="follow_up",
            target_period="January 2025",
        )
    assert "recommendations" in error.value.message_dict
    item = services.work_item_add(
        actor="t",
        panel=panel,
        municipal_year=year,
        topic="Outcomes",
        reason="follow_up",
        target_period="January 2025",
        recommendations=[recommendation],
    )
    assert list(recommendation.work_items.all()) == [item]
    assert item.target_label == "January 2025"


def test_target_is_a_meeting_of_the_panel_in_the_year_or_a_period(year):
    recommendation = InProgressRecommendationFactory()
    panel = recommendation.meeting.panel
    with pytest.raises(ValidationError, match="target meeting or give a period"):
        services.work_item_add(
            actor="t", panel=panel, municipal_year=year, topic="X", reason="panel_request"
        )
    other = HeldMeetingFactory(date=date(2025, 1, 30))
    with pytest.raises(ValidationError, match="meeting of this panel"):
        services.work_item_add(
            actor="t",
            panel=panel,
            municipal_year=year,
            topic="X",
            reason="panel_request",
            target_meeting=other,
        )
    outside = HeldMeetingFactory(panel=panel, date=date(2025, 7, 1))
    with pytest.raises(ValidationError, match="not in the municipal year"):
        services.work_item_add(
            actor="t",
            panel=panel,
            municipal_year=year,
            topic="X",
            reason="panel_request",
            target_meeting=outside,
        )


ALLOWED = {(t.source, t.target) for t in WORK_ITEM_WORKFLOW.transitions}


@pytest.mark.parametrize("source", WorkItemStatus.values)
@pytest.mark.parametrize("target", WorkItemStatus.values)
def test_transitions_allowed_and_refused(year, source, target):
    recommendation = InProgressRecommendationFactory()
    item = WorkItem.objects.create(
        panel=recommendation.meeting.panel,
        municipal_year=year,
        topic="T",
        reason="panel_request",
        target_period="2024/25",
        status=source,
    )
    if (source, target) in ALLOWED:
        services.work_item_transition(actor="t", item=item, to=target, reason="Covered elsewhere")
        item.refresh_from_db()
        assert item.status == target
        assert audit_trail(item).get(action="workprogramme.work_item_transition").to_state == target
    else:
        with pytest.raises(TransitionNotAllowed, match="work programme item cannot go from"):
            services.work_item_transition(actor="t", item=item, to=target, reason="r")


def test_withdrawal_needs_a_reason(year):
    recommendation = InProgressRecommendationFactory()
    item = WorkItem.objects.create(
        panel=recommendation.meeting.panel,
        municipal_year=year,
        topic="T",
        reason="panel_request",
        target_period="2024/25",
    )
    with pytest.raises(ValidationError, match="withdrawn"):
        services.work_item_transition(actor="t", item=item, to="withdrawn")


def test_demo_work_programme_pages(demo, client, django_assert_max_num_queries):
    url = reverse("workprogramme:year", args=["children-and-families", "2024-25"])
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    assert "Repeat child protection plans: follow-up analysis" in page
    assert "Audit of the quality of social work handovers" in page
    assert page.count("30 January 2025") == 2
    later = client.get(
        reverse("workprogramme:year", args=["children-and-families", "2025-26"])
    ).content.decode()
    assert "Independent Scrutineer" in later
    earlier = client.get(
        reverse("workprogramme:year", args=["children-and-families", "2019-20"])
    ).content.decode()
    assert "Recruitment of foster carers" in earlier
    assert (
        client.get(
            reverse("workprogramme:year", args=["children-and-families", "1999-00"])
        ).status_code
        == 404
    )
    january = Meeting.objects.get(date=date(2025, 1, 30))
    assert "Planned for this meeting" in client.get(january.get_absolute_url()).content.decode()


def test_officer_adds_an_item_with_error_summary(demo, client):
    client.force_login(User.objects.get(username="officer"))
    url = reverse("workprogramme:create", args=["children-and-families"])
    year = MunicipalYear.objects.get(label="2024/25")
    bad = client.post(
        url,
        {"topic": "Foster carer recruitment", "reason": "panel_request", "municipal_year": year.pk},
    )
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    ok = client.post(
        url,
        {
            "topic": "Foster carer recruitment",
            "reason": "panel_request",
            "municipal_year": year.pk,
            "target_period": "March 2025",
        },
    )
    assert (
        ok.status_code == 302 and WorkItem.objects.filter(topic="Foster carer recruitment").exists()
    )
    client.force_login(User.objects.get(username="public"))
    assert client.get(url).status_code == 403


def test_scheduling_places_a_planned_item_on_a_meeting(year):
    recommendation = InProgressRecommendationFactory()
    panel = recommendation.meeting.panel
    item = services.work_item_add(
        actor="t",
        panel=panel,
        municipal_year=year,
        topic="T",
        reason="public_suggestion",
        target_period="Spring 2025",
    )
    march = HeldMeetingFactory(panel=panel, date=date(2025, 3, 27))
    services.work_item_schedule(actor="t", item=item, target_meeting=march)
    item.refresh_from_db()
    assert item.target_label == "27 March 2025"
    assert audit_trail(item).filter(action="workprogramme.work_item_schedule").count() == 1
    with pytest.raises(ValidationError, match="meeting of this panel"):
        services.work_item_schedule(
            actor="t", item=item, target_meeting=HeldMeetingFactory(date=date(2025, 3, 1))
        )
    services.work_item_transition(actor="t", item=item, to="considered")
    with pytest.raises(ValidationError, match="Only a planned item"):
        services.work_item_schedule(actor="t", item=item, target_meeting=march)
