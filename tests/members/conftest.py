"""A panel with two meetings two months apart, a member, figures that moved between the two
reports, an overdue executive response and an exempt paper: made with factories."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from scrutiny.committees.models import Meeting, Panel, Person
from scrutiny.documents.models import Document
from scrutiny.performance.models import Indicator, Polarity
from scrutiny.recommendations.models import Recommendation
from tests.committees.factories import (
    AgendaItemFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    PublishedMeetingFactory,
    SeatFactory,
)
from tests.documents.factories import ExemptDocumentFactory, PublishedDocumentFactory
from tests.performance.factories import IndicatorFactory, MonthlyValueFactory, TargetFactory
from tests.recommendations.factories import ExecutiveRecommendationFactory


@dataclass
class Panelled:
    panel: Panel
    previous: Meeting
    meeting: Meeting
    member: User
    person: Person
    other_member: User  # a member of another panel
    paper: Document
    exempt_paper: Document
    rated: Indicator
    worsening: Indicator
    referral: Recommendation


def _member(panel: Panel, username: str) -> tuple[User, Person]:
    user = User.objects.create_user(username, password="pw-member-123", email=f"{username}@x.test")
    person = PersonFactory(user=user, name=username.title(), email=f"{username}@x.test")
    MembershipFactory(seat=SeatFactory(panel=panel), person=person, start_date=date(2024, 5, 1))
    return user, person


def _values(indicator: Indicator, by_month: dict[date, str]) -> None:
    for month, value in by_month.items():
        MonthlyValueFactory(indicator=indicator, month=month, value=Decimal(value))


@pytest.fixture
def panelled(db) -> Panelled:
    """Meetings on 26 September and 28 November 2024: their reports are August and October."""
    panel = PanelFactory()
    previous = HeldMeetingFactory(panel=panel, date=date(2024, 9, 26))
    meeting = PublishedMeetingFactory(panel=panel, date=date(2024, 11, 28))
    member, person = _member(panel, "chair-member")
    other, _ = _member(PanelFactory(), "elsewhere-member")
    item = AgendaItemFactory(meeting=meeting, number=8, title="Education outcomes")
    paper = PublishedDocumentFactory(meeting=meeting, agenda_item=item, title="Attendance data")
    exempt = ExemptDocumentFactory(
        meeting=meeting,
        agenda_item=item,
        title="Provisional results",
        body_html="<p>SECRET-KS4</p>",
    )
    rated = IndicatorFactory(
        name="Re-referrals within 12 months", polarity=Polarity.LOWER_IS_BETTER
    )
    TargetFactory(indicator=rated, value=Decimal("20"), amber_tolerance=Decimal("5"))
    _values(rated, {date(2024, 8, 31): "24", date(2024, 9, 30): "14", date(2024, 10, 31): "19"})
    worsening = IndicatorFactory(name="Reviews in time")
    _values(
        worsening,
        {
            date(2024, 7, 31): "92",
            date(2024, 8, 31): "88",
            date(2024, 9, 30): "84",
            date(2024, 10, 31): "73",
        },
    )
    referral = ExecutiveRecommendationFactory(
        meeting=previous, referred_on=date(2024, 9, 26), response_due=date(2024, 11, 26)
    )
    return Panelled(
        panel, previous, meeting, member, person, other, paper, exempt, rated, worsening, referral
    )


@pytest.fixture
def upcoming(db):
    """A member's panel with a meeting in ten days whose agenda is out, and one paper each kind."""
    panel = PanelFactory()
    member, person = _member(panel, "upcoming-member")
    day = timezone.localdate() + timedelta(days=10)
    meeting = PublishedMeetingFactory(panel=panel, date=day)
    past = HeldMeetingFactory(panel=panel, date=day - timedelta(days=60))
    item = AgendaItemFactory(meeting=meeting, number=7, title="School admissions and exclusions")
    paper = PublishedDocumentFactory(meeting=meeting, agenda_item=item, title="Exclusions data")
    exempt = ExemptDocumentFactory(meeting=meeting, agenda_item=item, title="Named schools")
    return dict(
        panel=panel,
        member=member,
        person=person,
        meeting=meeting,
        past=past,
        item=item,
        paper=paper,
        exempt=exempt,
    )


@pytest.fixture(scope="session")
def pdf_bytes():
    """A real PDF of `pages` pages, each saying `text` and its own number (WeasyPrint)."""
    from weasyprint import HTML

    def make(pages: int, text: str) -> bytes:
        body = "".join(
            f'<section style="break-before: page">{text} sheet {n}</section>'
            for n in range(1, pages + 1)
        )
        return HTML(string=f"<html><body>{body}</body></html>").write_pdf()

    return make
