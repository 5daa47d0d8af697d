"""People, seats, memberships, municipal years and substitutes in the officers' screens."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.committees.models import (
    Membership,
    MunicipalYear,
    Person,
    Seat,
    Substitution,
)
from scrutiny.core.models import AuditEvent
from tests.committees.factories import (
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    PublishedMeetingFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


def test_an_officer_adds_and_changes_a_councillor(client, officer):
    client.force_login(officer)
    response = client.post(
        "/manage/people/new/",
        {
            "kind": "councillor",
            "title": "Mrs",
            "name": "Kenny",
            "ward": "Bevois",
            "party": "Labour",
        },
    )
    assert response.status_code == 302
    person = Person.objects.get(name="Kenny")
    assert (person.ward, person.party) == ("Bevois", "Labour")
    client.post(
        f"/manage/people/{person.pk}/edit/",
        {"kind": "councillor", "name": "Kenny", "ward": "Portswood", "party": "Labour"},
    )
    person.refresh_from_db()
    assert person.ward == "Portswood"
    assert AuditEvent.objects.filter(
        action="committees.person_update", target_id=str(person.pk)
    ).exists()
    assert "Portswood" in client.get("/manage/people/").content.decode()


def test_an_officer_cannot_give_an_officer_a_ward(client, officer):
    client.force_login(officer)
    response = client.post(
        "/manage/people/new/", {"kind": "officer", "name": "Rob Sanders", "ward": "Bargate"}
    )
    assert "Only councillors have a ward" in response.content.decode()
    assert not Person.objects.filter(name="Rob Sanders").exists()


def test_an_overlapping_membership_of_one_seat_is_refused(client, officer):
    seat = SeatFactory()
    MembershipFactory(seat=seat, start_date=date(2024, 5, 1), end_date=None)
    newcomer = PersonFactory()
    client.force_login(officer)
    response = client.post(
        f"/manage/seats/{seat.pk}/members/new/",
        {"person": newcomer.pk, "role": "member", "start_date": "01/01/2025"},
    )
    assert "That seat is already filled for part of this period." in response.content.decode()
    assert not Membership.objects.filter(person=newcomer).exists()


def test_a_second_chair_at_one_date_is_refused(client, officer):
    panel = PanelFactory()
    MembershipFactory(seat=SeatFactory(panel=panel), role=Membership.Role.CHAIR)
    seat, person = SeatFactory(panel=panel), PersonFactory()
    client.force_login(officer)
    response = client.post(
        f"/manage/seats/{seat.pk}/members/new/",
        {"person": person.pk, "role": "chair", "start_date": "01/01/2025"},
    )
    assert "The panel already has a Chair." in response.content.decode()


def test_a_membership_is_ended_and_the_seat_refilled(client, officer):
    seat = SeatFactory()
    old = MembershipFactory(seat=seat, start_date=date(2024, 5, 1))
    client.force_login(officer)
    client.post(f"/manage/memberships/{old.pk}/end/", {"end_date": "31/12/2024"})
    newcomer = PersonFactory()
    response = client.post(
        f"/manage/seats/{seat.pk}/members/new/",
        {"person": newcomer.pk, "role": "member", "start_date": "01/01/2025"},
    )
    assert response.status_code == 302
    page = client.get(f"/manage/panels/{seat.panel.slug}/seats/").content.decode()
    assert newcomer.display_name in page and "to 31 December 2024" in page


def test_an_appointed_seat_needs_its_nominating_body(client, officer):
    panel = PanelFactory()
    client.force_login(officer)
    response = client.post(
        f"/manage/panels/{panel.slug}/seats/new/", {"kind": "appointed", "label": "Parent"}
    )
    assert "needs a nominating body" in response.content.decode()
    client.post(
        f"/manage/panels/{panel.slug}/seats/new/",
        {
            "kind": "appointed",
            "label": "Primary Parent Governor",
            "nominating_body": "parent_governors",
            "votes_on_education_only": "on",
        },
    )
    assert Seat.objects.get(panel=panel).votes_on_education_only


def test_a_municipal_year_is_created_and_takes_its_meetings(client, officer):
    meeting = PublishedMeetingFactory(date=date(2099, 7, 16))
    client.force_login(officer)
    response = client.post(
        "/manage/years/new/",
        {"label": "2099/00", "start_date": "20/05/2099", "end_date": "18/05/2100"},
    )
    year = MunicipalYear.objects.get(label="2099/00")
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.municipal_year == year
    assert "16 July 2099" in client.get(f"/manage/years/{year.pk}/").content.decode()
    response = client.post(
        "/manage/years/new/",
        {"label": "2099/00b", "start_date": "01/01/2100", "end_date": "31/12/2100"},
    )
    assert "overlaps another municipal year" in response.content.decode()


def test_a_substitute_is_recorded_in_the_meetings_screen(client, officer):
    meeting = PublishedMeetingFactory(date=date(2099, 3, 5))
    member = MembershipFactory(seat=SeatFactory(panel=meeting.panel)).person
    substitute = PersonFactory()
    client.force_login(officer)
    form = client.get(f"/manage/meetings/{meeting.pk}/substitutes/new/").content.decode()
    assert member.display_name in form
    response = client.post(
        f"/manage/meetings/{meeting.pk}/substitutes/new/",
        {
            "member": member.pk,
            "substitute": substitute.pk,
            "appointed_by": "Monitoring Officer",
            "appointed_on": "01/03/2099",
        },
    )
    assert response.status_code == 302
    substitution = Substitution.objects.get(meeting=meeting)
    assert substitution.appointed_on == date(2099, 3, 1)
    response = client.post(
        f"/manage/meetings/{meeting.pk}/substitutes/new/",
        {
            "member": member.pk,
            "substitute": PersonFactory().pk,
            "appointed_by": "Monitoring Officer",
            "appointed_on": "02/03/2099",
        },
    )
    assert "already has a substitute" in response.content.decode()


def test_people_screens_are_for_officers_only(client, outsider):
    client.force_login(outsider)
    for url in ("/manage/people/", "/manage/years/", "/manage/meetings/"):
        assert client.get(url).status_code == 403
