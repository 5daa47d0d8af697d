"""Every change to imports of past papers: atomic, validated and audited.

``paper_import_create`` reads and parses a file and keeps the proposal for review; nothing
else is stored, and a file that proposes nothing new is not kept at all.
``paper_import_save`` creates the reviewed records through the owning apps' services
(``saving``) and keeps the original file as the meeting's historic document.
"""

from __future__ import annotations

import hashlib
import html
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from scrutiny.core.actors import Actor, require_officer, user_of
from scrutiny.core.audit import audit_record
from scrutiny.documents.models import Document
from scrutiny.paperimport import reading, saving
from scrutiny.paperimport.models import IMPORT_WORKFLOW, ImportStatus, PaperImport
from scrutiny.paperimport.parsing import parse


class NothingNew(ValidationError):
    """The file holds nothing Scrutiny does not already have."""


def propose(file_name: str, data: bytes, vocabulary: str | None = None) -> tuple[str, str, dict]:
    """(text, content type, proposal) of a file: the slow part, kept to one call.

    Parsing a large pack is pure computation with no database access, so it can move to a
    background task unchanged; ``paper_import_create`` then stores its result.
    """
    text, content_type = reading.read_text(file_name, data)
    proposal = parse(text, vocabulary)
    if not proposal.meetings:
        raise ValidationError(f"{file_name}: {' '.join(proposal.problems)} Nothing was imported.")
    return text, content_type, proposal.as_dict()


def default_vocabulary() -> str | None:
    """The council's vocabulary: SCRUTINY_PAPERS_VOCABULARY, else one named after the council."""
    from django.conf import settings
    from django.utils.text import slugify

    from scrutiny.core.models import Council
    from scrutiny.paperimport.parsing.vocabulary import available

    chosen = getattr(settings, "SCRUTINY_PAPERS_VOCABULARY", "")
    if chosen:
        return chosen
    council = Council.objects.order_by("pk").first()
    name = slugify(council.short_name or council.name) if council else ""
    return name if name in available() else None


def preview(file_name: str, data: bytes, vocabulary: str | None = None) -> dict:
    """The proposal and what saving it would do, with nothing stored (``--dry-run``)."""
    text, content_type, proposal = propose(file_name, data, vocabulary)
    digest = hashlib.sha256(data).hexdigest()
    outcome = _dry_run(
        proposal,
        actor="dry run",
        digest=digest,
        file_name=file_name,
        data=data,
        text=text,
        content_type=content_type,
    )
    return {"file": file_name, "sha256": digest, "proposal": proposal, "plan": outcome.as_dict()}


def original_kind(proposal: dict) -> tuple[str, str]:
    if proposal.get("kind") == "agenda pack":
        return Document.Kind.OTHER, "Agenda pack as published"
    return Document.Kind.MINUTES, "Minutes as published"


def _original_body(text: str) -> str:
    paragraphs = [p for p in text.replace("\f", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line) for line in p.strip().split("\n")) + "</p>"
        for p in paragraphs
    )


def _keep_original(
    run: saving.Run,
    *,
    digest: str,
    proposal: dict,
    file_name: str,
    data: bytes,
    text: str,
    content_type: str,
    publish: bool,
    dry_run: bool,
) -> Document | None:
    """The original file, as the historic document of the (first) meeting it holds."""
    kind, title = original_kind(proposal)
    what = f"Keep {file_name} as the meeting's document ({title.lower()})"
    saved = PaperImport.objects.filter(sha256=digest, status=ImportStatus.SAVED)
    if saved.filter(document__isnull=False).exists():
        run.exists("original", what)
        return None
    if not run.outcome.meetings:
        return None
    if dry_run:
        run.outcome.steps.append(saving.Step("original", what, "create"))
        return None
    from scrutiny.committees.models import Meeting
    from scrutiny.documents.services import document_add

    meeting = Meeting.objects.get(pk=run.outcome.meetings[0])
    is_pdf = content_type == reading.PDF
    return run.step(
        "original",
        what,
        lambda: document_add(
            actor=run.actor,
            meeting=meeting,
            title=title,
            kind=kind,
            upload=ContentFile(data, name=file_name) if is_pdf else None,
            body_html="" if is_pdf else _original_body(text),
            publish=publish,
        ),
    )


def _dry_run(proposal: dict, *, actor: Actor, **original: Any) -> saving.Outcome:
    """What saving would do, the original file included, rolled back."""

    def keep(run: saving.Run) -> None:
        _keep_original(run, proposal=proposal, publish=False, dry_run=True, **original)

    return saving.save(proposal, actor=actor, dry_run=True, after=keep)


def _stored_bytes(record: PaperImport) -> bytes:
    if not record.file:
        return b""
    with record.file.open("rb") as handle:
        return handle.read()


def plan(paper_import: PaperImport, proposal: dict | None = None) -> saving.Outcome:
    """What saving would do now: a dry run through the services, rolled back."""
    proposal = proposal if proposal is not None else paper_import.proposal
    return _dry_run(
        proposal,
        actor="dry run",
        digest=paper_import.sha256,
        file_name=paper_import.file_name,
        data=_stored_bytes(paper_import),
        text=paper_import.text,
        content_type=paper_import.content_type,
    )


@transaction.atomic
def paper_import_receive(
    *, actor: Actor, file_name: str, data: bytes, vocabulary: str | None = None
) -> PaperImport:
    """Keep an upload to be read; what its first bytes show to be unreadable is refused."""
    require_officer(actor)
    content_type = reading.check_file(file_name, data)
    record = PaperImport(
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        content_type=content_type,
        size=len(data),
        vocabulary=vocabulary or "",
        created_by=user_of(actor),
    )
    record.file.save(file_name, ContentFile(data), save=False)
    record.save()
    audit_record(
        actor=actor,
        action="paperimport.paper_import_receive",
        target=record,
        to_state=record.status,
    )
    return record


