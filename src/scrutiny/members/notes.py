"""Reads of a member's own private notes: always filtered to the signed-in owner, and only on
papers the owner may still read (a note on an exempt paper is withheld as the paper is)."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from scrutiny.core.access import Role, can_view, role_for
from scrutiny.documents.models import Document
from scrutiny.members.models import PrivateNote
from scrutiny.members.paragraphs import Part, paper_parts


def may_annotate(user: Any, document: Document) -> bool:
    return role_for(user) is Role.MEMBER and can_view(user, document)


@dataclass
class PartNotes:
    part: Part
    notes: list[PrivateNote] = field(default_factory=list)

    @property
    def highlighted(self) -> bool:
        return any(n.highlight for n in self.notes)


@dataclass
class Annotated:
    document: Document
    parts: list[PartNotes]
    changed: list[PrivateNote]  # made on an earlier version; the text is no longer there


def own_notes(user: Any, document: Document):
    return PrivateNote.objects.filter(owner=user, document=document).order_by("created_at", "pk")


def annotated(user: Any, document: Document) -> Annotated:
    """The paper's parts with the member's notes placed where their text still matches."""
    parts = [PartNotes(p) for p in paper_parts(document)]
    by_fingerprint: dict[str, list[PartNotes]] = defaultdict(list)
    for entry in parts:
        by_fingerprint[entry.part.fingerprint].append(entry)
    changed = []
    for note in own_notes(user, document):
        candidates = by_fingerprint.get(note.fingerprint, [])
        if not candidates:
            changed.append(note)
            continue
        # the same place if the text is still there, else the first place it now appears
        same = [c for c in candidates if c.part.position == note.position]
        (same or candidates)[0].notes.append(note)
    return Annotated(document, parts, changed)


def readable_notes(user: Any) -> list[PrivateNote]:
    """All the member's notes on papers they may still read, for their list and export."""
    notes = PrivateNote.objects.filter(owner=user).select_related(
        "document__meeting__panel",
        "document__agenda_item__exempt_category",
        "document__exempt_category",
    )
    return [
        n
        for n in notes.order_by("document__meeting__date", "document_id", "position")
        if can_view(user, n.document)
    ]


def _cell(value: Any) -> str:
    """A spreadsheet never runs a cell as a formula (a note may start with "=")."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def export_csv(user: Any) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "meeting",
            "paper",
            "version",
            "where",
            "highlighted",
            "note",
            "passage",
            "made",
            "changed",
        ]
    )
    for note in readable_notes(user):
        writer.writerow(
            _cell(v)
            for v in [
                note.document.meeting.date.isoformat(),
                note.document.display_title,
                note.version,
                f"{note.get_anchor_display()} {note.position}",
                "yes" if note.highlight else "no",
                note.text,
                note.quote,
                note.created_at.isoformat(timespec="seconds"),
                note.updated_at.isoformat(timespec="seconds"),
            ]
        )
    return out.getvalue()
