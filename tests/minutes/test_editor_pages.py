"""The minutes editor and attendance grid as officers use them, and who is refused.

The exempt-minute test plants its canary through the officer screens (start from the agenda,
write the minute, publish) and then looks for it everywhere the public can go.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scrutiny.minutes.models import MinuteItem
from tests.committees.factories import (
    AppointedPersonFactory,
    AppointedSeatFactory,
    ExemptCategoryFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)
from tests.minutes.factories import DraftMinutesFactory, MinuteItemFactory

pytestmark = pytest.mark.django_db
CANARY = "CANARY-MINUTE-BY-SCREEN"


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def meeting():
    """A held meeting with an ordinary and an exempt agenda item, members and an appointee."""
    panel = PanelFactory(slug="test-panel")
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    meeting.agenda_items.create(number=1, title="Apologies", kind="apologies")
    meeting.agenda_items.create(
        number=2,
        title="Case review",
        is_exempt=True,
        exempt_category=ExemptCategoryFactory(),
        exempt_reasons="Names a child",
    )
    for order, name in enumerate(["Barnes-Andrews", "Webb", "Chapman"]):
        MembershipFactory(
            seat=SeatFactory(panel=panel, order=order),
            person=PersonFactory(
                name=name,
                user=User.objects.create_user(name.lower()) if order == 0 else None,
            ),
            role=["chair", "vice_chair", "member"][order],
        )
    MembershipFactory(
        seat=AppointedSeatFactory(panel=panel), person=AppointedPersonFactory(name="Rob Sanders")
    )
    return meeting


def _start(client, meeting) -> None:
    response = client.post(reverse("minutes:edit", args=[meeting.pk]), {"action": "create"})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "name, args",
    [
        ("minutes:edit", "meeting"),
        ("minutes:item", "item"),
        ("minutes:item_delete", "item"),
        ("minutes:amend", "item"),
        ("committees:attendance", "meeting"),
    ],
)
def test_editing_screens_refuse_members_and_anonymous(client, meeting, name, args):
    item = MinuteItemFactory(minutes=DraftMinutesFactory(meeting=meeting))
    url = reverse(name, args=[meeting.pk if args == "meeting" else item.pk])
    assert client.get(url).status_code == 302  # to sign in
    assert client.post(url, {"action": "publish"}).status_code == 302
    client.force_login(User.objects.get(username="barnes-andrews"))
    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "item_delete", "target": item.pk}).status_code == 403
    assert MinuteItem.objects.filter(pk=item.pk).exists()


def test_officer_starts_the_minutes_from_the_agenda(client, officer, meeting):
    client.force_login(officer)
    page = client.get(reverse("minutes:edit", args=[meeting.pk]))
    assert "Start the minutes from the agenda" in page.content.decode()
    _start(client, meeting)
    items = list(meeting.minutes.items.order_by("number"))
    assert [(i.number, i.title, i.is_withheld) for i in items] == [
        (1, "Apologies", False),
        (2, "Case review", True),
    ]
    editor = _text(client.get(reverse("minutes:edit", args=[meeting.pk])))
    assert "Withheld: Category 7a" in editor


def test_officer_edits_moves_and_deletes_parts_without_javascript(client, officer, meeting):
    client.force_login(officer)
    _start(client, meeting)
    item = meeting.minutes.items.get(number=1)
    url = reverse("minutes:item", args=[item.pk])

    def post(data):
        item.refresh_from_db()
        return client.post(url, {"revision": item.revision, **data})

    assert post({"action": "speaker", "speaker-name": "The Cabinet Member"}).status_code == 302
    assert post({"action": "speaker", "speaker-name": "The Deputy Director"}).status_code == 302
    assert post({"action": "point", "point-text": "Equity", "point-level": "1"}).status_code == 302
    assert post({"action": "point", "point-text": "East", "point-level": "2"}).status_code == 302
    for text in ("That A.", "That B."):
        assert post({"action": "resolution", "resolution-text": text}).status_code == 302
    deputy = item.speakers.get(name="The Deputy Director")
    change = client.get(url, {"change": f"speaker-{deputy.pk}"})
    assert 'id="change-speaker"' in change.content.decode()
    assert (
        post(
            {
                "action": "speaker_update",
                "target": deputy.pk,
                "change-speaker-name": "The Deputy Director",
                "change-speaker-title": "Children and Learning",
            }
        ).status_code
        == 302
    )
    assert post({"action": "speaker_up", "target": deputy.pk}).status_code == 302
    first = item.resolutions.get(number=1)
    assert post({"action": "resolution_delete", "target": first.pk}).status_code == 302
    stale = client.post(
        url, {"action": "resolution", "resolution-text": "That C.", "revision": "0"}
    )
    assert stale.status_code == 400 and "changed by someone else" in stale.content.decode()
    assert list(item.speakers.order_by("order").values_list("name", flat=True)) == [
        "The Deputy Director",
        "The Cabinet Member",
    ]
    assert [r.text for r in item.resolutions.order_by("number")] == ["That B."]
    preview = _text(client.get(reverse("minutes:edit", args=[meeting.pk])))
    assert (
        "The Deputy Director, Children and Learning and the Cabinet Member were in attendance "
        "and, with the consent of the Chair, addressed the meeting."
    ) in preview
    assert "RESOLVED That B." in preview and "(i)" not in preview

    # Delete the second minute: confirmation first, then renumbering.
    second = meeting.minutes.items.get(number=2)
    confirm = client.get(reverse("minutes:item_delete", args=[second.pk]))
    assert "Delete minute 2" in confirm.content.decode()
    assert client.post(reverse("minutes:item_delete", args=[second.pk])).status_code == 302
    assert list(meeting.minutes.items.values_list("number", flat=True)) == [1]


def test_errors_are_shown_in_the_govuk_summary(client, officer, meeting):
    client.force_login(officer)
    _start(client, meeting)
    item = meeting.minutes.items.get(number=1)
    response = client.post(
        reverse("minutes:item", args=[item.pk]), {"action": "release", "release-reason": ""}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body and 'href="#id_release-reason"' in body
    assert "<title>Error:" in body


def test_exempt_minute_written_through_the_screens_never_reaches_the_public(
    client, officer, meeting
):
    client.force_login(officer)
    _start(client, meeting)
    exempt = meeting.minutes.items.get(number=2)
    edit = reverse("minutes:item", args=[exempt.pk])
    response = client.post(
        edit,
        {
            "action": "update",
            "revision": exempt.revision,
            "text-title": "Case review",
            "text-introduction": f"The panel discussed {CANARY} in private.",
        },
    )
    assert response.status_code == 302
    assert (
        client.post(reverse("minutes:edit", args=[meeting.pk]), {"action": "publish"}).status_code
        == 302
    )
    client.logout()
    outsider = User.objects.create_user("outsider")
    other_member = PersonFactory(user=User.objects.create_user("other-panel-member"))
    MembershipFactory(seat=SeatFactory(panel=PanelFactory()), person=other_member)
    chair = User.objects.get(username="barnes-andrews")

    def public_paths() -> list[str]:
        return [
            reverse("minutes:detail", args=[meeting.pk]),
            reverse("minutes:index"),
            meeting.get_absolute_url(),
            reverse("public:panel", args=[meeting.panel.slug]),
            reverse("public:panel_papers_feed", args=[meeting.panel.slug]),
            # Words of the withheld text (the canary itself would be echoed in the search box).
            reverse("public:search") + "?q=discussed+private",
            reverse("public:search") + "?q=case+review",
        ]

    def seen_by(user) -> bool:
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        seen = any(CANARY in client.get(path).content.decode() for path in public_paths())
        pdf = client.get(reverse("minutes:pdf", args=[meeting.pk]))
        assert pdf.status_code == 200
        return seen or CANARY.encode() in pdf.content or _pdf_has(pdf.content)

    for user in (None, outsider, other_member.user):
        assert not seen_by(user)
    client.logout()
    placeholder = _text(client.get(reverse("minutes:detail", args=[meeting.pk])))
    assert "2. CASE REVIEW This minute is not for publication" in placeholder
    assert "Category 7a" in placeholder
    assert seen_by(chair), "the panel's own member may read it: the check can see a leak"

    # Released by an officer with a reason: now public.
    client.force_login(officer)
    response = client.post(
        edit, {"action": "release", "release-reason": "The family agreed to publication"}
    )
    assert response.status_code == 302
    assert seen_by(None)


def _pdf_has(content: bytes) -> bool:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return CANARY in text


def test_attendance_grid_records_everyone_and_shows_errors(client, officer, meeting):
    client.force_login(officer)
    url = reverse("committees:attendance", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert body.count('class="app-attendee"') == 4 and "Present virtually" in body
    members = {
        m.person.name: m.person.pk for s in meeting.panel.seats.all() for m in s.memberships.all()
    }
    missing = client.post(url, {"action": "grid", f"status_{members['Webb']}": "present"})
    assert missing.status_code == 400
    assert "Choose the attendance of Councillor Chapman." in missing.content.decode()
    assert not meeting.attendances.exists()
    substitute = client.post(
        url,
        {
            "action": "substitute",
            "sub-member": members["Chapman"],
            "sub-new_substitute": "Cooper",
            "sub-appointed_by": "Monitoring Officer",
        },
    )
    assert substitute.status_code == 302
    cooper = meeting.substitutions.get().substitute
    saved = client.post(
        url,
        {
            "action": "grid",
            f"status_{members['Barnes-Andrews']}": "present",
            f"status_{members['Webb']}": "present",
            f"status_{members['Chapman']}": "apologies",
            f"status_{members['Rob Sanders']}": "present",
            f"status_{cooper.pk}": "substitute",
        },
    )
    assert saved.status_code == 302
    other = client.post(
        url,
        {
            "action": "in_attendance",
            "other-new_name": "Winning",
            "other-new_kind": "councillor",
            "other-new_job_title": "Cabinet Member for Children and Learning",
        },
    )
    assert other.status_code == 302
    assert "3 of the quorum of 3 present" in _text(client.get(url))
    _start(client, meeting)
    minutes = _text(client.get(reverse("minutes:detail", args=[meeting.pk])))
    assert (
        "Present: Councillors Barnes-Andrews (Chair), Webb (Vice-Chair) and Cooper "
        "Appointed Members: Rob Sanders Apologies: Councillor Chapman In attendance: "
        "Councillor Winning, Cabinet Member for Children and Learning"
    ) in minutes


def test_attendance_record_on_the_person_page_and_as_csv(client, meeting):
    chapman = meeting.panel.seats.get(memberships__person__name="Chapman").memberships.get().person
    meeting.attendances.create(person=chapman, status="virtual")
    page = _text(client.get(chapman.get_absolute_url()))
    assert "Attended 1 of 1 meetings expected. Attendance: 100%." in page
    assert "Present virtually 1" in page
    response = client.get(reverse("committees:person_attendance_csv", args=[chapman.slug]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["date", "panel", "capacity", "attendance", "meeting_url"]
    assert rows[1][:4] == ["2024-08-08", meeting.panel.name, "Member", "Present virtually"]
    assert rows[-1] == ["1", "0", "0", "1", "0", "0", "100"]


def test_editor_and_grid_query_counts_do_not_grow(client, officer, meeting):
    client.force_login(officer)
    _start(client, meeting)
    urls = [
        reverse("minutes:edit", args=[meeting.pk]),
        reverse("committees:attendance", args=[meeting.pk]),
    ]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    counts()  # the first request after a redirect also reads the flashed message
    before = counts()
    minutes = meeting.minutes
    for number in range(3, 9):
        item = MinuteItemFactory(minutes=minutes, number=number)
        item.speakers.create(name="Someone")
        item.points.create(text="A point")
        item.resolutions.create(number=1, text="That X.")
    for order in range(5, 10):
        MembershipFactory(seat=SeatFactory(panel=meeting.panel, order=order))
    assert counts() == before
    assert before[0] <= 40 and before[1] <= 30
