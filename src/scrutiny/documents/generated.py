"""Appendices generated from evidence: what the pack prints and the meeting page lists.

The pack prints the appendix as it was printed when attached or last refreshed; the meeting
page links to the evidence's own page, which always shows the figures as they are now.

See ``scrutiny.core.evidence`` for the references; ``GeneratedAppendix`` stores one per
agenda item and appendix number.
"""

from __future__ import annotations

from typing import Any

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core import evidence
from scrutiny.core.access import can_edit
from scrutiny.core.packparts import PackPart
from scrutiny.documents.models import GeneratedAppendix


def generated_parts(meeting: Meeting, item: AgendaItem, audience: Any = None) -> list[PackPart]:
    """The appendices as printed when attached (or last refreshed), not as the data is now."""
    return [
        PackPart(title=appendix.title, html=appendix.html, appendix_number=appendix.number)
        for appendix in item.generated_appendices.all()
    ]


def generated_by_item(meeting: Meeting, user: Any) -> dict[int, list[dict]]:
    """Each item's generated appendices as this user may see them: number, title, address."""
    rows: dict[int, list[dict]] = {}
    if not meeting.agenda_is_published and not can_edit(user):
        return rows  # listed with the rest of the papers, once they are published
    for appendix in GeneratedAppendix.objects.filter(agenda_item__meeting=meeting):
        found = evidence.resolve(appendix.evidence, user)
        if found is None:
            continue
        rows.setdefault(appendix.agenda_item_id, []).append(
            {"number": appendix.number, "title": appendix.title, "url": found.url}
        )
    return rows
