"""Factories for minutes: one per state (draft, published draft, approved)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import factory

from scrutiny.minutes.models import MinuteItem, Minutes, MinutesStatus, Resolution
from tests.committees.factories import ExemptCategoryFactory, HeldMeetingFactory


class DraftMinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(HeldMeetingFactory)
    status = MinutesStatus.DRAFT


class PublishedDraftMinutesFactory(DraftMinutesFactory):
    published_at = datetime(2024, 12, 2, 9, tzinfo=UTC)


class ApprovedMinutesFactory(PublishedDraftMinutesFactory):
    status = MinutesStatus.APPROVED
    approved_on = date(2025, 1, 30)


class MinuteItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MinuteItem

    minutes = factory.SubFactory(DraftMinutesFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Report {n}")
    introduction = "The panel considered the report."


class ExemptMinuteItemFactory(MinuteItemFactory):
    is_exempt = True
    exempt_category = factory.SubFactory(ExemptCategoryFactory)
    introduction = "Confidential discussion of CANARY-EXEMPT-MINUTE figures."


class ResolutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resolution

    item = factory.SubFactory(MinuteItemFactory)
    number = factory.Sequence(lambda n: n + 1)
    text = "That the report is circulated to the panel."
