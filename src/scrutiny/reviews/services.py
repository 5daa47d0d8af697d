"""Every change to the case reviews register: atomic, validated, authorised and audited.
The cases are written here; their recommendations in ``reviews.recommendation_services``,
named here too so that callers have one place to look.

Only partnership staff and officers write (``require_editor``). A change made from a form
carries the version the editor saw; if someone else saved the case in between, the change
is refused rather than overwriting theirs. No free text may carry a child's identifier.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.core.actors import Actor, require_editor
from scrutiny.core.audit import audit_record
from scrutiny.core.identifiers import normalise_reference, reference_problem
from scrutiny.core.models import ExemptCategory
from scrutiny.reviews.case_checks import REFUSAL, STALE
from scrutiny.reviews.case_checks import check_texts as _check_texts
from scrutiny.reviews.models import (
    CASE_WORKFLOW,
    DECISION_STATE,
    PARTNERSHIP_GROUP,
    CaseReview,
    CaseStatus,
    DecisionKind,
    LearningTheme,
    Partnership,
)
from scrutiny.reviews.recommendation_services import (
    review_recommendation_add,
    review_recommendation_update,
)

# Case details are exempt as information relating to an individual (Schedule 12A para 1).
DEFAULT_EXEMPT_CATEGORY = "1"


def _locked(case: CaseReview, expected_version: int | None) -> CaseReview:
    case = CaseReview.objects.select_for_update().select_related("partnership").get(pk=case.pk)
    if expected_version is not None and expected_version != case.version:
        raise ValidationError(STALE)
    return case


def _save(case: CaseReview, fields: list[str]) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version"])


def _move(case: CaseReview, target: str, *, actor: Actor, action: str, data: dict) -> None:
    previous = case.status
    CASE_WORKFLOW.check(previous, target, what="case", subject=case)
    case.status = target
    audit_record(
        actor=actor, action=action, target=case, from_state=previous, to_state=target, data=data
    )


def _record_and_move(
    case: CaseReview, target: str, *, actor: Actor, action: str, expected_version, **fields
) -> CaseReview:
    """Record the dates a move needs, then move: the guards read them before anything saves."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = _locked(case, expected_version)
    for name, value in fields.items():
        setattr(case, name, value)
    _move(case, target, actor=actor, action=action, data={k: str(v) for k, v in fields.items()})
    _save(case, [*fields, "status"])
    return case


@transaction.atomic
def case_review_create(
    *,
    actor: Actor,
    partnership: Partnership,
    reference: str,
    incident_date: date | None,
    aware_date: date | None,
    notification_date: date | None = None,
) -> CaseReview:
    """Open a case on referral; with a notification date, record the notification too."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    errors: dict[str, str] = {}
    problem = reference_problem(reference)
    if problem:
        errors["reference"] = problem
    elif CaseReview.objects.filter(reference=normalise_reference(reference)).exists():
        errors["reference"] = "A case with this reference is already on the register."
    if incident_date is None:
        errors["incident_date"] = "Enter the date of the incident."
    if aware_date is None:
        errors["aware_date"] = "Enter the date the local authority became aware."
    elif incident_date and aware_date < incident_date:
        errors["aware_date"] = "The local authority cannot have become aware before the incident."
    if errors or incident_date is None or aware_date is None:
        raise ValidationError(errors)
    case = CaseReview.objects.create(
        partnership=partnership,
        reference=normalise_reference(reference),
        incident_date=incident_date,
        aware_date=aware_date,
        exempt_category=ExemptCategory.objects.filter(code=DEFAULT_EXEMPT_CATEGORY).first(),
    )
    audit_record(
        actor=actor,
        action="reviews.case_review_create",
        target=case,
        to_state=case.status,
        data={"incident_date": str(incident_date), "aware_date": str(aware_date)},
    )
    if notification_date is not None:
        case = case_review_notify(actor=actor, case=case, notification_date=notification_date)
    return case


@transaction.atomic
def case_review_update_dates(
    *,
    actor: Actor,
    case: CaseReview,
    incident_date: date,
    aware_date: date,
    notification_date: date | None,
    expected_version: int | None = None,
) -> CaseReview:
    """Correct the dates of the incident, awareness and (once made) the notification."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = _locked(case, expected_version)
    errors: dict[str, str] = {}
    if aware_date < incident_date:
        errors["aware_date"] = "The local authority cannot have become aware before the incident."
    if case.status == CaseStatus.REFERRED and notification_date is not None:
        errors["notification_date"] = "Record the notification with its own action."
    if case.notification_date is not None and notification_date is None:
        errors["notification_date"] = "A recorded notification keeps its date."
    if notification_date is not None and notification_date < aware_date:
        errors["notification_date"] = (
            "The notification cannot be before the local authority became aware."
        )
    if errors:
        raise ValidationError(errors)
    before = {
        "incident_date": str(case.incident_date),
        "aware_date": str(case.aware_date),
        "notification_date": str(case.notification_date),
    }
    case.incident_date, case.aware_date = incident_date, aware_date
    case.notification_date = notification_date
    _save(case, ["incident_date", "aware_date", "notification_date"])
    audit_record(
        actor=actor,
        action="reviews.case_review_update_dates",
        target=case,
        data={"before": before, "after": {k: str(getattr(case, k)) for k in before}},
    )
    return case


@transaction.atomic
def case_review_notify(
    *, actor: Actor, case: CaseReview, notification_date: date | None, expected_version=None
) -> CaseReview:
    return _record_and_move(
        case,
        CaseStatus.NOTIFIED,
        actor=actor,
        action="reviews.case_review_notify",
        expected_version=expected_version,
        notification_date=notification_date,
    )


