"""The 8 August 2024 meeting recorded in chromium as the seed minutes record it, entirely
through the attendance grid and the minutes editor, with axe-core on each screen (forms in
their error states too). Uses pytest-django's live server (ADR 204) and factories.
"""

from __future__ import annotations

import re
from datetime import date, time

import pytest

from scrutiny.committees.models import AgendaItemKind, Membership, MunicipalYear, Person
from scrutiny.minutes import services as minutes_services
from tests.committees.factories import (
    AppointedSeatFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)
from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser

COUNCILLORS = [
    ("Barnes-Andrews", Membership.Role.CHAIR),
    ("Webb", Membership.Role.VICE_CHAIR),
    ("Chapman", Membership.Role.MEMBER),
    ("Kaur", Membership.Role.MEMBER),
    ("Allen", Membership.Role.MEMBER),
    ("G Lambert", Membership.Role.MEMBER),
    ("Beaurain", Membership.Role.MEMBER),
]
AGENDA = [
    (AgendaItemKind.APOLOGIES, "Apologies and changes in panel membership (if any)"),
    (AgendaItemKind.INTERESTS, "Disclosure of personal and pecuniary interests"),
    (
        AgendaItemKind.PREVIOUS_MINUTES,
        "Minutes of the previous meeting (including matters arising)",
    ),
    (AgendaItemKind.REPORT, "Early years and childcare"),
    (AgendaItemKind.REPORT, "Repeat child protection plans - analysis"),
    (AgendaItemKind.REPORT, "Annual conversation with Ofsted"),
    (AgendaItemKind.REPORT, "Children and learning - performance"),
    (AgendaItemKind.MONITORING, "Monitoring scrutiny recommendations"),
]


@pytest.fixture
def august(request, transactional_db, settings, officer):
    """The panel of 2024/25, July's minutes (1-7) and the held meeting of 8 August 2024."""
    if settings.MEDIA_URL is None:
        settings.MEDIA_URL = "/test-media-not-served/"
    server = request.getfixturevalue("live_server")
    year = MunicipalYear.objects.create(
        label="2024/25", start_date=date(2024, 5, 1), end_date=date(2025, 4, 30)
    )
    panel = PanelFactory(name="Children and Families Scrutiny Panel", quorum=3)
    people = {}
    for order, (name, role) in enumerate(COUNCILLORS):
        people[name] = PersonFactory(name=name)
        MembershipFactory(
            seat=SeatFactory(panel=panel, order=order),
            person=people[name],
            role=role,
            start_date=date(2024, 5, 1),
        )
    for order, name in enumerate(["Rob Sanders", "Catherine Hobbs"]):
        people[name] = PersonFactory(name=name, kind=Person.Kind.APPOINTED)
        MembershipFactory(
            seat=AppointedSeatFactory(panel=panel, order=order),
            person=people[name],
            start_date=date(2024, 5, 1),
        )
    for name in ("Mrs Blatchford", "Cooper"):
        people[name] = PersonFactory(name=name)
    july = HeldMeetingFactory(panel=panel, date=date(2024, 7, 18), municipal_year=year)
    july_minutes = minutes_services.minutes_create(actor="test", meeting=july)
    for number in range(1, 8):
        minutes_services.minute_item_add(actor="test", minutes=july_minutes, title=f"July {number}")
    meeting = HeldMeetingFactory(
        panel=panel, date=date(2024, 8, 8), start_time=time(17, 30), municipal_year=year
    )
    for number, (kind, title) in enumerate(AGENDA, start=1):
        meeting.agenda_items.create(number=number, kind=kind, title=title)
    return server.url, meeting, people


def _text(page) -> str:
    return " ".join(page.inner_text("main").split())


