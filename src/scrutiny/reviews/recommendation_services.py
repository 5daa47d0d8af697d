"""Changes to the recommendations of a case review: atomic, validated, authorised and
audited, as the cases are (``reviews.services``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.core.actors import Actor, require_editor
from scrutiny.core.audit import audit_record
from scrutiny.reviews.case_checks import REFUSAL, STALE, check_texts
from scrutiny.reviews.models import (
    ACTION_WORKFLOW,
    PARTNERSHIP_GROUP,
    ActionStatus,
    CaseReview,
    CaseStatus,
    ReviewRecommendation,
)


def _recommendation_errors(text: str, owning_agency: str, **more: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not text.strip():
        errors["text"] = "Enter the recommendation."
    if not owning_agency.strip():
        errors["owning_agency"] = "Enter the agency that owns the recommendation."
    check_texts(errors, text=text, owning_agency=owning_agency, **more)
    return errors


@transaction.atomic
def review_recommendation_add(
    *,
    actor: Actor,
    case: CaseReview,
    text: str,
    owning_agency: str,
    recorded_on: date,
    action: str = "",
) -> ReviewRecommendation:
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = CaseReview.objects.select_for_update().get(pk=case.pk)
    if case.status in (CaseStatus.REFERRED, CaseStatus.NOTIFIED):
        raise ValidationError("Recommendations follow the decision on the case.")
    errors = _recommendation_errors(text, owning_agency, action=action)
    if errors:
        raise ValidationError(errors)
    number = (
        case.recommendations.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    recommendation = ReviewRecommendation.objects.create(
        case=case,
        number=number,
        text=text.strip(),
        owning_agency=owning_agency.strip(),
        action=action.strip(),
        recorded_on=recorded_on,
    )
    audit_record(
        actor=actor,
        action="reviews.review_recommendation_add",
        target=recommendation,
        to_state=recommendation.status,
        data={"case": case.pk, "recorded_on": str(recorded_on)},
    )
    return recommendation


def _locked_recommendation(recommendation, expected_version) -> ReviewRecommendation:
    locked = ReviewRecommendation.objects.select_for_update().get(pk=recommendation.pk)
    if expected_version is not None and expected_version != locked.version:
        raise ValidationError(STALE.replace("case", "recommendation"))
    return locked


@transaction.atomic
def review_recommendation_update(
    *,
    actor: Actor,
    recommendation: ReviewRecommendation,
    text: str,
    owning_agency: str,
    action: str,
    evidence_of_impact: str,
    to: str | None = None,
    completed_on: date | None = None,
    expected_version: int | None = None,
) -> ReviewRecommendation:
    """Change the wording, action or evidence; with ``to``, move its status too."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    item = _locked_recommendation(recommendation, expected_version)
    errors = _recommendation_errors(
        text, owning_agency, action=action, evidence_of_impact=evidence_of_impact
    )
    if errors:
        raise ValidationError(errors)
    item.text, item.owning_agency = text.strip(), owning_agency.strip()
    item.action, item.evidence_of_impact = action.strip(), evidence_of_impact.strip()
    previous = item.status
    if to and to != previous:
        item.completed_on = completed_on if to == ActionStatus.COMPLETE else None
        ACTION_WORKFLOW.check(previous, to, what="recommendation", subject=item)
        item.status = to
    item.version += 1
    item.save()
    audit_record(
        actor=actor,
        action="reviews.review_recommendation_update",
        target=item,
        from_state=previous,
        to_state=item.status,
        data={"completed_on": str(item.completed_on)} if item.completed_on else None,
    )
    return item
