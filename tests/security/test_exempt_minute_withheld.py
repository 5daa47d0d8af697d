"""An exempt minute stays with the panel: a canary written through the minutes editor.

The officer starts the minutes on the minutes screen, adds a minute, marks it exempt on the
minute's screen, writes the canary into its introduction, a point discussed and a resolution
(each beside a planted word the searches look for), and publishes the minutes. Nobody not entitled to the exempt business (the public, a signed-in
outsider, a member of another panel, a former member) finds the canary anywhere the sweep
reaches: minutes page and PDF, meeting page, feeds, calendar, search, the open data API and
email. A current member and the officer find it, which proves the sweep can see a leak.
"""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.minutes.models import MinuteItem
from tests.committees.factories import ExemptCategoryFactory, HeldMeetingFactory
from tests.security.sweep import UNENTITLED, council, public_outbox_text, site_seeds, sweep

CANARY = "MINUTECANARY-EXEMPT-5519"
WORD = "wombatplanted"


def _posted(client, path: str, data: dict) -> None:
    response = client.post(path, data)
    assert response.status_code == 302, response.content.decode()[-2000:]


def _exempt_minute_through_the_editor(people) -> MinuteItem:
    meeting = HeldMeetingFactory(panel=people.panel, date=date(2024, 9, 26))
    category = ExemptCategoryFactory()
    officer = people.client("officer")
    editor = f"/minutes/meeting/{meeting.pk}/edit/"
    _posted(officer, editor, {"action": "create_empty"})
    _posted(officer, editor, {"action": "add_item", "item-title": "Children in care placements"})
    item = MinuteItem.objects.get(minutes__meeting=meeting)
    screen = f"/minutes/items/{item.pk}/"
    _posted(
        officer,
        screen,
        {
            "action": "exemption",
            "exemption-is_exempt": "on",
            "exemption-exempt_category": category.pk,
            "exemption-exempt_reasons": "Information relating to an individual child.",
            "exemption-reason": "Taken in private session.",
        },
    )
    item.refresh_from_db()
    _posted(
        officer,
        screen,
        {
            "action": "update",
            "revision": item.revision,
            "text-title": "Children in care placements",
            "text-introduction": f"The panel heard about placement {CANARY} in private.",
        },
    )
    item.refresh_from_db()
    _posted(
        officer,
        screen,
        {
            "action": "point",
            "revision": item.revision,
            "point-text": f"The cost of the {WORD} placement {CANARY} was questioned.",
            "point-level": 1,
        },
    )
    item.refresh_from_db()
    _posted(
        officer,
        screen,
        {
            "action": "resolution",
            "revision": item.revision,
            "resolution-text": f"That the service reports again on {CANARY} {WORD}.",
        },
    )
    _posted(officer, editor, {"action": "publish"})
    item.refresh_from_db()
    assert item.is_exempt and item.released_at is None
    assert item.minutes.published_at is not None
    return item


def _seeds(people, item: MinuteItem) -> list[str]:
    meeting = item.minutes.meeting_id
    return site_seeds(
        people.panel,
        CANARY,
        f"/meetings/{meeting}/",
        f"/minutes/meeting/{meeting}/",
        f"/minutes/meeting/{meeting}/pdf/",
        f"/api/v1/meetings/{meeting}/minutes",
        "/api/v1/minutes?page_size=200",
        f"/api/v1/meetings/{meeting}",
        words=(WORD,),
    )


@pytest.mark.django_db
def test_an_exempt_minute_written_in_the_editor_never_reaches_anyone_not_entitled():
    people = council()
    item = _exempt_minute_through_the_editor(people)
    seeds = _seeds(people, item)
    meeting = item.minutes.meeting_id

    for who in UNENTITLED:
        found = sweep(people.client(who), CANARY, seeds)
        assert found.leaks == [], who
        # The minutes are published: the page is there, with the withheld notice instead.
        assert found.fetched[f"/minutes/meeting/{meeting}/"] == 200, who
        assert found.fetched[f"/minutes/meeting/{meeting}/pdf/"] == 200, who
        assert found.fetched[f"/api/v1/meetings/{meeting}/minutes"] == 200, who
    assert CANARY not in public_outbox_text(people.outsider, people.other_member, people.former)

    # The sweep sees the canary where it is allowed: the panel's member and the officer.
    for who in ("member", "officer"):
        found = sweep(people.client(who), CANARY, seeds)
        assert f"/minutes/meeting/{meeting}/" in found.leaks, who
        assert f"/minutes/meeting/{meeting}/pdf/" in found.leaks, who
