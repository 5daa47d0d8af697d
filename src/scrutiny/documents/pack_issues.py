"""Published agenda packs kept as records (``PackIssue``), reissued redacted when needed.

Publishing an agenda (or a supplementary agenda) records what the pack prints at that moment:
the front matter and every paper's HTML, or its file. The worker prints the record once and
keeps the file; from then on the pack is downloaded as printed, so approving the previous
minutes, a change of membership or a refreshed figure never alters a published pack.

If a paper becomes withheld after publication, the public issues that printed it are
withdrawn in the same transaction (kept for officers) and a redacted issue is queued: the
record of the last issue with that paper replaced by a notice naming the exemption
paragraph, everything else as it was. The members' pack is reissued with the paper marked
"not for publication". Nothing is ever printed in a web request (ADR 1110).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.committees.services import agenda_item_set_pages
from scrutiny.core.actors import Actor, SystemActor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import Council, ExemptCategory
from scrutiny.core.queue import enqueue, task
from scrutiny.core.signals import pack_build_failed
from scrutiny.documents.models import AgendaPack, AgendaPublication, Document, PackIssue
from scrutiny.documents.pack_printing import (
    AgendaEntry,
    PackPlan,
    PlannedPaper,
    _confidential_html,
    _page_mark,
    _rules_reference,
    pack_plan,
    plan_fingerprint,
    render_pack,
)

log = logging.getLogger(__name__)
ACTOR = SystemActor("agenda pack printer")
Variant = AgendaPack.Variant
RECORD_FORMAT = 1


# The record: what a pack printed, as data.


def _parts_directory() -> Path:
    # PDF parts supplied by other apps, kept for as long as the issues that print them.
    return Path(settings.MEDIA_ROOT) / "packs" / "parts"


def plan_record(plan: PackPlan, loaded: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The plan as JSON data. PDF parts from other apps are kept on disk by their digest."""
    papers = []
    for paper in plan.papers:
        entry = {
            key: value
            for key, value in asdict(paper).items()
            if key not in ("pdf_loader", "pdf_pages")
        }
        if paper.pdf_source.startswith("part:") and paper.pdf_loader is not None:
            path = _parts_directory() / f"{paper.pdf_source.removeprefix('part:')}.pdf"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(paper.pdf_loader())
        papers.append(entry)
    return {
        "format": RECORD_FORMAT,
        "front_sheet_html": plan.front_sheet_html,
        "information_html": plan.information_html,
        "published_on": plan.published_on.isoformat() if plan.published_on else "",
        "agenda": [
            {key: value for key, value in asdict(entry).items() if key != "pages"}
            for entry in plan.agenda
        ],
        "papers": papers,
    }


def _loader(source: str):
    kind, _, name = source.partition(":")

    def load() -> bytes:
        if kind == "file":
            with default_storage.open(name, "rb") as handle:
                return handle.read()
        return (_parts_directory() / f"{name}.pdf").read_bytes()

    return load


def plan_from_record(meeting: Meeting, variant: str, record: dict[str, Any]) -> PackPlan:
    from datetime import datetime

    papers = []
    for entry in record["papers"]:
        paper = PlannedPaper(**entry)
        if paper.pdf_source:
            paper.pdf_loader = _loader(paper.pdf_source)
        papers.append(paper)
    published = record.get("published_on") or ""
    plan = PackPlan(
        meeting,
        variant,
        front_context={},
        agenda=[AgendaEntry(**entry) for entry in record["agenda"]],
        papers=papers,
        front_sheet_html=record["front_sheet_html"],
        information_html=record["information_html"],
        published_on=datetime.fromisoformat(published) if published else None,
    )
    plan.fingerprint = plan_fingerprint(plan)
    return plan


# Redaction: what a record printed that is withheld now.


def _withheld_now(
    paper: dict[str, Any], documents: dict[int, Document], items: dict[int, AgendaItem]
) -> ExemptCategory | None:
    """The category under which this printed paper is withheld today, or None."""
    document = documents.get(paper.get("document_id") or 0)
    if document is not None:
        return document.withholding_category if document.is_withheld() else None
    item = items.get(paper.get("item_id") or 0)
    if item is None:
        return None
    if item.is_exempt:
        return item.exempt_category
    # An app's part printed in place of an appendix follows that appendix's exemption.
    for candidate in documents.values():
        if (
            candidate.agenda_item_id == item.pk
            and candidate.kind == Document.Kind.APPENDIX
            and candidate.number == paper.get("appendix_number")
            and candidate.is_withheld()
        ):
            return candidate.withholding_category
    return None


