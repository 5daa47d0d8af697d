"""The members' section of a paper's page: the reader's own notes on it (nobody else's)."""

from __future__ import annotations

from scrutiny.members import notes


def document_section(request, document):
    if not notes.may_annotate(request.user, document):
        return None
    count = notes.own_notes(request.user, document).count()
    return "members/sections/document_notes.html", {"document": document, "count": count}
