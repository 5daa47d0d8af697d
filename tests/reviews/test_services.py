"""Each stage through its service: guards beside the transitions, audit, authority, versions."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scrutiny.core.audit import audit_trail
from scrutiny.core.workflow import TransitionNotAllowed
from scrutiny.reviews import services
from scrutiny.reviews.models import CASE_WORKFLOW, ActionStatus, CaseStatus, DecisionKind
from tests.reviews.factories import CaseReviewFactory, PartnershipFactory, partnership_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return partnership_staff()


def notified(staff, reference="RR-2024-01"):
    return services.case_review_create(
        actor=staff,
        partnership=PartnershipFactory(),
        reference=reference,
        incident_date=date(2024, 5, 20),
        aware_date=date(2024, 5, 23),
        notification_date=date(2024, 5, 31),
    )


def test_a_case_goes_from_notification_to_closure_and_every_step_is_audited(staff):
    case = notified(staff)
    assert case.status == CaseStatus.NOTIFIED
    case = services.case_review_decide(
        actor=staff,
        case=case,
        decision=DecisionKind.LCSPR,
        decision_date=date(2024, 6, 21),
        rapid_review_date=date(2024, 6, 19),
    )
    assert case.status == CaseStatus.LCSPR
    case = services.case_review_record_milestones(
        actor=staff,
        case=case,
        commissioned_on=date(2024, 7, 1),
        reviewer="A reviewer",
        draft_received_on=date(2025, 1, 6),
        sent_to_national_panel_on=date(2025, 2, 3),
    )
    case = services.case_review_publish(
        actor=staff,
        case=case,
        published_on=date(2025, 3, 3),
        publication_url="https://example.org/review",
    )
    item = services.review_recommendation_add(
        actor=staff,
        case=case,
        text="Share the learning.",
        owning_agency="Police",
        recorded_on=date(2025, 3, 3),
    )
    with pytest.raises(ValidationError, match="1 recommendation"):
        services.case_review_close(actor=staff, case=case, closed_on=date(2025, 9, 1))
    with pytest.raises(ValidationError, match="evidence that the action made a difference"):
        services.review_recommendation_update(
            actor=staff,
            recommendation=item,
            text=item.text,
            owning_agency="Police",
            action="Briefings held.",
            evidence_of_impact="",
            to=ActionStatus.COMPLETE,
            completed_on=date(2025, 6, 2),
        )
    services.review_recommendation_update(
        actor=staff,
        recommendation=item,
        text=item.text,
        owning_agency="Police",
        action="Briefings held.",
        evidence_of_impact="Audit found it in use.",
        to=ActionStatus.COMPLETE,
        completed_on=date(2025, 6, 2),
    )
    case = services.case_review_close(actor=staff, case=case, closed_on=date(2025, 9, 1))
    assert case.status == CaseStatus.CLOSED
    actions = [e.action for e in audit_trail(case)]
    assert actions[::-1] == [
        "reviews.case_review_create",
        "reviews.case_review_notify",
        "reviews.case_review_decide",
        "reviews.case_review_record_milestones",
        "reviews.case_review_publish",
        "reviews.case_review_close",
    ]
    assert all(e.actor == staff for e in audit_trail(case))


def test_publication_is_refused_until_its_guards_are_met(staff):
    case = notified(staff)
    case = services.case_review_decide(
        actor=staff,
        case=case,
        decision=DecisionKind.LCSPR,
        decision_date=date(2024, 6, 21),
        rapid_review_date=date(2024, 6, 19),
    )
    with pytest.raises(ValidationError) as error:
        services.case_review_publish(
            actor=staff, case=case, published_on=date(2025, 3, 3), publication_url=""
        )
    assert "commissioned" in str(error.value) and "address" in str(error.value)
    case.refresh_from_db()
    assert (case.status, case.published_on) == (CaseStatus.LCSPR, None)


def test_a_rapid_review_needs_its_date_and_cannot_precede_the_notification(staff):
    case = notified(staff)
    with pytest.raises(ValidationError, match="date of the rapid review"):
        services.case_review_decide(
            actor=staff,
            case=case,
            decision=DecisionKind.NO_FURTHER_REVIEW,
            decision_date=date(2024, 6, 21),
        )
    with pytest.raises(ValidationError, match="before the notification"):
        services.case_review_decide(
            actor=staff,
            case=case,
            decision=DecisionKind.NO_FURTHER_REVIEW,
            decision_date=date(2024, 6, 21),
            rapid_review_date=date(2024, 5, 30),
        )


def test_a_referral_that_was_not_notified_cannot_become_a_practice_review(staff):
    case = CaseReviewFactory()
    with pytest.raises(ValidationError, match="notification and rapid review first"):
        services.case_review_decide(
            actor=staff, case=case, decision=DecisionKind.LCSPR, decision_date=date(2024, 6, 3)
        )
    case = services.case_review_decide(
        actor=staff, case=case, decision=DecisionKind.THEMATIC, decision_date=date(2024, 6, 3)
    )
    assert case.status == CaseStatus.THEMATIC


ALLOWED = {(t.source, t.target) for t in CASE_WORKFLOW.transitions}


@pytest.mark.parametrize(
    "source", [s for s in CaseStatus.values if (s, CaseStatus.PUBLISHED) not in ALLOWED]
)
def test_undeclared_moves_to_published_are_refused_naming_both_states(staff, source):
    case = CaseReviewFactory(status=source)
    with pytest.raises(TransitionNotAllowed, match="cannot go from"):
        services.case_review_publish(
            actor=staff,
            case=case,
            published_on=date(2025, 1, 6),
            publication_url="https://example.org/",
        )


def test_someone_outside_the_partnership_cannot_write(outsider, officer):
    case = CaseReviewFactory()
    with pytest.raises(PermissionDenied):
        services.case_review_notify(actor=outsider, case=case, notification_date=date(2024, 5, 24))
    services.case_review_notify(actor=officer, case=case, notification_date=date(2024, 5, 24))


def test_a_stale_edit_is_refused_instead_of_overwriting(staff):
    case = CaseReviewFactory()
    seen = case.version
    services.case_review_update_dates(
        actor=staff,
        case=case,
        incident_date=date(2024, 5, 19),
        aware_date=date(2024, 5, 23),
        notification_date=None,
        expected_version=seen,
    )
    with pytest.raises(ValidationError, match="Someone else changed this case"):
        services.case_review_update_dates(
            actor=staff,
            case=case,
            incident_date=date(2024, 5, 18),
            aware_date=date(2024, 5, 23),
            notification_date=None,
            expected_version=seen,
        )
    case.refresh_from_db()
    assert case.incident_date == date(2024, 5, 19)


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("A123456789012", "Unique Pupil Number"),
        ("943 476 5919", "NHS number"),
        ("9434765919", "NHS number"),
        ("DfEX0000001", "record identifier"),
        ("8520001234567", "record identifier"),
        ("Jane Smith", "name"),
        ("anything goes", "name"),
        ("RR 2024", "letters then numbers"),
    ],
)
def test_references_that_could_identify_a_child_are_refused_without_repeating_them(
    staff, reference, message
):
    with pytest.raises(ValidationError) as error:
        services.case_review_create(
            actor=staff,
            partnership=PartnershipFactory(),
            reference=reference,
            incident_date=date(2024, 5, 20),
            aware_date=date(2024, 5, 23),
        )
    text = " ".join(error.value.message_dict["reference"])
    assert message in text
    assert reference not in text and reference.replace(" ", "") not in text


def test_free_text_carrying_an_identifier_is_refused(staff):
    case = services.case_review_decide(
        actor=staff,
        case=CaseReviewFactory(),
        decision=DecisionKind.THEMATIC,
        decision_date=date(2024, 6, 3),
    )
    with pytest.raises(ValidationError, match="Unique Pupil Number"):
        services.review_recommendation_add(
            actor=staff,
            case=case,
            text="Follow up pupil A123456789012 at school.",
            owning_agency="Education",
            recorded_on=date(2024, 6, 3),
        )
    with pytest.raises(ValidationError, match="NHS number"):
        services.case_review_set_themes(actor=staff, case=case, themes=["Neglect 943 476 5919"])
    assert case.recommendations.count() == 0