def redacted(
    meeting: Meeting, variant: str, record: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """The record with every paper withheld since it was printed replaced by the notice
    (public) or marked "not for publication" (members); and what changed, for people."""
    council = Council.load()
    documents = {
        d.pk: d
        for d in Document.objects.filter(meeting=meeting).select_related(
            "exempt_category", "agenda_item__exempt_category"
        )
    }
    items = {i.pk: i for i in meeting.agenda_items.select_related("exempt_category")}
    changes: list[str] = []
    papers = []
    for paper in record["papers"]:
        category = None if paper.get("redacted") else _withheld_now(paper, documents, items)
        if category is None:
            papers.append(paper)
            continue
        rules = _rules_reference(category, council)
        if variant == Variant.PUBLIC:
            changes.append(f"{paper['title']} (agenda item {paper['item_number']}): {rules}")
            html = _confidential_html(
                heading=paper.get("heading", ""),
                title=paper["title"],
                category=category,
                council=council,
            )
            paper = {
                **paper,
                "html": html,
                "pdf_source": "",
                "identity": "",
                "page_mark": "",
                "redacted": True,
            }
        else:
            if paper.get("page_mark"):  # printed as not for publication already
                papers.append(paper)
                continue
            mark = _page_mark(category, council)
            changes.append(f"{paper['title']} (agenda item {paper['item_number']}): {rules}")
            paper = {**paper, "page_mark": mark}
        papers.append(paper)
    agenda = []
    for entry in record["agenda"]:
        item = items.get(entry.get("item_id") or 0)
        if variant == Variant.PUBLIC and item is not None and item.is_exempt:
            if entry["summary_visible"]:
                changes.append(f"The summary of agenda item {entry['number']}")
            label = item.exempt_category.label if item.exempt_category else ""
            entry = {**entry, "summary": "", "summary_visible": False, "withheld_label": label}
        agenda.append(entry)
    return {**record, "papers": papers, "agenda": agenda}, changes


# Services: recording, withdrawing and reissuing.


def _next_number(meeting: Meeting, variant: str) -> int:
    found = PackIssue.objects.filter(meeting=meeting, variant=variant).aggregate(m=Max("number"))
    return (found["m"] or 0) + 1


def _queue(issue: PackIssue) -> None:
    enqueue(pack_issue_build, issue.pk)


@transaction.atomic
def pack_issues_record(
    *, actor: Actor, meeting: Meeting, publication: AgendaPublication | None = None
) -> list[PackIssue]:
    """Record both packs as they stand at this publication; the worker prints them."""
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    publication = publication or meeting.publications.order_by("-published_at", "-pk").first()
    issued_at = publication.published_at if publication else meeting.agenda_published_at
    if issued_at is None:
        raise ValueError(f"meeting {meeting.pk} has no published agenda to issue a pack for")
    first = not meeting.pack_issues.exists()
    kind = PackIssue.Kind.PUBLISHED if first else PackIssue.Kind.SUPPLEMENTARY
    issues = []
    for variant in Variant.values:
        issue = PackIssue.objects.create(
            meeting=meeting,
            variant=variant,
            number=_next_number(meeting, variant),
            kind=kind,
            issued_at=issued_at,
            publication=publication,
            contents=plan_record(pack_plan(meeting, variant)),
        )
        _queue(issue)
        issues.append(issue)
    audit_record(
        actor=actor,
        action="documents.pack_issues_record",
        target=meeting,
        to_state=kind,
        data={"issues": [i.number for i in issues]},
    )
    return issues


@transaction.atomic
def pack_issues_redact(*, actor: Actor, meeting: Meeting, reason: str = "") -> list[PackIssue]:
    """After a paper is withheld: withdraw the public issues that print it (kept for
    officers) and queue a redacted issue of each pack. Nothing happens if no issue prints
    anything withheld now."""
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    now = timezone.now()
    reissued = []
    for variant in Variant.values:
        issues = list(meeting.pack_issues.filter(variant=variant).order_by("number"))
        if not issues:
            continue
        contents, changes = redacted(meeting, variant, issues[-1].contents)
        if variant == Variant.PUBLIC:
            for issue in issues:
                if issue.withdrawn_at is None and redacted(meeting, variant, issue.contents)[1]:
                    issue.withdrawn_at = now
                    issue.withdrawn_reason = (
                        "Withdrawn: it printed papers that are not for publication. "
                        + (reason or "")
                    ).strip()
                    issue.save(update_fields=["withdrawn_at", "withdrawn_reason"])
        if not changes:
            continue
        issue = PackIssue.objects.create(
            meeting=meeting,
            variant=variant,
            number=_next_number(meeting, variant),
            kind=PackIssue.Kind.REDACTED,
            issued_at=now,
            reason="Withheld since the last issue: " + "; ".join(changes) + ".",
            replaces=issues[-1],
            contents=contents,
        )
        _queue(issue)
        reissued.append(issue)
    if reissued:
        audit_record(
            actor=actor,
            action="documents.pack_issues_redact",
            target=meeting,
            data={"issues": [f"{i.variant} {i.number}" for i in reissued], "reason": reason},
        )
    return reissued


def current_issue(meeting: Meeting, variant: str) -> PackIssue | None:
    """The latest issue of this pack not withdrawn (ready or still being printed)."""
    return (
        meeting.pack_issues.filter(variant=variant, withdrawn_at__isnull=True)
        .order_by("-number")
        .first()
    )


def issue_request(meeting: Meeting, variant: str) -> PackIssue | None:
    """The current issue; for a meeting published before packs were kept (imported
    history), the first issue is recorded now and queued. None if the agenda is unpublished."""
    if not meeting.agenda_is_published:
        return None
    issue = current_issue(meeting, variant)
    if issue is None and not meeting.pack_issues.filter(variant=variant).exists():
        pack_issues_record(actor=ACTOR, meeting=meeting)
        issue = current_issue(meeting, variant)
    return issue


# The worker.


def record_page_ranges(meeting: Meeting, ranges: dict[int, tuple[int, int]]) -> None:
    """The agenda on the meeting page shows the public pack's page ranges."""
    for item in meeting.agenda_items.all():
        first, last = ranges.get(item.number, (None, None))
        if (item.page_start, item.page_end) != (first, last):
            agenda_item_set_pages(actor=ACTOR, item=item, page_start=first, page_end=last)


@task()
def pack_issue_build(issue_id: int) -> bool:
    return pack_issue_print(issue_id) is not None


def pack_issue_print(issue_id: int) -> PackIssue | None:
    """Print one recorded issue. Returns it ready, or None if another worker took it."""
    claimed = PackIssue.objects.filter(
        pk=issue_id, status__in=[PackIssue.Status.PENDING, PackIssue.Status.FAILED]
    ).update(status=PackIssue.Status.BUILDING, requested_at=timezone.now())
    if not claimed:
        return None
    issue = PackIssue.objects.select_related("meeting__panel").get(pk=issue_id)
    try:
        built = render_pack(plan_from_record(issue.meeting, issue.variant, issue.contents))
    except Exception as exc:
        log.exception("Agenda pack issue %s failed to print", issue_id)
        PackIssue.objects.filter(pk=issue_id).update(
            status=PackIssue.Status.FAILED, error=str(exc)[:2000]
        )
        issue.refresh_from_db()
        # Democratic services hear of it as of any pack that could not be built.
        pack_build_failed.send(sender=PackIssue, pack=issue)
        return None
    with transaction.atomic():
        # Serialised with a withdrawal (which locks the meeting): an issue withdrawn while it
        # was printing is saved withdrawn.
        Meeting.objects.select_for_update().get(pk=issue.meeting_id)
        issue.refresh_from_db()
        issue.file.save(f"{issue.variant}-{issue.number}.pdf", ContentFile(built.pdf), save=False)
        issue.sha256 = hashlib.sha256(built.pdf).hexdigest()
        issue.page_count = built.page_count
        issue.status = PackIssue.Status.READY
        issue.error = ""
        issue.save()
        if issue.variant == Variant.PUBLIC and issue.withdrawn_at is None:
            record_page_ranges(issue.meeting, built.ranges)
    log.info("agenda pack issue %s printed: %s pages", issue.pk, issue.page_count)
    return issue


def print_pending_issues() -> int:
    """Print every queued issue here (`scrutiny build_packs`, tests)."""
    printed = 0
    for issue_id in PackIssue.objects.filter(status=PackIssue.Status.PENDING).values_list(
        "pk", flat=True
    ):
        if pack_issue_print(issue_id) is not None:
            printed += 1
    return printed
