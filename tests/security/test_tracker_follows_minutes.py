"""A resolution put on the tracker is as public as the minutes it comes from, and no more.

The canary is a resolution of draft minutes, put on the tracker through the officers' "add
to the tracker" form. Until the minutes are published nobody but officers may read it (page,
monitoring report and its PDF, search, feeds); a resolution of an exempt minute stays with the
panel's members after publication.
"""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.minutes import services as minutes_services
from scrutiny.recommendations.models import Recommendation
from tests.committees.factories import ExemptCategoryFactory, HeldMeetingFactory
from tests.security.sweep import UNENTITLED, council, public_outbox_text, site_seeds, sweep

CANARY = "TRACKERCANARY-DRAFT-4471"
WORD = "quokkaplanted"
REPORT_DAY = date(2024, 11, 28)


def _tracker_from_draft_minutes(people, *, exempt: bool = False) -> Recommendation:
    meeting = HeldMeetingFactory(panel=people.panel, date=date(2024, 9, 26))
    minutes = minutes_services.minutes_create(actor=people.officer, meeting=meeting)
    item = minutes_services.minute_item_add(
        actor=people.officer,
        minutes=minutes,
        title="Youth Justice Service",
        is_exempt=exempt,
        exempt_category=ExemptCategoryFactory() if exempt else None,
    )
    resolution = minutes_services.resolution_add(
        actor=people.officer, item=item, text=f"That the service reports on {CANARY} {WORD}."
    )
    officer = people.client("officer")
    response = officer.post(
        f"/recommendations/new/?resolution={resolution.pk}",
        {
            "meeting": meeting.pk,
            "title": "Youth Justice Service",
            "action_proposed": resolution.text,
            "addressee_kind": "service",
            "addressee": "Youth Justice Service",
        },
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return Recommendation.objects.get(resolution=resolution)


def _seeds(people, recommendation: Recommendation) -> list[str]:
    slug, meeting = people.panel.slug, recommendation.meeting_id
    return site_seeds(
        people.panel,
        CANARY,
        f"/recommendations/{recommendation.pk}/",
        f"/meetings/{meeting}/",
        f"/minutes/meeting/{meeting}/",
        f"/recommendations/panel/{slug}/monitoring/{REPORT_DAY}/",
        f"/recommendations/panel/{slug}/monitoring/{REPORT_DAY}/pdf/",
        words=(WORD,),
    )


@pytest.mark.django_db
def test_a_resolution_of_draft_minutes_on_the_tracker_is_withheld_from_everyone_but_officers():
    people = council()
    recommendation = _tracker_from_draft_minutes(people)
    seeds = _seeds(people, recommendation)

    for who in [*UNENTITLED, "member"]:
        found = sweep(people.client(who), CANARY, seeds)
        assert found.leaks == [], who
        assert found.fetched[f"/recommendations/{recommendation.pk}/"] in (403, 404), who
    assert CANARY not in public_outbox_text(people.member, people.outsider)

    # The sweep sees it where it is allowed: an officer finds it on the tracker and in search.
    officer = sweep(people.client("officer"), CANARY, seeds)
    assert f"/recommendations/{recommendation.pk}/" in officer.leaks
    assert any(url.startswith("/search/") for url in officer.leaks)


@pytest.mark.django_db
def test_the_recommendation_is_public_once_its_minutes_are_published():
    people = council()
    recommendation = _tracker_from_draft_minutes(people)
    minutes_services.minutes_publish(actor=people.officer, minutes=recommendation.meeting.minutes)

    found = sweep(people.client("anonymous"), CANARY, _seeds(people, recommendation))
    assert f"/recommendations/{recommendation.pk}/" in found.leaks
    assert f"/recommendations/panel/{people.panel.slug}/monitoring/{REPORT_DAY}/pdf/" in found.leaks


@pytest.mark.django_db
def test_a_resolution_of_an_exempt_minute_stays_with_the_panel_after_publication():
    people = council()
    recommendation = _tracker_from_draft_minutes(people, exempt=True)
    minutes_services.minutes_publish(actor=people.officer, minutes=recommendation.meeting.minutes)
    seeds = _seeds(people, recommendation)

    for who in UNENTITLED:
        assert sweep(people.client(who), CANARY, seeds).leaks == [], who
    member = sweep(people.client("member"), CANARY, seeds)
    assert f"/recommendations/{recommendation.pk}/" in member.leaks
