"""Factories for recommendations: one per status, each with its dated history."""

from __future__ import annotations

from datetime import date

import factory
from django.utils import timezone

from scrutiny.recommendations.models import (
    AddresseeKind,
    Recommendation,
    RecommendationStatus,
    StatusChange,
)
from tests.committees.factories import HeldMeetingFactory


class ProposedRecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation
        skip_postgeneration_save = True

    meeting = factory.SubFactory(HeldMeetingFactory, date=date(2024, 9, 26))
    title = "Youth Justice Service"
    number = factory.Sequence(lambda n: n + 1)
    action_proposed = "That the panel is sent the updated outcomes."
    addressee_kind = AddresseeKind.SERVICE
    addressee = "Youth Justice Service"
    status = RecommendationStatus.PROPOSED

    @factory.post_generation
    def minutes_published(obj, create, extracted, **kwargs):
        """A recommendation is public with its meeting's minutes: publish them unless told not to
        (``minutes_published=False`` leaves them a draft)."""
        from scrutiny.minutes.models import Minutes

        if extracted is False:
            Minutes.objects.get_or_create(meeting=obj.meeting)
            return
        minutes, _ = Minutes.objects.get_or_create(meeting=obj.meeting)
        if minutes.published_at is None:
            minutes.published_at = timezone.now()
            minutes.save(update_fields=["published_at"])

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        """A dated change into each status the recommendation has passed through."""
        path = {
            "proposed": [],
            "in_progress": ["in_progress"],
            "complete": ["in_progress", "complete"],
            "rejected": ["rejected"],
            "accepted": ["in_progress", "complete", "accepted"],
            "removed": ["rejected", "removed"],
        }[obj.status]
        StatusChange.objects.create(
            recommendation=obj, on=obj.meeting.date, to_status="proposed", at_meeting=obj.meeting
        )
        previous = "proposed"
        for n, status in enumerate(path, start=1):
            StatusChange.objects.create(
                recommendation=obj,
                on=date(2024, 10, n),
                from_status=previous,
                to_status=status,
                reason="Not needed" if status == "rejected" else "",
            )
            previous = status


class InProgressRecommendationFactory(ProposedRecommendationFactory):
    status = RecommendationStatus.IN_PROGRESS


class CompleteRecommendationFactory(ProposedRecommendationFactory):
    status = RecommendationStatus.COMPLETE


class RejectedRecommendationFactory(ProposedRecommendationFactory):
    status = RecommendationStatus.REJECTED


class AcceptedRecommendationFactory(ProposedRecommendationFactory):
    status = RecommendationStatus.ACCEPTED


class RemovedRecommendationFactory(ProposedRecommendationFactory):
    status = RecommendationStatus.REMOVED


class ExecutiveRecommendationFactory(ProposedRecommendationFactory):
    addressee_kind = AddresseeKind.CABINET_MEMBER
    addressee = "Cabinet Member for Children and Learning"
    referred_on = date(2024, 9, 30)
    response_due = date(2024, 11, 30)
