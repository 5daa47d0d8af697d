"""Reads of the questions members put to report authors before a meeting: the asker sees
their own, the panel (members and officers) those circulated, the author and officers all of
them. Nobody else, and never the public."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.access import can_view, exempt_scope
from scrutiny.members.models import Question
from scrutiny.members.services import may_answer


def is_panel_reader(user: Any, item: AgendaItem) -> bool:
    return can_view(user, item) and exempt_scope(user).covers(
        item.meeting.panel_id, item.meeting_id
    )


def visible_questions(user: Any, item: AgendaItem) -> list[Question]:
    if not getattr(user, "is_authenticated", False):
        return []
    questions = Question.objects.filter(item=item).select_related("asked_by__person", "answered_by")
    if may_answer(user, item):
        return list(questions)
    if not is_panel_reader(user, item):
        return []
    return list(questions.filter(Q(asked_by=user) | Q(circulate=True)))


def meeting_questions(user: Any, meeting: Meeting) -> dict[int, list[Question]]:
    """Questions beside each item of the meeting, as this user may see them (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    items = list(meeting.agenda_items.select_related("report_author", "meeting"))
    answerable = {i.pk for i in items if may_answer(user, i)}
    readable = {i.pk for i in items if is_panel_reader(user, i)} | answerable
    if not readable:
        return {}
    rows = Question.objects.filter(item_id__in=readable).select_related("asked_by__person")
    found: dict[int, list[Question]] = {}
    for question in rows.order_by("item__number", "asked_at", "pk"):
        mine = question.asked_by_id == user.pk
        if question.item_id in answerable or mine or question.circulate:
            found.setdefault(question.item_id, []).append(question)
    return found


def asker_name(question: Question) -> str:
    person = getattr(question.asked_by, "person", None)
    return person.display_name if person is not None else question.asked_by.get_username()
