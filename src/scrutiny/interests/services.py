"""Every change to a register of interests: atomic, validated, authorised and audited.

A member notifies a change (a submission); an officer accepts it onto the register or declines
it. An officer may also register an interest for a member directly: that is a submission
accepted in the same transaction, so the register's history has one shape.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import Person
from scrutiny.core.access import can_edit
from scrutiny.core.actors import Actor, Refused, is_system, require_officer, user_of
from scrutiny.core.audit import audit_record
from scrutiny.interests.models import (
    SUBMISSION_WORKFLOW,
    ChangeKind,
    Interest,
    InterestCategory,
    InterestSubmission,
    SubmissionStatus,
)

OFFICERS_ONLY = "Only democratic services officers change the register of interests."


def require_member_or_officer(actor: Actor, person: Person) -> None:
    """The member whose register it is, an officer, or the system; else Refused."""
    if is_system(actor):
        return
    user = user_of(actor)
    if user is not None and (can_edit(user) or person.user_id == user.pk):
        return
    raise Refused("Members notify changes to their own register only.")


@transaction.atomic
def interest_submission_create(
    *,
    actor: Actor,
    person: Person,
    change: str,
    arose_on: date | None,
    category: str = "",
    description: str = "",
    is_sensitive: bool = False,
    interest: Interest | None = None,
) -> InterestSubmission:
    """A member notifies a new interest, a change to one, or one that has ended."""
    require_member_or_officer(actor, person)
    if person.kind not in (Person.Kind.COUNCILLOR, Person.Kind.APPOINTED):
        raise ValidationError("Only councillors and appointed members have a register.")
    if change not in ChangeKind.values:
        raise ValidationError({"change": f"Unknown kind of change: {change}"})
    if arose_on is None:
        raise ValidationError({"arose_on": "Enter the date, for example 1/5/2024."})
    if arose_on > timezone.localdate():
        raise ValidationError({"arose_on": "The date cannot be in the future."})
    if change in (ChangeKind.CHANGE, ChangeKind.END):
        if interest is None or interest.person_id != person.pk:
            raise ValidationError({"interest": "Choose an entry on this member's register."})
        if not interest.is_current:
            raise ValidationError({"interest": "That entry has already ended."})
        if arose_on < interest.arose_on:
            raise ValidationError({"arose_on": "The date cannot be before the entry began."})
    if change == ChangeKind.END:
        assert interest is not None  # checked above
        category, description, is_sensitive = interest.category, interest.description, False
    else:
        if category not in InterestCategory.values:
            raise ValidationError({"category": "Choose the category of the interest."})
        if not description.strip():
            raise ValidationError({"description": "Describe the interest."})
    submission = InterestSubmission.objects.create(
        person=person,
        change=change,
        interest=interest,
        category=category,
        description=description.strip(),
        is_sensitive=is_sensitive,
        arose_on=arose_on,
        submitted_by=user_of(actor),
    )
    audit_record(
        actor=actor,
        action="interests.interest_submission_create",
        target=submission,
        to_state=submission.status,
        data={"person": person.pk, "change": change},
    )
    return submission


def _lock(submission: InterestSubmission) -> InterestSubmission:
    return (
        # Only the submission's row: the entry it changes may be absent (an outer join).
        InterestSubmission.objects.select_for_update(of=("self",))
        .select_related("person", "interest")
        .get(pk=submission.pk)
    )


@transaction.atomic
def interest_submission_accept(
    *, actor: Actor, submission: InterestSubmission, note: str = ""
) -> Interest:
    """Put a notified change on the register; the entry it changes or ends is kept, ended."""
    require_officer(actor, OFFICERS_ONLY)
    submission = _lock(submission)
    SUBMISSION_WORKFLOW.check(submission.status, SubmissionStatus.ACCEPTED, what="submission")
    today = timezone.localdate()
    old = submission.interest
    if old is not None:
        old = Interest.objects.select_for_update().get(pk=old.pk)
        if not old.is_current:
            raise ValidationError("The entry this changes has ended since it was submitted.")
    if submission.change == ChangeKind.END:
        assert old is not None
        old.ended_on = submission.arose_on
        old.save(update_fields=["ended_on"])
        result = old
    else:
        if old is not None:
            old.ended_on = submission.arose_on
            old.save(update_fields=["ended_on"])
        result = Interest.objects.create(
            person=submission.person,
            category=submission.category,
            description=submission.description,
            is_sensitive=submission.is_sensitive,
            arose_on=submission.arose_on,
            registered_on=today,
            replaces=old,
        )
    submission.status = SubmissionStatus.ACCEPTED
    submission.decided_at, submission.decided_by = timezone.now(), user_of(actor)
    submission.decision_note, submission.result = note.strip(), result
    submission.save(update_fields=["status", "decided_at", "decided_by", "decision_note", "result"])
    audit_record(
        actor=actor,
        action="interests.interest_submission_accept",
        target=submission,
        from_state=SubmissionStatus.PENDING,
        to_state=SubmissionStatus.ACCEPTED,
        data={"interest": result.pk, "late": submission.due_on < submission.submitted_at.date()},
    )
    return result


@transaction.atomic
def interest_submission_decline(
    *, actor: Actor, submission: InterestSubmission, note: str
) -> InterestSubmission:
    require_officer(actor, OFFICERS_ONLY)
    submission = _lock(submission)
    SUBMISSION_WORKFLOW.check(submission.status, SubmissionStatus.DECLINED, what="submission")
    if not note.strip():
        raise ValidationError({"note": "Tell the member why the change was declined."})
    submission.status = SubmissionStatus.DECLINED
    submission.decided_at, submission.decided_by = timezone.now(), user_of(actor)
    submission.decision_note = note.strip()
    submission.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    audit_record(
        actor=actor,
        action="interests.interest_submission_decline",
        target=submission,
        from_state=SubmissionStatus.PENDING,
        to_state=SubmissionStatus.DECLINED,
    )
    return submission


@transaction.atomic
def interest_register(
    *,
    actor: Actor,
    person: Person,
    category: str,
    description: str,
    arose_on: date | None,
    is_sensitive: bool = False,
    note: str = "",
) -> Interest:
    """An officer records an interest directly (for example one declared at a meeting)."""
    require_officer(actor, OFFICERS_ONLY)
    submission = interest_submission_create(
        actor=actor,
        person=person,
        change=ChangeKind.ADD,
        arose_on=arose_on,
        category=category,
        description=description,
        is_sensitive=is_sensitive,
    )
    return interest_submission_accept(actor=actor, submission=submission, note=note)
