"""Factories for the case reviews register: a partnership, and cases at each stage."""

from __future__ import annotations

from datetime import date

import factory
from django.contrib.auth.models import Group, User

from scrutiny.reviews import services
from scrutiny.reviews.models import PARTNERSHIP_GROUP, CaseReview, Partnership
from tests.committees.factories import PanelFactory


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Test Safeguarding Children Partnership {n}")
    short_name = "TSCP"
    panel = factory.SubFactory(PanelFactory)


class CaseReviewFactory(factory.django.DjangoModelFactory):
    """A referred case (the state a new case starts in); later stages go through services."""

    class Meta:
        model = CaseReview

    partnership = factory.SubFactory(PartnershipFactory)
    reference = factory.Sequence(lambda n: f"RR-2024-{n % 10000:04d}")
    incident_date = date(2024, 5, 20)
    aware_date = date(2024, 5, 23)


def partnership_staff(username: str = "partnership-staff") -> User:
    user = User.objects.create_user(username, password="pw-partnership-123")
    group, _ = Group.objects.get_or_create(name=PARTNERSHIP_GROUP)
    user.groups.add(group)
    return user


def decided_case(
    actor,
    *,
    partnership=None,
    reference: str,
    aware: date,
    notification: date | None,
    decision: str,
    decision_date: date,
    rapid_review: date | None = None,
) -> CaseReview:
    case = services.case_review_create(
        actor=actor,
        partnership=partnership or PartnershipFactory(),
        reference=reference,
        incident_date=aware,
        aware_date=aware,
        notification_date=notification,
    )
    return services.case_review_decide(
        actor=actor,
        case=case,
        decision=decision,
        decision_date=decision_date,
        rapid_review_date=rapid_review if notification else None,
    )
