"""Tracker pages: query counts, officer forms, the decisions screen and access."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from scrutiny.committees.models import Meeting
from scrutiny.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db


def test_tracker_query_count_does_not_grow_with_recommendations(
    demo, client, django_assert_max_num_queries
):
    url = reverse("recommendations:tracker", args=["children-and-families"])
    # one more than before: the recommendations' evidence links, prefetched in one query
    with django_assert_max_num_queries(9):
        page = client.get(url).content.decode()
    # the seed's seven and the referral to the Cabinet Member the members' demo adds
    assert page.split("<tbody")[1].count("<tr") == 8
    # The monitoring report also draws each linked figure's trend, read by the figure's owner
    # (a few queries per linked figure, not per recommendation).
    from scrutiny.recommendations.models import EvidenceLink

    linked = EvidenceLink.objects.count()
    with django_assert_max_num_queries(9 + 6 * linked):
        client.get(
            reverse("recommendations:monitoring", args=["children-and-families", "2024-11-28"])
        )


def test_minutes_screen_records_decisions(demo, client):
    client.force_login(User.objects.get(username="officer"))
    meeting = Meeting.objects.get(date=date(2024, 11, 28))
    screen = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert screen.count('name="decision" value="accept"') == 3
    complete = list(Recommendation.objects.filter(status="complete"))
    decide = reverse("recommendations:decide", args=[meeting.pk])
    client.post(decide, {"recommendation": complete[0].pk, "decision": "decline", "reason": ""})
    complete[0].refresh_from_db()
    assert complete[0].status == "complete"  # no reason, refused
    client.post(decide, {"recommendation": complete[0].pk, "decision": "accept"})
    client.post(
        decide,
        {"recommendation": complete[1].pk, "decision": "decline", "reason": "Not yet shared."},
    )
    statuses = {
        r.pk: r.status for r in Recommendation.objects.filter(pk__in=[c.pk for c in complete])
    }
    assert statuses[complete[0].pk] == "accepted" and statuses[complete[1].pk] == "in_progress"
    screen = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert "Accepted by the panel" in screen and "Not yet shared." in screen
    client.force_login(User.objects.get(username="barnes-andrews"))
    assert (
        client.post(decide, {"recommendation": complete[2].pk, "decision": "accept"}).status_code
        == 403
    )


def test_officer_updates_a_recommendation(demo, client):
    recommendation = Recommendation.objects.filter(status="in_progress").first()
    url = recommendation.get_absolute_url()
    refused = client.post(url, {"action": "action", "a-text": "x"})  # not signed in
    assert refused.status_code == 302 and refused["Location"].startswith("/accounts/login/")
    client.force_login(User.objects.get(username="officer"))
    bad = client.post(url, {"action": "action", "a-text": "", "a-on": "2024-12-01"})
    assert bad.status_code == 400 and "govuk-error-summary" in bad.content.decode()
    assert (
        client.post(
            url, {"action": "action", "a-text": "Analysis drafted.", "a-on": "2024-12-01"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url, {"action": "transition", "t-to": "complete", "t-on": "2024-12-02"}
        ).status_code
        == 302
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "complete"
    page = client.get(url).content.decode()
    assert "Analysis drafted." in page and "recommendations.recommendation_transition" in page


def test_officer_creates_a_recommendation_from_a_resolution(demo, client):
    from scrutiny.minutes.models import Resolution

    resolution = Resolution.objects.get(
        item__minutes__meeting__date=date(2020, 1, 23), item__number=29, number=2
    )
    client.force_login(User.objects.get(username="officer"))
    url = reverse("recommendations:create") + f"?resolution={resolution.pk}"
    form = client.get(url).content.decode()
    assert "recruitment of foster carers" in form
    response = client.post(
        url,
        {
            "meeting": resolution.item.minutes.meeting.pk,
            "title": "Children and families - performance",
            "action_proposed": resolution.text,
            "addressee_kind": "cabinet_member",
            "addressee": "Cabinet Member for Aspiration, Children and Lifelong Learning",
        },
    )
    assert response.status_code == 302
    created = Recommendation.objects.get(resolution=resolution)
    assert created.response_due == date(2020, 3, 23)
    assert "Overdue" in client.get(created.get_absolute_url()).content.decode()


def test_rejected_item_is_removed_from_the_minutes_screen_once_reported(demo, client):
    from scrutiny.recommendations import services

    recommendation = Recommendation.objects.filter(status="in_progress").first()
    services.recommendation_transition(
        actor="t",
        recommendation=recommendation,
        to="rejected",
        reason="No budget",
        on=date(2024, 11, 1),
    )
    client.force_login(User.objects.get(username="officer"))
    meeting = Meeting.objects.get(date=date(2024, 11, 28))
    screen = client.get(reverse("minutes:edit", args=[meeting.pk])).content.decode()
    assert "Reported: remove from the list" in screen
    client.post(
        reverse("recommendations:decide", args=[meeting.pk]),
        {"recommendation": recommendation.pk, "decision": "remove"},
    )
    recommendation.refresh_from_db()
    assert recommendation.status == "removed"
    assert recommendation.changes.last().at_meeting == meeting
