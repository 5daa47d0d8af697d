from __future__ import annotations

from collections import defaultdict
from typing import Any

from scrutiny.committees.models import Meeting
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
