"""The attendance grid: who is expected, the statuses each may have, quorum, the record."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scrutiny.committees import queries, services
from scrutiny.committees.models import Attendance, Membership
from tests.committees.factories import (
    AppointedPersonFactory,
    AppointedSeatFactory,
    CancelledMeetingFactory,
    HeldMeetingFactory,
    MembershipFactory,
    MinutesApprovedMeetingFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db
ACTOR = "test"
S = Attendance.Status


@pytest.fixture
def panel():
    """Chair, vice-chair, three members (one who left in June), one appointed member."""
    panel = PanelFactory(quorum=3)
    roles = [Membership.Role.CHAIR, Membership.Role.VICE_CHAIR] + [Membership.Role.MEMBER] * 3
    for index, (name, role) in enumerate(
        zip(["Barnes-Andrews", "Webb", "Chapman", "Kaur", "Allen"], roles, strict=True)
    ):
        MembershipFactory(
            seat=SeatFactory(panel=panel, order=index),
            person=PersonFactory(name=name),
            role=role,
            end_date=date(2024, 6, 30) if name == "Chapman" else None,
        )
    MembershipFactory(
        seat=AppointedSeatFactory(panel=panel), person=AppointedPersonFactory(name="Rob Sanders")
    )
    return panel


def _names(attendees) -> list[str]:
    return [a.person.name for a in attendees]


def test_expected_are_the_members_on_the_day_then_substitutes(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    kaur = meeting.panel.seats.get(memberships__person__name="Kaur").memberships.get().person
    services.substitution_appoint(
        actor=ACTOR, meeting=meeting, member=kaur, new_substitute="Mrs Blatchford"
    )
    attendees = queries.expected_attendees(meeting)
    assert _names(attendees) == ["Barnes-Andrews", "Webb", "Kaur", "Allen", "Rob Sanders"] + [
        "Mrs Blatchford"
    ]
    assert [a.capacity for a in attendees] == [
        "Chair",
        "Vice-Chair",
        "Member",
        "Member",
        "Appointed member",
        "Substitute for Councillor Kaur",
    ]


def _grid(meeting, **by_name):
    people = {a.person.name: a.person.pk for a in queries.expected_attendees(meeting)}
    return {people[name.replace("_", " ")]: status for name, status in by_name.items()}


def test_grid_records_everyone_at_once_and_counts_the_quorum(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    kaur = panel.seats.get(memberships__person__name="Kaur").memberships.get().person
    services.substitution_appoint(
        actor=ACTOR, meeting=meeting, member=kaur, new_substitute="Cooper"
    )
    statuses = _grid(
        meeting,
        **{"Barnes-Andrews": S.PRESENT},
        Webb=S.PRESENT_VIRTUALLY,
        Kaur=S.APOLOGIES,
        Allen=S.PRESENT,
        Rob_Sanders=S.PRESENT,
        Cooper=S.PRESENT_AS_SUBSTITUTE,
    )
    services.attendance_grid_save(actor=ACTOR, meeting=meeting, statuses=statuses)
    quorum = queries.meeting_quorum(meeting)
    # In the room: Barnes-Andrews, Allen and Cooper for Kaur; not Webb (virtual), not Sanders.
    assert quorum.count == 3 and quorum.reached
    assert {p.name for p in quorum.substitutes_present} == {"Cooper"}
    statuses[next(k for k, v in statuses.items() if v == S.PRESENT)] = S.ABSENT
    assert not queries.quorum_from(meeting, statuses).reached


def test_grid_refuses_a_missing_status_and_a_status_not_for_that_person(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    statuses = _grid(meeting, **{"Barnes-Andrews": S.PRESENT}, Webb=S.PRESENT_AS_SUBSTITUTE)
    with pytest.raises(ValidationError) as error:
        services.attendance_grid_save(actor=ACTOR, meeting=meeting, statuses=statuses)
    messages = error.value.message_dict
    webb = statuses and next(iter(k for k in statuses if statuses[k] == S.PRESENT_AS_SUBSTITUTE))
    assert messages[f"status_{webb}"] == [
        "Present as substitute is not a choice for Councillor Webb."
    ]
    assert any(
        "Choose the attendance of Councillor Allen." in m for m in sum(messages.values(), [])
    )
    assert not meeting.attendances.exists()  # nothing half-saved


@pytest.mark.parametrize(
    "factory, message",
    [(CancelledMeetingFactory, "cancelled"), (MinutesApprovedMeetingFactory, "locked")],
)
def test_grid_is_refused_for_cancelled_meetings_and_approved_minutes(panel, factory, message):
    meeting = factory(panel=panel, date=date(2024, 8, 8))
    with pytest.raises(ValidationError, match=message):
        services.attendance_grid_save(actor=ACTOR, meeting=meeting, statuses={})


def test_in_attendance_people_are_chosen_or_created_and_not_members(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    record = services.attendance_in_attendance_add(
        actor=ACTOR,
        meeting=meeting,
        new_name="Winning",
        new_kind="councillor",
        new_job_title="Cabinet Member for Children and Learning",
    )
    assert record.status == S.IN_ATTENDANCE and record.person.display_name == "Councillor Winning"
    allen = panel.seats.get(memberships__person__name="Allen").memberships.get().person
    with pytest.raises(ValidationError, match="use the grid"):
        services.attendance_in_attendance_add(actor=ACTOR, meeting=meeting, person=allen)
    services.attendance_remove(actor=ACTOR, attendance=record)
    assert not meeting.attendances.exists()


def test_attendance_record_with_a_cancelled_meeting_and_a_substitute_appearance(panel):
    allen = panel.seats.get(memberships__person__name="Allen").memberships.get().person
    kaur = panel.seats.get(memberships__person__name="Kaur").memberships.get().person
    other = PanelFactory()
    other_member = MembershipFactory(seat=SeatFactory(panel=other)).person
    days = [date(2024, 7, 18), date(2024, 8, 8), date(2024, 9, 26), date(2024, 11, 28)]
    meetings = [HeldMeetingFactory(panel=panel, date=d) for d in days]
    statuses = [S.PRESENT, S.PRESENT_VIRTUALLY, S.APOLOGIES, S.ABSENT]
    for meeting, status in zip(meetings, statuses, strict=True):
        services.attendance_record(actor=ACTOR, meeting=meeting, person=allen, status=status)
        services.attendance_record(actor=ACTOR, meeting=meeting, person=kaur, status=S.PRESENT)
    CancelledMeetingFactory(panel=panel, date=date(2025, 1, 30))  # never counts
    elsewhere = HeldMeetingFactory(panel=other, date=date(2024, 10, 10))
    services.substitution_appoint(
        actor=ACTOR, meeting=elsewhere, member=other_member, substitute=allen
    )
    services.attendance_record(
        actor=ACTOR, meeting=elsewhere, person=allen, status=S.PRESENT_AS_SUBSTITUTE
    )
    record = queries.person_attendance_record(allen)
    assert (record.expected, record.present, record.present_virtually) == (4, 1, 1)
    assert (record.apologies, record.absent, record.present_as_substitute) == (1, 1, 1)
    assert record.percentage == 50  # 2 of 4 expected; the substitute appearance is beside them
    assert [line.capacity for line in record.lines].count("Substitute") == 1


def test_a_grid_opened_before_a_colleagues_save_is_refused(panel):
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    opened = queries.attendance_fingerprint(meeting)
    everyone = {a.person.pk: S.PRESENT for a in queries.expected_attendees(meeting)}
    services.attendance_grid_save(actor=ACTOR, meeting=meeting, statuses=everyone, seen=opened)
    apologies = dict.fromkeys(everyone, S.APOLOGIES)
    with pytest.raises(ValidationError, match="Someone else changed"):
        services.attendance_grid_save(actor=ACTOR, meeting=meeting, statuses=apologies, seen=opened)
    assert set(meeting.attendances.values_list("status", flat=True)) == {S.PRESENT}