def test_the_8_august_2024_meeting_recorded_through_the_grid_and_the_editor(page, august):
    base, meeting, people = august
    sign_in(page, base, "test-officer", "pw-officer-123")

    # Attendance: the two temporary replacements, then the grid (first in its error state).
    page.goto(f"{base}/manage/meetings/{meeting.pk}/attendance/")
    for member, substitute in (("Kaur", "Mrs Blatchford"), ("Allen", "Cooper")):
        page.click("summary:has-text('Appoint a substitute')")
        page.select_option("#id_sub-member", label=f"Councillor {member}")
        page.select_option("#id_sub-substitute", label=f"Councillor {substitute}")
        page.fill("#id_sub-reason", "Temporary resignation from the panel for this meeting")
        with page.expect_navigation():
            page.click("button:has-text('Appoint the substitute')")
    with page.expect_navigation():
        page.click("button:has-text('Save attendance')")
    expect_text(page, "There is a problem")
    expect_text(page, "Choose the attendance of Councillor Barnes-Andrews.")
    assert axe_violations(page) == []
    present = ["Barnes-Andrews", "Webb", "Chapman", "G Lambert", "Beaurain"]
    for name in present + ["Rob Sanders", "Catherine Hobbs"]:
        page.check(f"#id_status_{people[name].pk}_0")  # present
    for name in ("Kaur", "Allen"):
        page.check(f"#id_status_{people[name].pk}_2")  # apologies
    assert page.inner_text("#quorum-count") == "5"  # recounted in the page as statuses change
    for name in ("Mrs Blatchford", "Cooper"):
        page.check(f"#id_status_{people[name].pk}_0")  # present as substitute
    assert page.inner_text("#quorum-count") == "7"
    with page.expect_navigation():
        page.click("button:has-text('Save attendance')")
    expect_text(page, "Attendance saved.")
    assert "quorate" in _text(page)
    assert axe_violations(page) == []

    # The minutes, started from the agenda: numbered on from July's 1-7.
    page.goto(f"{base}/minutes/meeting/{meeting.pk}/edit/")
    with page.expect_navigation():
        page.click("button:has-text('Start the minutes from the agenda')")
    editor = _text(page)
    assert "8 Apologies and changes in panel membership (if any)" in editor
    assert "15 Monitoring scrutiny recommendations" in editor
    assert axe_violations(page) == []
    # Nothing was declared: delete that minute; the rest are numbered on (8-14).
    with page.expect_navigation():
        page.click("a:has-text('Delete minute 9')")
    with page.expect_navigation():
        page.click("button:has-text('Delete the minute')")
    assert "14 Monitoring scrutiny recommendations" in _text(page)
    # Move "Monitoring" up and back down again from the keyboard alone.
    page.focus("button:has-text('move minute 14 up')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "13 Monitoring scrutiny recommendations" in _text(page)
    page.focus("button:has-text('move minute 13 down')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "14 Monitoring scrutiny recommendations" in _text(page)

    # Minute 8: the changes in membership, drafted from the grid.
    with page.expect_navigation():
        page.click("a:has-text('Apologies and changes in panel membership')")
    with page.expect_navigation():
        page.click("button:has-text('Use this as the introduction')")
    # Minute 11: speakers, points and three resolutions (one first left empty: error state).
    page.goto(f"{base}/minutes/meeting/{meeting.pk}/edit/")
    with page.expect_navigation():
        page.click("a:has-text('Repeat child protection plans - analysis')")
    page.fill("#id_text-introduction", "The Panel considered the analysis of repeat plans.")
    with page.expect_navigation():
        page.click("button:has-text('Save the text')")
    for name, title in (
        ("The Cabinet Member for Children and Learning", ""),
        ("The Deputy Director", "Children and Learning"),
    ):
        page.fill("#id_speaker-name", name)
        page.fill("#id_speaker-title", title)
        with page.expect_navigation():
            page.click("button:has-text('Add the speaker')")
    page.fill("#id_point-text", "Good handovers between social workers.")
    with page.expect_navigation():
        page.click("button:has-text('Add the point')")
    page.fill("#id_point-text", "Their effect on decisions.")
    page.check("#id_point-level_1")
    with page.expect_navigation():
        page.click("button:has-text('Add the point')")
    with page.expect_navigation():
        page.click("button:has-text('Add the resolution')")
    expect_text(page, "There is a problem")
    assert axe_violations(page) == []
    for text in (
        "That the analysis is circulated to all social workers.",
        "That the service audits the quality of handovers.",
        "That the follow up analysis is provided to the Panel.",
    ):
        page.fill("#id_resolution-text", text)
        with page.expect_navigation():
            page.click("button:has-text('Add the resolution')")
    assert axe_violations(page) == []

    # The printed minutes read like the seed's.
    page.goto(f"{base}/minutes/meeting/{meeting.pk}/")
    printed = _text(page)
    assert re.search(
        r"Present: Councillors Barnes-Andrews \(Chair\), Webb \(Vice-Chair\), Chapman, "
        r"G Lambert, Beaurain, Cooper and Mrs Blatchford",
        printed,
    ), printed[:600]
    assert "Appointed Members: Rob Sanders and Catherine Hobbs" in printed
    assert "Apologies: Councillors Kaur and Allen" in printed
    assert (
        "The Monitoring Officer, acting under delegated powers, appointed Councillors "
        "Mrs Blatchford and Cooper to replace Councillors Kaur and Allen for this meeting."
    ) in printed
    assert "11. REPEAT CHILD PROTECTION PLANS - ANALYSIS" in printed
    assert (
        "The Cabinet Member for Children and Learning and the Deputy Director, Children and "
        "Learning were in attendance and, with the consent of the Chair, addressed the meeting."
    ) in printed
    assert (
        "RESOLVED (i) That the analysis is circulated to all social workers. (ii) That the "
        "service audits the quality of handovers. (iii) That the follow up analysis"
    ) in printed
    assert "1. (i)" not in printed and "14. MONITORING SCRUTINY RECOMMENDATIONS" in printed
    assert axe_violations(page) == []
