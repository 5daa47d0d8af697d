"""The members' section of a paper's page: the reader's own notes on it (nobody else's)."""

from __future__ import annotations

from django.urls import reverse

from scrutiny.core.access import can_edit
from scrutiny.members import notes


def document_section(request, document):
    if not notes.may_annotate(request.user, document):
        return None
    count = notes.own_notes(request.user, document).count()
    return "members/sections/document_notes.html", {"document": document, "count": count}


def meeting_section(request, meeting):
    """Questions before the meeting, beside each item, for the panel and the authors only."""
    from scrutiny.core.withholding import mark_withheld
    from scrutiny.members import questions
    from scrutiny.members.services import may_answer

    user = request.user
    if not getattr(user, "is_authenticated", False) or not meeting.agenda_is_published:
        return None
    items = list(meeting.agenda_items.select_related("report_author", "meeting").order_by("number"))
    askable = [i for i in items if not i.is_procedural and questions.is_panel_reader(user, i)]
    answerable = [i for i in items if may_answer(user, i)]
    if not askable and not answerable:
        return None
    mark_withheld(user)  # the panel's own preparation: never cached for anyone else
    found = questions.meeting_questions(user, meeting)
    rows = [(item, found.get(item.pk, [])) for item in (answerable or askable)]
    upcoming = not meeting.has_been_held
    briefing_url = (
        reverse("members:briefing", args=[meeting.pk]) if askable or can_edit(user) else ""
    )
    return "members/sections/meeting_questions.html", {
        "rows": rows,
        "upcoming": upcoming,
        "briefing_url": briefing_url,
    }