@transaction.atomic
def paper_import_read(*, actor: Actor, paper_import_id: int) -> PaperImport:
    """Read and parse a received file, and propose its records: the slow step.

    This is the one call a background task makes. Run inside the request (as today), a
    refusal rolls back the receipt too, so a bad file leaves nothing stored.
    """
    require_officer(actor)
    record = PaperImport.objects.select_for_update().get(pk=paper_import_id)
    IMPORT_WORKFLOW.check(record.status, ImportStatus.PROPOSED, what="paper import")
    data = _stored_bytes(record)
    text, content_type, proposal = propose(record.file_name, data, record.vocabulary or None)
    outcome = _dry_run(
        proposal,
        actor=actor,
        digest=record.sha256,
        file_name=record.file_name,
        data=data,
        text=text,
        content_type=content_type,
    )
    if not outcome.new and not outcome.errors:
        raise NothingNew(
            f"{record.file_name}: everything in this file is already in Scrutiny, so nothing "
            "new was proposed and the file was not kept."
        )
    record.text, record.content_type, record.proposal = text, content_type, proposal
    record.vocabulary, record.kind = proposal["vocabulary"], proposal["kind"]
    record.status = ImportStatus.PROPOSED
    record.save()
    audit_record(
        actor=actor,
        action="paperimport.paper_import_read",
        target=record,
        from_state=ImportStatus.RECEIVED,
        to_state=record.status,
        data={"kind": record.kind, "proposed": len(outcome.new)},
    )
    return record


def paper_import_create(
    *, actor: Actor, file_name: str, data: bytes, vocabulary: str | None = None
) -> PaperImport:
    """Receive and read a file in one transaction: a refusal stores nothing at all."""
    require_officer(actor)
    stored: list[str] = []
    try:
        with transaction.atomic():
            record = paper_import_receive(
                actor=actor, file_name=file_name, data=data, vocabulary=vocabulary
            )
            stored.append(record.file.name or "")
            return paper_import_read(actor=actor, paper_import_id=record.pk)
    except ValidationError:
        for name in filter(None, stored):  # the rolled-back receipt's copy of the file
            PaperImport.file.field.storage.delete(name)
        raise


def _lock(paper_import: PaperImport, to: str) -> PaperImport:
    locked = PaperImport.objects.select_for_update().get(pk=paper_import.pk)
    IMPORT_WORKFLOW.check(locked.status, to, what="paper import")
    return locked


@transaction.atomic
def paper_import_save(
    *, actor: Actor, paper_import: PaperImport, publish: bool, proposal: dict | None = None
) -> saving.Outcome:
    """Create the reviewed records; ``publish`` also publishes the minutes and original file."""
    require_officer(actor)
    record = _lock(paper_import, ImportStatus.SAVED)
    proposal = proposal if proposal is not None else record.proposal
    data = _stored_bytes(record)
    created_minutes: list = []

    def finish(run: saving.Run) -> None:
        record.document = _keep_original(
            run,
            digest=record.sha256,
            proposal=proposal,
            file_name=record.file_name,
            data=data,
            text=record.text,
            content_type=record.content_type,
            publish=publish,
            dry_run=False,
        )
        created_minutes.extend(run.new_minutes)

    outcome = saving.save(proposal, actor=actor, dry_run=False, after=finish)
    if publish:
        from scrutiny.minutes.services import minutes_publish

        for minutes in created_minutes:
            minutes_publish(actor=actor, minutes=minutes)
    record.proposal = proposal
    record.status = ImportStatus.SAVED
    record.decided_by = user_of(actor)
    record.decided_at = timezone.now()
    record.outcome = outcome.as_dict()
    record.save()
    audit_record(
        actor=actor,
        action="paperimport.paper_import_save",
        target=record,
        from_state=ImportStatus.PROPOSED,
        to_state=ImportStatus.SAVED,
        data={"created": len(outcome.new), "published": publish},
    )
    return outcome


@transaction.atomic
def paper_import_correct(*, actor: Actor, paper_import: PaperImport, proposal: dict) -> PaperImport:
    """Keep an officer's corrections to a proposal that is still awaiting review."""
    require_officer(actor)
    record = PaperImport.objects.select_for_update().get(pk=paper_import.pk)
    if record.status != ImportStatus.PROPOSED:
        raise ValidationError(f"This import is {record.get_status_display().lower()}.")
    record.proposal = proposal
    record.save(update_fields=["proposal"])
    audit_record(actor=actor, action="paperimport.paper_import_correct", target=record)
    return record


@transaction.atomic
def paper_import_reject(
    *, actor: Actor, paper_import: PaperImport, reason: str = ""
) -> PaperImport:
    require_officer(actor)
    record = _lock(paper_import, ImportStatus.REJECTED)
    record.status = ImportStatus.REJECTED
    record.decided_by = user_of(actor)
    record.decided_at = timezone.now()
    record.save(update_fields=["status", "decided_by", "decided_at"])
    stored = record.file.name
    # The file goes once the rejection is committed; the proposal and text stay as a record.
    transaction.on_commit(lambda: record.file.storage.delete(stored) if stored else None)
    audit_record(
        actor=actor,
        action="paperimport.paper_import_reject",
        target=record,
        from_state=ImportStatus.PROPOSED,
        to_state=ImportStatus.REJECTED,
        data={"reason": reason} if reason else None,
    )
    return record
