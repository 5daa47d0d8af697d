"""Every change to documents: atomic, validated and audited."""

from __future__ import annotations

from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory
from scrutiny.documents.models import Document
from scrutiny.documents.uploads import check_upload

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "blockquote",
}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href"}, "th": {"scope"}, "td": {"colspan"}}
    )


@transaction.atomic
def document_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    kind: str = Document.Kind.APPENDIX,
    agenda_item: AgendaItem | None = None,
    number: int | None = None,
    body_html: str = "",
    upload=None,
    is_exempt: bool = False,
    exempt_category: ExemptCategory | None = None,
    public_interest_reasoning: str = "",
    release_after=None,
    publish: bool = False,
) -> Document:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "The item belongs to another meeting."})
    if is_exempt and exempt_category is None:
        raise ValidationError(
            {"exempt_category": "An exempt document needs its exempt-information category."}
        )
    if is_exempt and not public_interest_reasoning.strip():
        raise ValidationError(
            {"public_interest_reasoning": "Record the public interest test for withholding it."}
        )
    if upload is None and not body_html.strip():
        raise ValidationError("A document needs either an uploaded file or written content.")
    document = Document(
        meeting=meeting,
        agenda_item=agenda_item,
        kind=kind,
        number=number,
        title=title,
        body_html=sanitise_html(body_html),
        is_exempt=is_exempt,
        exempt_category=exempt_category,
        public_interest_reasoning=public_interest_reasoning,
        release_after=release_after,
        published_at=timezone.now() if publish else None,
    )
    if upload is not None:
        document.content_type = check_upload(upload)
        document.size = upload.size
        document.file_name = upload.name.rsplit("/", 1)[-1][:200]
        document.file.save(upload.name, upload, save=False)
    document.save()
    audit_record(
        actor=actor,
        action="document_add",
        target=document,
        to_state="exempt" if is_exempt else "public",
        data={"published": publish},
    )
    return document


@transaction.atomic
def document_publish(*, actor: Any, document: Document) -> Document:
    if document.published_at is not None:
        raise ValidationError("The document is already published.")
    document.published_at = timezone.now()
    document.save(update_fields=["published_at"])
    audit_record(actor=actor, action="document_publish", target=document, to_state="published")
    return document
