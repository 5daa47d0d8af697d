"""Every change to recommendations: atomic, validated against the workflow, and audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.committees.models import Meeting, Person
from scrutiny.core import evidence
from scrutiny.core.access import can_edit
from scrutiny.core.actors import Actor, Refused, require_officer, require_signed_in, user_of
from scrutiny.core.audit import audit_record
from scrutiny.core.dates import add_months
from scrutiny.core.versioning import claim_version
from scrutiny.minutes.models import Resolution
from scrutiny.recommendations.models import (
    EXECUTIVE_KINDS,
    PANEL_DECISIONS,
    RECOMMENDATION_WORKFLOW,
    ActionUpdate,
    AddresseeKind,
    EvidenceLink,
    Recommendation,
    RecommendationMove,
    RecommendationStatus,
    StatusChange,
)

S = RecommendationStatus


def _actor_user(actor: Actor):
    return user_of(actor)


@transaction.atomic
def recommendation_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    action_proposed: str,
    addressee_kind: str,
    addressee: str,
    resolution: Resolution | None = None,
    number: int | None = None,
    lead_officer: Person | None = None,
    due_date: date | None = None,
    target_meeting: Meeting | None = None,
    referred_on: date | None = None,
) -> Recommendation:
    require_officer(actor)
    errors = {}
    if meeting.date > timezone.localdate():
        errors["meeting"] = "A recommendation is made at a meeting that has taken place."
    if not title.strip():
        errors["title"] = "Enter the item title."
    if not action_proposed.strip():
        errors["action_proposed"] = "Enter the action proposed."
    if addressee_kind not in AddresseeKind.values:
        errors["addressee_kind"] = "Choose who the recommendation is addressed to."
    if not addressee.strip():
        errors["addressee"] = "Name the service, executive member or partner it is addressed to."
    if resolution is not None and resolution.item.minutes.meeting_id != meeting.pk:
        errors["resolution"] = "That resolution was made at another meeting."
    if resolution is not None and Recommendation.objects.filter(resolution=resolution).exists():
        errors["resolution"] = "That resolution already has a recommendation."
    if due_date is not None and due_date < meeting.date:
        errors["due_date"] = "The due date cannot be before the meeting."
    if target_meeting is not None and target_meeting.date <= meeting.date:
        errors["target_meeting"] = "The target meeting must come after the meeting that made it."
    if errors:
        raise ValidationError(errors)
    title = title.strip()
    if number is None:
        number = (
            Recommendation.objects.filter(meeting=meeting, title=title).aggregate(m=Max("number"))[
                "m"
            ]
            or 0
        ) + 1
    elif Recommendation.objects.filter(meeting=meeting, title=title, number=number).exists():
        raise ValidationError({"number": f"Recommendation {number}) of this item already exists."})
    response_due = None
    if addressee_kind in EXECUTIVE_KINDS:
        referred_on = referred_on or meeting.date
        response_due = add_months(referred_on, 2)
    recommendation = Recommendation.objects.create(
        meeting=meeting,
        resolution=resolution,
        title=title,
        number=number,
        action_proposed=action_proposed.strip(),
        addressee_kind=addressee_kind,
        addressee=addressee.strip(),
        lead_officer=lead_officer,
        due_date=due_date,
        target_meeting=target_meeting,
        referred_on=referred_on if addressee_kind in EXECUTIVE_KINDS else None,
        response_due=response_due,
    )
    StatusChange.objects.create(
        recommendation=recommendation,
        on=meeting.date,
        to_status=S.PROPOSED,
        at_meeting=meeting,
        actor=_actor_user(actor),
    )
    audit_record(
        actor=actor,
        action="recommendations.recommendation_create",
        target=recommendation,
        to_state=S.PROPOSED,
    )
    return recommendation


@transaction.atomic
def recommendation_transition(
    *,
    actor: Actor,
    recommendation: Recommendation,
    to: str,
    on: date | None = None,
    at_meeting: Meeting | None = None,
    reason: str = "",
    opened_version: int | None = None,
) -> Recommendation:
    """Move a recommendation along its declared workflow; anything else is refused.

    ``opened_version``: the version the officer's form showed; a change made since is not
    overwritten (``StaleEdit``).
    """
    require_officer(actor)
    recommendation = (
        Recommendation.objects.select_for_update()
        .select_related("meeting")
        .get(pk=recommendation.pk)
    )
    source = recommendation.status
    move = RecommendationMove(recommendation, at_meeting=at_meeting, on=on, reason=reason)
    RECOMMENDATION_WORKFLOW.check(source, to, what="recommendation", subject=move)
    if (source, to) in PANEL_DECISIONS and at_meeting is not None:
        on = on or at_meeting.date
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": "A change cannot be dated in the future."})
    last = recommendation.changes.aggregate(m=Max("on"))["m"]
    if last is not None and on < last:
        raise ValidationError(
            {"on": f"The change cannot be dated before the previous one ({last:%-d %B %Y})."}
        )
    StatusChange.objects.create(
        recommendation=recommendation,
        on=on,
        from_status=source,
        to_status=to,
        at_meeting=at_meeting,
        reason=reason.strip(),
        actor=_actor_user(actor),
    )
    recommendation.status = to
    claim_version(
        recommendation,
        opened=opened_version,
        actor=actor,
        what="recommendation",
        fields=["status"],
    )
    audit_record(
        actor=actor,
        action="recommendations.recommendation_transition",
        target=recommendation,
        from_state=source,
        to_state=to,
        data={
            "on": on.isoformat(),
            "at_meeting": at_meeting.pk if at_meeting else None,
            "reason": reason.strip(),
        },
    )
    return recommendation


def recommendation_accept(
    *, actor: Actor, recommendation: Recommendation, at_meeting: Meeting
) -> Recommendation:
    """The panel accepts a completed recommendation: it leaves the tracker after this meeting."""
    require_officer(actor)
    return recommendation_transition(
        actor=actor, recommendation=recommendation, to=S.ACCEPTED, at_meeting=at_meeting
    )


def recommendation_decline(
    *,
    actor: Actor,
    recommendation: Recommendation,
    at_meeting: Meeting,
    reason: str,
) -> Recommendation:
    """The panel does not accept a completed recommendation: it stays on the list, in progress."""
    require_officer(actor)
    return recommendation_transition(
        actor=actor,
        recommendation=recommendation,
        to=S.IN_PROGRESS,
        at_meeting=at_meeting,
        reason=reason,
    )


@transaction.atomic
def recommendation_log_action(
    *,
    actor: Actor,
    recommendation: Recommendation,
    text: str,
    on: date | None = None,
) -> ActionUpdate:
    """Add a dated entry to the action-taken log."""
    require_officer(actor)
    on = on or timezone.localdate()
    if not text.strip():
        raise ValidationError({"text": "Describe the action taken."})
    if on > timezone.localdate():
        raise ValidationError({"on": "The action cannot be dated in the future."})
    if on < recommendation.meeting.date:
        raise ValidationError(
            {"on": "The action cannot be dated before the recommendation was made."}
        )
    if recommendation.status in (S.ACCEPTED, S.REMOVED):
        raise ValidationError(
            "This recommendation has left the tracker; no further action is logged."
        )
    update = ActionUpdate.objects.create(
        recommendation=recommendation, on=on, text=text.strip(), actor=_actor_user(actor)
    )
    audit_record(
        actor=actor,
        action="recommendations.recommendation_log_action",
        target=recommendation,
        data={"update": update.pk, "on": on.isoformat()},
    )
    return update


@transaction.atomic
def recommendation_record_response(
    *,
    actor: Actor,
    recommendation: Recommendation,
    text: str,
    received_on: date,
    opened_version: int | None = None,
) -> Recommendation:
    """The executive's response under s.9FE of the Local Government Act 2000."""
    require_officer(actor)
    if not recommendation.has_response_duty:
        raise ValidationError(
            "Only a recommendation to the executive or a Cabinet Member has a formal response."
        )
    if not text.strip():
        raise ValidationError({"text": "Enter the executive's response."})
    if received_on > timezone.localdate() or received_on < (
        recommendation.referred_on or recommendation.meeting.date
    ):
        raise ValidationError(
            {"received_on": "The response date must be after referral and not in the future."}
        )
    recommendation.response_text, recommendation.response_received_on = text.strip(), received_on
    claim_version(
        recommendation,
        opened=opened_version,
        actor=actor,
        what="recommendation",
        fields=["response_text", "response_received_on"],
    )
    audit_record(
        actor=actor,
        action="recommendations.recommendation_record_response",
        target=recommendation,
        data={
            "received_on": received_on.isoformat(),
            "late": recommendation.response_due is not None
            and received_on > recommendation.response_due,
        },
    )
    return recommendation


