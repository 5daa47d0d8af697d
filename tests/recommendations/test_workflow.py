"""Every allowed transition works and is audited; every other one is refused with a message."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scrutiny.core.audit import audit_trail
from scrutiny.core.workflow import TransitionNotAllowed
from scrutiny.recommendations import services
from scrutiny.recommendations.models import RECOMMENDATION_WORKFLOW, RecommendationStatus
from tests.committees.factories import HeldMeetingFactory
from tests.recommendations import factories

pytestmark = pytest.mark.django_db
S = RecommendationStatus
FACTORY = {
    S.PROPOSED: factories.ProposedRecommendationFactory,
    S.IN_PROGRESS: factories.InProgressRecommendationFactory,
    S.COMPLETE: factories.CompleteRecommendationFactory,
    S.ACCEPTED: factories.AcceptedRecommendationFactory,
    S.REJECTED: factories.RejectedRecommendationFactory,
    S.REMOVED: factories.RemovedRecommendationFactory,
}
ALLOWED = {(t.source, t.target) for t in RECOMMENDATION_WORKFLOW.transitions}
REFUSED = [(a, b) for a in S.values for b in S.values if (a, b) not in ALLOWED]


def _arguments(recommendation, source, target):
    kwargs = {}
    if (source, target) in services.PANEL_DECISIONS:
        kwargs["at_meeting"] = HeldMeetingFactory(
            panel=recommendation.meeting.panel, date=date(2024, 11, 28)
        )
    if target in (S.REJECTED,) or (source, target) == (S.COMPLETE, S.IN_PROGRESS):
        kwargs["reason"] = "A reason"
    if "at_meeting" not in kwargs:
        kwargs["on"] = date(2024, 11, 1)
    return kwargs


def test_the_declared_lifecycle():
    assert {
        ("proposed", "in_progress"),
        ("proposed", "complete"),
        ("proposed", "rejected"),
        ("in_progress", "complete"),
        ("in_progress", "rejected"),
        ("complete", "accepted"),
        ("complete", "in_progress"),
        ("rejected", "removed"),
    } == ALLOWED


@pytest.mark.parametrize("source, target", sorted(ALLOWED))
def test_allowed_transition_is_made_dated_and_audited(source, target):
    recommendation = FACTORY[source]()
    kwargs = _arguments(recommendation, source, target)
    services.recommendation_transition(
        actor="tester", recommendation=recommendation, to=target, **kwargs
    )
    recommendation.refresh_from_db()
    assert recommendation.status == target
    change = recommendation.changes.order_by("-pk").first()
    assert (change.from_status, change.to_status) == (source, target)
    event = audit_trail(recommendation).get(action="recommendations.recommendation_transition")
    assert (event.from_state, event.to_state, event.actor_label) == (source, target, "tester")


@pytest.mark.parametrize("source, target", REFUSED)
def test_undeclared_transition_is_refused_with_a_clear_message(source, target):
    recommendation = FACTORY[source]()
    with pytest.raises(
        TransitionNotAllowed, match=f"cannot go from {S(source).label} to {S(target).label}"
    ):
        services.recommendation_transition(
            actor="tester",
            recommendation=recommendation,
            to=target,
            reason="r",
            at_meeting=HeldMeetingFactory(
                panel=recommendation.meeting.panel, date=date(2024, 11, 28)
            ),
        )
    recommendation.refresh_from_db()
    assert recommendation.status == source
    assert (
        not audit_trail(recommendation)
        .filter(action="recommendations.recommendation_transition")
        .exists()
    )


def test_panel_decisions_need_a_meeting_and_decline_needs_a_reason():
    recommendation = factories.CompleteRecommendationFactory()
    with pytest.raises(ValidationError, match="choose the meeting"):
        services.recommendation_transition(actor="t", recommendation=recommendation, to=S.ACCEPTED)
    meeting = HeldMeetingFactory(panel=recommendation.meeting.panel, date=date(2024, 11, 28))
    with pytest.raises(ValidationError, match="reason for not accepting"):
        services.recommendation_decline(
            actor="t", recommendation=recommendation, at_meeting=meeting, reason=""
        )
    other_panel = HeldMeetingFactory(date=date(2024, 11, 28))
    with pytest.raises(ValidationError, match="Only the panel"):
        services.recommendation_accept(
            actor="t", recommendation=recommendation, at_meeting=other_panel
        )
    services.recommendation_decline(
        actor="t",
        recommendation=recommendation,
        at_meeting=meeting,
        reason="The audit has not been shared yet.",
    )
    recommendation.refresh_from_db()
    assert recommendation.status == S.IN_PROGRESS
    assert recommendation.changes.last().reason == "The audit has not been shared yet."


def test_rejection_needs_the_addressees_reason_and_removal_a_meeting():
    recommendation = factories.InProgressRecommendationFactory()
    with pytest.raises(ValidationError, match="addressee's reason"):
        services.recommendation_transition(actor="t", recommendation=recommendation, to=S.REJECTED)
    services.recommendation_transition(
        actor="t",
        recommendation=recommendation,
        to=S.REJECTED,
        reason="Not affordable",
        on=date(2024, 11, 1),
    )
    with pytest.raises(ValidationError, match="choose the meeting"):
        services.recommendation_transition(actor="t", recommendation=recommendation, to=S.REMOVED)


def test_changes_cannot_go_back_in_time_or_into_the_future():
    recommendation = factories.InProgressRecommendationFactory()
    with pytest.raises(ValidationError, match="before the previous one"):
        services.recommendation_transition(
            actor="t", recommendation=recommendation, to=S.COMPLETE, on=date(2024, 9, 1)
        )
    with pytest.raises(ValidationError, match="future"):
        services.recommendation_transition(
            actor="t", recommendation=recommendation, to=S.COMPLETE, on=date(2999, 1, 1)
        )


def test_the_decision_guards_are_declared_with_the_transitions_and_name_their_fields():
    from scrutiny.recommendations.models import decided_at_a_meeting

    decisions = {
        (t.source, t.target)
        for t in RECOMMENDATION_WORKFLOW.transitions
        if decided_at_a_meeting in t.guards
    }
    assert (
        decisions
        == services.PANEL_DECISIONS
        == {
            (S.COMPLETE, S.ACCEPTED),
            (S.COMPLETE, S.IN_PROGRESS),
            (S.REJECTED, S.REMOVED),
        }
    )
    recommendation = factories.CompleteRecommendationFactory()
    with pytest.raises(ValidationError) as refused:
        services.recommendation_transition(
            actor="t", recommendation=recommendation, to=S.IN_PROGRESS, reason=" "
        )
    # Both of the decision's problems, each against the field a form shows it beside.
    assert set(refused.value.message_dict) == {"at_meeting", "reason"}
    meeting = HeldMeetingFactory(panel=recommendation.meeting.panel, date=date(2024, 11, 28))
    with pytest.raises(ValidationError) as refused:
        services.recommendation_transition(
            actor="t",
            recommendation=recommendation,
            to=S.ACCEPTED,
            at_meeting=meeting,
            on=date(2024, 11, 27),
        )
    assert refused.value.message_dict == {
        "on": ["A panel decision is dated on the day of its meeting."]
    }