@transaction.atomic
def case_review_decide(
    *,
    actor: Actor,
    case: CaseReview,
    decision: str,
    decision_date: date | None,
    rapid_review_date: date | None = None,
    expected_version: int | None = None,
) -> CaseReview:
    """Record the decision: after the rapid review of a notified case, or on a referral."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = _locked(case, expected_version)
    if decision not in DecisionKind.values:
        raise ValidationError({"decision": "Choose the decision."})
    if case.status == CaseStatus.REFERRED and decision == DecisionKind.LCSPR:
        raise ValidationError(
            {"decision": "Record the serious incident notification and rapid review first."}
        )
    if case.status == CaseStatus.REFERRED and rapid_review_date is not None:
        raise ValidationError(
            {"rapid_review_date": "A rapid review follows a notification: record that first."}
        )
    case.decision, case.decision_date = decision, decision_date
    case.rapid_review_date = rapid_review_date
    _move(
        case,
        DECISION_STATE[DecisionKind(decision)],
        actor=actor,
        action="reviews.case_review_decide",
        data={
            "decision": decision,
            "decision_date": str(decision_date),
            "rapid_review_date": str(rapid_review_date),
        },
    )
    _save(case, ["decision", "decision_date", "rapid_review_date", "status"])
    return case


MILESTONE_STATES = (CaseStatus.LCSPR, CaseStatus.THEMATIC, CaseStatus.PUBLISHED, CaseStatus.CLOSED)


@transaction.atomic
def case_review_record_milestones(
    *,
    actor: Actor,
    case: CaseReview,
    commissioned_on: date | None,
    reviewer: str,
    draft_received_on: date | None,
    sent_to_national_panel_on: date | None,
    expected_version: int | None = None,
) -> CaseReview:
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = _locked(case, expected_version)
    if case.status not in MILESTONE_STATES:
        raise ValidationError("Milestones are recorded once a review has been decided on.")
    errors: dict[str, str] = {}
    _check_texts(errors, reviewer=reviewer)
    ordered = [
        ("commissioned_on", commissioned_on),
        ("draft_received_on", draft_received_on),
        ("sent_to_national_panel_on", sent_to_national_panel_on),
    ]
    floor, floor_label = case.decision_date, "the decision"
    for field, value in ordered:
        if value is None:
            continue
        if floor is not None and value < floor:
            errors[field] = f"This date cannot be before {floor_label} ({floor:%-d %B %Y})."
        floor, floor_label = value, field.replace("_on", "").replace("_", " ")
    if errors:
        raise ValidationError(errors)
    case.commissioned_on, case.reviewer = commissioned_on, reviewer.strip()
    case.draft_received_on = draft_received_on
    case.sent_to_national_panel_on = sent_to_national_panel_on
    fields = ["commissioned_on", "reviewer", "draft_received_on", "sent_to_national_panel_on"]
    _save(case, fields)
    audit_record(
        actor=actor,
        action="reviews.case_review_record_milestones",
        target=case,
        data={f: str(getattr(case, f)) for f in fields if f != "reviewer"},
    )
    return case


@transaction.atomic
def case_review_publish(
    *,
    actor: Actor,
    case: CaseReview,
    published_on: date | None,
    publication_url: str,
    expected_version: int | None = None,
) -> CaseReview:
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    errors: dict[str, str] = {}
    _check_texts(errors, publication_url=publication_url)
    if publication_url and not publication_url.startswith(("https://", "http://")):
        errors["publication_url"] = "Enter the web address, starting https://"
    if errors:
        raise ValidationError(errors)
    return _record_and_move(
        case,
        CaseStatus.PUBLISHED,
        actor=actor,
        action="reviews.case_review_publish",
        expected_version=expected_version,
        published_on=published_on,
        publication_url=publication_url.strip(),
    )


@transaction.atomic
def case_review_close(
    *, actor: Actor, case: CaseReview, closed_on: date | None, expected_version: int | None = None
) -> CaseReview:
    return _record_and_move(
        case,
        CaseStatus.CLOSED,
        actor=actor,
        action="reviews.case_review_close",
        expected_version=expected_version,
        closed_on=closed_on,
    )


@transaction.atomic
def case_review_set_themes(
    *, actor: Actor, case: CaseReview, themes: Iterable[str], expected_version: int | None = None
) -> CaseReview:
    """Set the learning themes, adding any new theme to the shared list."""
    require_editor(actor, PARTNERSHIP_GROUP, REFUSAL)
    case = _locked(case, expected_version)
    names = sorted({" ".join(t.split()) for t in themes if t.strip()})
    errors: dict[str, str] = {}
    for name in names:
        _check_texts(errors, themes=name)
        if len(name) > 120:
            errors["themes"] = "Keep each theme to 120 characters."
    if errors:
        raise ValidationError(errors)
    chosen = []
    for name in names:
        theme = LearningTheme.objects.filter(name__iexact=name).first()
        chosen.append(theme or LearningTheme.objects.create(name=name))
    case.themes.set(chosen)
    _save(case, [])
    audit_record(
        actor=actor,
        action="reviews.case_review_set_themes",
        target=case,
        data={"themes": [t.pk for t in chosen]},
    )
    return case


__all__ = [
    "DEFAULT_EXEMPT_CATEGORY",
    "REFUSAL",
    "STALE",
    "case_review_close",
    "case_review_create",
    "case_review_decide",
    "case_review_notify",
    "case_review_publish",
    "case_review_record_milestones",
    "case_review_set_themes",
    "case_review_update_dates",
    "review_recommendation_add",
    "review_recommendation_update",
]
