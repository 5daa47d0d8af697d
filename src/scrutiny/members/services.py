"""Every write of the members' side: keyword-only, atomic, authorised and audited."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting, Membership, Substitution
from scrutiny.core.access import Role, can_edit, can_view, exempt_scope, role_for
from scrutiny.core.actors import (
    Actor,
    Refused,
    is_system,
    require_officer,
    require_signed_in,
    user_of,
)
from scrutiny.core.audit import audit_record
from scrutiny.core.models import Council
from scrutiny.core.signals import question_answered, question_asked
from scrutiny.documents.models import Document
from scrutiny.members import briefing as briefings
from scrutiny.members.models import Briefing, HomeVisit, PrivateNote, Question
from scrutiny.members.paragraphs import paper_parts

# Views within this time of the last one are the same visit: reloading the page keeps the
# papers marked new until the member comes back another time.
SAME_VISIT = timedelta(hours=1)


@transaction.atomic
def home_visit_record(*, actor: Actor) -> HomeVisit:
    """Note that the member opened "My meetings" now (papers since the previous visit are new)."""
    require_signed_in(actor)
    user = user_of(actor)
    if user is None:
        raise Refused("Only a signed-in member has visits.")
    now = timezone.now()
    visit, created = HomeVisit.objects.select_for_update().get_or_create(
        user=user, defaults={"latest_at": now}
    )
    if not created and now - visit.latest_at >= SAME_VISIT:
        visit.previous_at, visit.latest_at = visit.latest_at, now
        visit.save(update_fields=["previous_at", "latest_at"])
    elif not created:
        return visit  # the same visit: nothing changes, nothing to audit
    audit_record(actor=actor, action="members.home_visit_record", target=visit)
    return visit


@transaction.atomic
def briefing_refresh(*, actor: Actor, meeting: Meeting) -> Briefing:
    """Compute the meeting's briefing again from the records (the worker's job, or an officer's)."""
    if not is_system(actor):
        require_officer(actor, "Only officers ask for a briefing to be computed again.")
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    computed = briefings.compute(meeting)
    row, created = Briefing.objects.update_or_create(
        meeting=meeting,
        defaults={
            "previous_meeting": computed.previous_meeting,
            "as_at": computed.as_at,
            "report_month": computed.report_month,
            "previous_report_month": computed.previous_report_month,
            "lines": [line.as_data() for line in computed.lines],
            "generated_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="members.briefing_refresh",
        target=row,
        to_state="created" if created else "refreshed",
        data={"lines": len(computed.lines), "as_at": computed.as_at.isoformat()},
    )
    return row


# --- private notes ------------------------------------------------------------------------
# The audit log records that a note was saved or deleted, by whom and on which paper, never
# its text or the passage it quotes (officers read the log).


def _note_owner(actor: Actor):
    require_signed_in(actor)
    user = user_of(actor)
    if user is None or role_for(user) is not Role.MEMBER:
        raise Refused("Private notes are for councillors and appointed members of a panel.")
    return user


@transaction.atomic
def note_save(
    *,
    actor: Actor,
    document: Document,
    anchor: str,
    position: int,
    text: str = "",
    highlight: bool = False,
    note: PrivateNote | None = None,
) -> PrivateNote:
    """Add (or change) the member's own note on a paragraph or page of a paper they may read."""
    user = _note_owner(actor)
    if not can_view(user, document):
        raise Refused("You cannot annotate a paper you may not read.")
    text = text.strip()
    if not text and not highlight:
        raise ValidationError({"text": "Write a note, or highlight the passage, or both."})
    if note is not None:
        if note.owner_id != user.pk or note.document_id != document.pk:
            raise Refused("That is not your note.")
        note.text, note.highlight, note.updated_at = text, highlight, timezone.now()
        note.save(update_fields=["text", "highlight", "updated_at"])
    else:
        part = next(
            (p for p in paper_parts(document) if p.kind == anchor and p.position == position),
            None,
        )
        if part is None:
            raise ValidationError({"text": "That paragraph or page is not in the paper."})
        note = PrivateNote.objects.create(
            owner=user,
            document=document,
            version=document.version,
            anchor=anchor,
            position=position,
            quote=part.text,
            fingerprint=part.fingerprint,
            highlight=highlight,
            text=text,
        )
    audit_record(
        actor=actor,
        action="members.note_save",
        target=note,
        data={"document": document.pk, "version": note.version},
    )
    return note


@transaction.atomic
def note_delete(*, actor: Actor, note: PrivateNote) -> None:
    user = _note_owner(actor)
    if note.owner_id != user.pk:
        raise Refused("That is not your note.")
    audit_record(actor=actor, action="members.note_delete", target=note)
    note.delete()


@transaction.atomic
def notes_delete_mine(*, actor: Actor) -> int:
    """Delete every note of the signed-in member (on request)."""
    user = _note_owner(actor)
    visit = HomeVisit.objects.get_or_create(user=user)[0]
    count, _ = PrivateNote.objects.filter(owner=user).delete()
    audit_record(
        actor=actor, action="members.notes_delete_mine", target=visit, data={"notes": count}
    )
    return count


@transaction.atomic
def notes_purge_departed(*, actor: Actor, today: date | None = None) -> int:
    """Delete notes on papers of panels their owner left more than the retention period ago
    (``SCRUTINY_NOTES_RETENTION_DAYS``), unless they sit on that panel again."""
    if not is_system(actor):
        require_officer(actor)
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.SCRUTINY_NOTES_RETENTION_DAYS)
    # When each member's seat on each panel ends (None: sits on it now); a substitute's
    # "seat" ends on the day of the meeting they sat for.
    ends: dict[tuple[int, int], date | None] = {}
    seats = list(Membership.objects.values_list("person__user_id", "seat__panel_id", "end_date"))
    seats += list(
        Substitution.objects.values_list(
            "substitute__user_id", "meeting__panel_id", "meeting__date"
        )
    )
    for user_id, panel_id, end in seats:
        key = (user_id, panel_id)
        if key in ends and ends[key] is None:
            continue
        ends[key] = None if end is None else max(end, ends.get(key) or end)
    doomed = []
    notes = PrivateNote.objects.values_list("pk", "owner_id", "document__meeting__panel_id")
    for pk, owner_id, panel_id in notes:
        end = ends.get((owner_id, panel_id), cutoff)
        if end is not None and end <= cutoff:
            doomed.append(pk)
    count, _ = PrivateNote.objects.filter(pk__in=doomed).delete()
    if count:
        audit_record(
            actor=actor,
            action="members.notes_purge_departed",
            target=Council.load(),
            data={"notes": count, "left_before": cutoff.isoformat()},
        )
    return count


