"""Model rules: quorum from attendance, substitutes, vacancies, memberships, standard items."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from scrutiny.committees import queries, services
from scrutiny.committees.models import AgendaItemKind, Attendance, Membership, Person, Seat
from tests.committees.factories import (
    AppointedPersonFactory,
    AppointedSeatFactory,
    AttendanceFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
    SubstitutionFactory,
)

pytestmark = pytest.mark.django_db


def _panel_with_members(count: int, quorum: int = 3):
    panel = PanelFactory(quorum=quorum)
    members = [MembershipFactory(seat=SeatFactory(panel=panel)).person for _ in range(count)]
    return panel, members


def test_quorum_is_reached_when_enough_councillor_members_are_present():
    panel, members = _panel_with_members(7)
    meeting = HeldMeetingFactory(panel=panel)
    for person in members[:3]:
        AttendanceFactory(meeting=meeting, person=person)
    for person in members[3:]:
        AttendanceFactory(meeting=meeting, person=person, status=Attendance.Status.APOLOGIES)
    result = queries.meeting_quorum(meeting)
    assert result.count == 3 and result.reached


def test_quorum_is_not_reached_with_two_members_and_co_optees_do_not_count():
    panel, members = _panel_with_members(7)
    co_optee = MembershipFactory(
        seat=AppointedSeatFactory(panel=panel), person=AppointedPersonFactory()
    ).person
    meeting = HeldMeetingFactory(panel=panel)
    for person in [*members[:2], co_optee]:
        AttendanceFactory(meeting=meeting, person=person)
    result = queries.meeting_quorum(meeting)
    assert result.count == 2 and not result.reached


def test_a_substitute_counts_for_the_absent_member():
    panel, members = _panel_with_members(3)
    meeting = HeldMeetingFactory(panel=panel)
    substitute = PersonFactory()
    SubstitutionFactory(meeting=meeting, member=members[2], substitute=substitute)
    AttendanceFactory(meeting=meeting, person=members[0])
    AttendanceFactory(meeting=meeting, person=members[1])
    AttendanceFactory(meeting=meeting, person=members[2], status=Attendance.Status.APOLOGIES)
    AttendanceFactory(meeting=meeting, person=substitute)
    result = queries.meeting_quorum(meeting)
    assert result.substitutes_present == [substitute]
    assert result.count == 3 and result.reached


def test_a_substitute_does_not_count_twice_when_the_member_also_attends():
    panel, members = _panel_with_members(3)
    meeting = HeldMeetingFactory(panel=panel)
    substitute = PersonFactory()
    SubstitutionFactory(meeting=meeting, member=members[0], substitute=substitute)
    AttendanceFactory(meeting=meeting, person=members[0])
    AttendanceFactory(meeting=meeting, person=substitute)
    assert queries.meeting_quorum(meeting).count == 1


def test_substitution_rules(officer):
    panel, members = _panel_with_members(2)
    meeting = HeldMeetingFactory(panel=panel)
    outsider = PersonFactory()
    with pytest.raises(ValidationError):  # the replaced person must be a member
        services.substitution_appoint(
            actor=officer, meeting=meeting, member=outsider, substitute=PersonFactory()
        )
    with pytest.raises(ValidationError):  # a member cannot substitute for another member
        services.substitution_appoint(
            actor=officer, meeting=meeting, member=members[0], substitute=members[1]
        )
    with pytest.raises(ValidationError):  # only councillors substitute for councillors
        services.substitution_appoint(
            actor=officer, meeting=meeting, member=members[0], substitute=AppointedPersonFactory()
        )
    sub = services.substitution_appoint(
        actor=officer, meeting=meeting, member=members[0], substitute=outsider
    )
    assert sub.appointed_by == "Monitoring Officer"


def test_a_seat_without_a_current_membership_is_a_vacancy_and_an_abolished_seat_is_not_shown():
    panel = PanelFactory()
    filled = MembershipFactory(
        seat=AppointedSeatFactory(panel=panel, label="Church of England"),
        person=AppointedPersonFactory(),
    )
    AppointedSeatFactory(panel=panel, label="Primary Parent Governor")
    ended = AppointedSeatFactory(panel=panel, label="Secondary Parent Governor")
    MembershipFactory(
        seat=ended,
        person=AppointedPersonFactory(),
        start_date=date(2019, 5, 1),
        end_date=date(2020, 4, 30),
    )
    AppointedSeatFactory(panel=panel, label="Parent Governor", abolished_on=date(2020, 5, 1))
    holders = queries.seat_holders(panel, date(2024, 11, 28))
    labels = [(h.seat.label, h.is_vacant) for h in holders]
    assert labels == [
        ("Church of England", False),
        ("Primary Parent Governor", True),
        ("Secondary Parent Governor", True),
    ]
    assert holders[0].membership == filled
    assert holders[1].seat.vacancy_label == "Vacancy - Primary Parent Governor"


def test_membership_rules(officer):
    panel = PanelFactory()
    seat = SeatFactory(panel=panel)
    first = PersonFactory()
    services.membership_start(
        actor=officer,
        seat=seat,
        person=first,
        start_date=date(2024, 5, 1),
        role=Membership.Role.CHAIR,
    )
    with pytest.raises(ValidationError):  # the seat is taken
        services.membership_start(
            actor=officer, seat=seat, person=PersonFactory(), start_date=date(2024, 6, 1)
        )
    with pytest.raises(ValidationError):  # a co-optee cannot fill a councillor seat
        services.membership_start(
            actor=officer,
            seat=SeatFactory(panel=panel),
            person=AppointedPersonFactory(),
            start_date=date(2024, 6, 1),
        )
    with pytest.raises(ValidationError):  # only one chair at a time
        services.membership_start(
            actor=officer,
            seat=SeatFactory(panel=panel),
            person=PersonFactory(),
            start_date=date(2024, 6, 1),
            role=Membership.Role.CHAIR,
        )
    with pytest.raises(ValidationError):  # an appointed seat needs its nominating body
        services.seat_create(
            actor=officer, panel=panel, kind=Seat.Kind.APPOINTED, label="Parent governor"
        )


def test_a_new_meeting_gets_the_standard_procedural_items_in_southamptons_order(officer):
    meeting = services.meeting_create(
        actor=officer,
        panel=PanelFactory(),
        date=date(2025, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
    )
    kinds = list(meeting.agenda_items.order_by("number").values_list("number", "kind"))
    assert kinds == [
        (1, AgendaItemKind.APOLOGIES),
        (2, AgendaItemKind.INTERESTS),
        (3, AgendaItemKind.SCRUTINY_INTEREST),
        (4, AgendaItemKind.WHIP),
        (5, AgendaItemKind.CHAIR_STATEMENT),
        (6, AgendaItemKind.PREVIOUS_MINUTES),
    ]
    item = services.agenda_item_add(actor=officer, meeting=meeting, title="Youth Justice Service")
    assert item.number == 7


def test_an_exempt_item_needs_a_category_and_reasons(officer):
    meeting = services.meeting_create(
        actor=officer,
        panel=PanelFactory(),
        date=date(2025, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
    )
    with pytest.raises(ValidationError):
        services.agenda_item_add(
            actor=officer, meeting=meeting, title="Exempt report", is_exempt=True
        )


def test_attendance_record_counts_meetings_attended_of_meetings_expected():
    panel, members = _panel_with_members(3)
    person = members[0]
    attended = HeldMeetingFactory(panel=panel, date=date(2024, 8, 8))
    missed = HeldMeetingFactory(panel=panel, date=date(2024, 9, 26))
    HeldMeetingFactory(panel=panel, date=date(2024, 7, 18))  # no attendance recorded: not counted
    AttendanceFactory(meeting=attended, person=person)
    AttendanceFactory(meeting=missed, person=person, status=Attendance.Status.APOLOGIES)
    AttendanceFactory(meeting=missed, person=members[1])
    record = queries.person_attendance_record(person)
    assert record.summary == "1 of 2"


def test_demo_quorum_and_substitutes_of_8_august_2024(foundation_demo):
    from scrutiny.committees.models import Meeting

    august = Meeting.objects.get(date=date(2024, 8, 8))
    result = queries.meeting_quorum(august)
    assert {p.name for p in result.substitutes_present} == {"Mrs Blatchford", "Cooper"}
    assert result.count == 7 and result.reached
    blatchford = Person.objects.get(name="Mrs Blatchford")
    record = queries.person_attendance_record(blatchford)
    assert [(line.meeting, line.capacity) for line in record.lines] == [(august, "Substitute")]
    assert record.present_as_substitute == 1 and record.expected == 0