def _require_officer_or_proposer(actor: Actor, recommendation: Recommendation) -> None:
    """Officers, and the member who proposed the recommendation, link it to evidence."""
    require_signed_in(actor)
    user = user_of(actor)
    if user is None or can_edit(user):
        require_officer(actor)
        return
    proposer = recommendation.proposed_by
    if proposer is None or proposer.user_id != user.pk:
        raise Refused("Only officers and the member who proposed it link it to evidence.")


@transaction.atomic
def recommendation_evidence_link(
    *, actor: Actor, recommendation: Recommendation, reference: str
) -> EvidenceLink:
    """Say which evidence the recommendation concerns (a reference checked by its owner)."""
    _require_officer_or_proposer(actor, recommendation)
    reference = (reference or "").strip()
    try:
        evidence.parse_reference(reference)
    except evidence.EvidenceError as error:
        raise ValidationError({"reference": str(error)}) from error
    if evidence.resolve(reference, user_of(actor)) is None:
        raise ValidationError({"reference": "That evidence does not exist."})
    if EvidenceLink.objects.filter(recommendation=recommendation, reference=reference).exists():
        raise ValidationError({"reference": "The recommendation is already linked to it."})
    link = EvidenceLink.objects.create(
        recommendation=recommendation, reference=reference, linked_by=user_of(actor)
    )
    audit_record(
        actor=actor,
        action="recommendations.recommendation_evidence_link",
        target=recommendation,
        data={"reference": reference},
    )
    return link


@transaction.atomic
def recommendation_evidence_unlink(*, actor: Actor, link: EvidenceLink) -> None:
    recommendation = link.recommendation
    _require_officer_or_proposer(actor, recommendation)
    reference = link.reference
    link.delete()
    audit_record(
        actor=actor,
        action="recommendations.recommendation_evidence_unlink",
        target=recommendation,
        data={"reference": reference},
    )