# --- questions before the meeting ---------------------------------------------------------


def may_answer(user, item: AgendaItem) -> bool:
    """Officers, and the report's author when they have a sign-in."""
    author = item.report_author
    return can_edit(user) or (
        author is not None and author.user_id is not None and author.user_id == user.pk
    )


@transaction.atomic
def question_ask(*, actor: Actor, item: AgendaItem, text: str, circulate: bool = False) -> Question:
    """A panel member asks the report's author a question on an item before the meeting."""
    user = _note_owner(actor)
    item = AgendaItem.objects.select_related("meeting__panel", "report_author").get(pk=item.pk)
    if not can_view(user, item) or not exempt_scope(user).covers(
        item.meeting.panel_id, item.meeting_id
    ):
        raise Refused("Only members of the panel ask questions on its items.")
    if item.meeting.has_been_held or item.meeting.date < timezone.localdate():
        raise ValidationError({"text": "Questions are asked before the meeting."})
    text = text.strip()
    if not text:
        raise ValidationError({"text": "Write your question."})
    question = Question.objects.create(item=item, asked_by=user, text=text, circulate=circulate)
    audit_record(
        actor=actor,
        action="members.question_ask",
        target=question,
        to_state="circulated" if circulate else "private",
    )
    question_asked.send(sender=Question, question=question)
    return question


@transaction.atomic
def question_answer(*, actor: Actor, question: Question, answer: str) -> Question:
    """The report's author (or an officer) records the answer."""
    require_signed_in(actor)
    user = user_of(actor)
    question = Question.objects.select_for_update().get(pk=question.pk)
    item = AgendaItem.objects.select_related("report_author", "meeting").get(pk=question.item_id)
    if user is None or not may_answer(user, item):
        raise Refused("Only the report's author or an officer answers questions on it.")
    answer = answer.strip()
    if not answer:
        raise ValidationError({"answer": "Write the answer."})
    first = question.answered_at is None
    question.answer, question.answered_by, question.answered_at = answer, user, timezone.now()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    audit_record(
        actor=actor,
        action="members.question_answer",
        target=question,
        to_state="answered" if first else "answer changed",
    )
    question_answered.send(sender=Question, question=question)
    return question
