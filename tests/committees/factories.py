"""Factories for panels, people and meetings: one factory per meeting state."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import factory

from scrutiny.committees.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Panel,
    Person,
    Seat,
    Substitution,
)
from scrutiny.core.models import ExemptCategory


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    name = factory.Sequence(lambda n: f"Test Scrutiny Panel {n}")
    slug = factory.Sequence(lambda n: f"test-panel-{n}")
    remit = "To scrutinise services for children and families."
    quorum = 3


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    kind = Person.Kind.COUNCILLOR
    name = factory.Sequence(lambda n: f"Member{n}")
    slug = factory.Sequence(lambda n: f"member-{n}")


class AppointedPersonFactory(PersonFactory):
    kind = Person.Kind.APPOINTED


class SeatFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seat

    panel = factory.SubFactory(PanelFactory)
    kind = Seat.Kind.COUNCILLOR
    order = factory.Sequence(int)


class AppointedSeatFactory(SeatFactory):
    kind = Seat.Kind.APPOINTED
    label = "Primary Parent Governor"
    nominating_body = "parent_governors"
    votes_on_education_only = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    seat = factory.SubFactory(SeatFactory)
    person = factory.SubFactory(PersonFactory)
    role = Membership.Role.MEMBER
    start_date = date(2024, 5, 1)
    end_date = None


class ScheduledMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    panel = factory.SubFactory(PanelFactory)
    date = date(2024, 11, 28)
    start_time = time(17, 30)
    venue = "Conference Room 3 - Civic Centre"
    status = MeetingStatus.SCHEDULED


class PublishedMeetingFactory(ScheduledMeetingFactory):
    status = MeetingStatus.AGENDA_PUBLISHED
    agenda_published_at = factory.LazyAttribute(
        lambda m: datetime.combine(m.date - timedelta(days=8), time(9), tzinfo=UTC)
    )


class HeldMeetingFactory(PublishedMeetingFactory):
    status = MeetingStatus.HELD


class MinutesApprovedMeetingFactory(PublishedMeetingFactory):
    status = MeetingStatus.MINUTES_APPROVED


class CancelledMeetingFactory(ScheduledMeetingFactory):
    status = MeetingStatus.CANCELLED
    cancellation_reason = "Insufficient business"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(PublishedMeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Report {n}")


class ExemptCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExemptCategory
        django_get_or_create = ("code",)

    code = "7a"
    title = "Information which is subject to an obligation of confidentiality"
    is_statutory = False


class ExemptAgendaItemFactory(AgendaItemFactory):
    is_exempt = True
    exempt_category = factory.SubFactory(ExemptCategoryFactory)
    exempt_reasons = "Provisional results shared in confidence."


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(HeldMeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = Attendance.Status.PRESENT


class SubstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Substitution

    meeting = factory.SubFactory(HeldMeetingFactory)
    member = factory.SubFactory(PersonFactory)
    substitute = factory.SubFactory(PersonFactory)
