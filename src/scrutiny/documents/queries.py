from __future__ import annotations

from collections import defaultdict
from typing import Any

from scrutiny.committees.models import PROCEDURAL_KINDS, AgendaItem, AgendaItemKind, Meeting
from scrutiny.core.access import Level, visible
from scrutiny.documents.models import Document


def documents_by_item(meeting: Meeting, user: Any) -> dict[int | None, list[Document]]:
    """Documents of a meeting the user may know about (titles of withheld ones included)."""
    documents = visible(
        user,
        Document.objects.filter(meeting=meeting).select_related("exempt_category", "meeting"),
        level=Level.LISTING,
    )
    grouped: dict[int | None, list[Document]] = defaultdict(list)
    for document in documents:
        grouped[document.agenda_item_id].append(document)
    return dict(grouped)


# Items that need no paper of their own: the procedural ones and the exclusion resolution.
PAPERLESS_KINDS = {*PROCEDURAL_KINDS, AgendaItemKind.EXCLUSION}


def items_without_papers(meeting: Meeting) -> list[AgendaItem]:
    """Unpublished items (other than procedural ones) with no report, appendix or printed
    appendix: publishing them asks the officer to confirm."""
    return list(
        meeting.agenda_items.filter(publications__isnull=True)
        .exclude(kind__in=PAPERLESS_KINDS)
        .filter(documents__isnull=True, generated_appendices__isnull=True)
        .order_by("number")
    )
