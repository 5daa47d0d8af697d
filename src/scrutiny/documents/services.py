"""Every change to documents: atomic, validated and audited."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import (
    AGENDA_PUBLICATION,
    AgendaItem,
    Meeting,
    MeetingMove,
    MeetingStatus,
    papers_in_time,
)
from scrutiny.committees.services import meeting_transition_owned
from scrutiny.core import evidence, signals
from scrutiny.core.actors import Actor, actor_label, require_editor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import Council, ExemptCategory
from scrutiny.core.versioning import claim_version
from scrutiny.core.workingdays import clear_working_days_between, latest_publication_date
from scrutiny.documents.models import (
    AgendaPublication,
    Document,
    DocumentVersion,
    GeneratedAppendix,
    PublicInformationSection,
    Report,
    UrgentItem,
)
from scrutiny.documents.pack_issues import pack_issues_record, pack_issues_redact
from scrutiny.documents.pack_prerender import queue_prerender
from scrutiny.documents.uploads import DOCX, PDF, check_upload, docx_to_html, refuse_protected_pdf

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
    "sup",
    "sub",
}


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href"}, "th": {"scope"}, "td": {"colspan"}}
    )


@transaction.atomic
def document_add(
    *,
    actor: Actor,
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
    require_officer(actor)
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
        _attach_upload(document, upload)
    document.save()
    audit_record(
        actor=actor,
        action="documents.document_add",
        target=document,
        to_state="exempt" if is_exempt else "public",
        data={"published": publish},
    )
    queue_prerender(actor=actor, meeting=document.meeting_id)
    return document


@transaction.atomic
def document_publish(*, actor: Actor, document: Document) -> Document:
    """Release a draft paper: the officer's decision, never a side effect of uploading it.

    Papers added before an item is published go out with it (``agenda_publish``); one added
    to an item already published stays a draft, seen by officers only, until this is called.
    """
    require_officer(actor, "Only democratic services officers publish papers.")
    document = Document.objects.select_for_update().select_related("meeting").get(pk=document.pk)
    if document.published_at is not None:
        raise ValidationError("The document is already published.")
    if not document.meeting.agenda_is_published:
        raise ValidationError(
            "Publish the agenda first: its papers are published with it, on the papers page."
        )
    document.published_at = timezone.now()
    document.save(update_fields=["published_at"])
    audit_record(
        actor=actor, action="documents.document_publish", target=document, to_state="published"
    )
    queue_prerender(actor=actor, meeting=document.meeting_id)
    return document


def _attach_upload(document: Document, upload) -> None:
    """Check the file and store it; a Word document's text becomes the page's HTML."""
    content_type = check_upload(upload)
    if content_type == PDF:
        refuse_protected_pdf(upload)
    elif content_type == DOCX:
        document.body_html = sanitise_html(docx_to_html(upload))
    document.content_type = content_type
    document.size = upload.size
    document.file_name = upload.name.rsplit("/", 1)[-1][:200]
    document.file.save(upload.name, upload, save=False)


def _snapshot(document: Document, *, actor: Actor, reason: str) -> DocumentVersion | None:
    """Keep the published state of a document before it changes; drafts have no history."""
    if document.published_at is None:
        return None
    if not reason.strip():
        raise ValidationError({"reason": "Say why the published document is being replaced."})
    return DocumentVersion.objects.create(
        document=document,
        version=document.version,
        title=document.title,
        body_html=document.body_html,
        file=document.file.name if document.file else "",
        file_name=document.file_name,
        content_type=document.content_type,
        size=document.size,
        # Withheld through its item counts: releasing the item later releases the current
        # text only, never what it replaced.
        is_exempt=document.is_withheld(),
        exempt_category=document.withholding_category,
        published_at=document.published_at,
        replaced_by=_actor_label(actor),
        reason=reason,
    )


def _actor_label(actor: Actor) -> str:
    return actor_label(actor)[:150]


@transaction.atomic
def document_replace(
    *,
    actor: Actor,
    document: Document,
    reason: str = "",
    title: str | None = None,
    body_html: str | None = None,
    upload=None,
) -> Document:
    """Replace a document's content; a published document keeps its old version in history."""
    require_officer(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if upload is None and body_html is None and title is None:
        raise ValidationError("Give a new title, new content or a new file.")
    if body_html is not None and upload is None and not body_html.strip() and not document.file:
        raise ValidationError({"body_html": "The document cannot be left empty."})
    version = _snapshot(document, actor=actor, reason=reason)
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": "A document needs a title."})
        document.title = title.strip()
    if upload is not None:
        document.body_html = ""
        _attach_upload(document, upload)
    elif body_html is not None:
        document.body_html = sanitise_html(body_html)
        if document.file:  # written content replaces the uploaded file
            document.file, document.file_name, document.content_type, document.size = "", "", "", 0
    if version is not None:
        document.version = version.version + 1
        document.published_at = timezone.now()
    document.save()
    audit_record(
        actor=actor,
        action="documents.document_replace",
        target=document,
        from_state=f"v{version.version}" if version else "",
        to_state=f"v{document.version}",
        data={"reason": reason} if reason else None,
    )
    queue_prerender(actor=actor, meeting=document.meeting_id)
    return document


@transaction.atomic
def document_set_exempt(
    *,
    actor: Actor,
    document: Document,
    is_exempt: bool,
    exempt_category: ExemptCategory | None = None,
    public_interest_reasoning: str = "",
    release_after: date | None = None,
    reason: str = "",
) -> Document:
    """Change whether a document is withheld; recorded as a new version once published."""
    require_officer(actor)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if is_exempt and exempt_category is None:
        raise ValidationError(
            {"exempt_category": "An exempt document needs its exempt-information category."}
        )
    if is_exempt and not public_interest_reasoning.strip():
        raise ValidationError(
            {"public_interest_reasoning": "Record the public interest test for withholding it."}
        )
    before = "exempt" if document.is_exempt else "public"
    version = _snapshot(document, actor=actor, reason=reason or "Exemption changed")
    document.is_exempt = is_exempt
    document.exempt_category = exempt_category if is_exempt else None
    document.public_interest_reasoning = public_interest_reasoning if is_exempt else ""
    document.release_after = release_after if is_exempt else None
    if version is not None:
        document.version = version.version + 1
    document.save()
    audit_record(
        actor=actor,
        action="documents.document_set_exempt",
        target=document,
        from_state=before,
        to_state="exempt" if is_exempt else "public",
        data={
            "category": exempt_category.code if exempt_category else "",
            "release_after": str(release_after or ""),
        },
    )
    # A published pack that printed it is withdrawn and reissued without it, in this
    # transaction, so the old public issue is never downloadable once the paper is withheld.
    pack_issues_redact(actor=actor, meeting=document.meeting, reason=reason)
    queue_prerender(actor=actor, meeting=document.meeting_id)
    return document


REPORT_TEXT_FIELDS = [
    "brief_summary",
    "recommendations",
    "reasons",
    "alternative_options",
    "detail",
    "resource_implications",
    "legal_statutory_power",
    "legal_other",
    "risk_implications",
    "policy_framework_implications",
]
REPORT_REQUIRED = [
    "decision_maker",
    "subject",
    "date_of_decision",
    "report_of",
    "director_title",
    "director_name",
    "author_title",
    "author_name",
    "brief_summary",
    "recommendations",
    "reasons",
    "detail",
    "legal_statutory_power",
]


def _sanitise_paragraphs(text: str) -> str:
    from scrutiny.documents.reports import split_paragraphs

    return "\n\n".join(sanitise_html(p) if "<" in p else p for p in split_paragraphs(text))


VERSION_FIELDS = ("version", "changed_by", "changed_at")


def _clean_report_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = (
        set(fields)
        - {f.name for f in Report._meta.get_fields()}
        - {"document", "id", *VERSION_FIELDS}
    )
    if unknown:
        raise ValidationError(f"Unknown report fields: {', '.join(sorted(unknown))}.")
    missing = [name for name in REPORT_REQUIRED if not str(fields.get(name) or "").strip()]
    if missing:
        raise ValidationError({name: "This part of the report is required." for name in missing})
    cleaned = dict(fields)
    for name in REPORT_TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = _sanitise_paragraphs(str(cleaned[name]))
    background = cleaned.get("background_documents") or []
    if not isinstance(background, list) or any(
        not isinstance(b, dict) or not b.get("title") for b in background
    ):
        raise ValidationError({"background_documents": "Each background document needs a title."})
    return cleaned


@transaction.atomic
def report_write(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    fields: dict[str, Any],
    publish: bool = False,
    is_exempt: bool = False,
    exempt_category: ExemptCategory | None = None,
    public_interest_reasoning: str = "",
    release_after: date | None = None,
) -> Document:
    """Create the written report of an agenda item from the council's report template."""
    require_officer(actor)
    if agenda_item.documents.filter(kind=Document.Kind.REPORT).exists():
        raise ValidationError("This item already has a report; edit it or replace it instead.")
    cleaned = _clean_report_fields(fields)
    document = document_add(
        actor=actor,
        meeting=agenda_item.meeting,
        agenda_item=agenda_item,
        kind=Document.Kind.REPORT,
        title=cleaned["subject"],
        body_html=cleaned["brief_summary"],
        is_exempt=is_exempt,
        exempt_category=exempt_category,
        public_interest_reasoning=public_interest_reasoning,
        release_after=release_after,
        publish=publish,
    )
    Report.objects.create(document=document, **cleaned)
    audit_record(
        actor=actor, action="documents.report_write", target=document, data={"item": agenda_item.pk}
    )
    queue_prerender(actor=actor, meeting=document.meeting_id)
    return document


@transaction.atomic
def report_update(
    *,
    actor: Actor,
    report: Report,
    fields: dict[str, Any],
    reason: str = "",
    opened_version: int | None = None,
) -> Report:
    """Change a written report; once published the earlier text is kept as a version.

    ``opened_version`` is the version the officer's form opened: if someone saved the report
    since, the save is refused (``StaleEdit``) and nothing is changed.
    """
    require_officer(actor)
    report = Report.objects.select_related("document").get(pk=report.pk)
    # Claimed first: a stale save stops here, before any version of the paper is taken.
    claim_version(report, opened=opened_version, actor=actor, what="report")
    current = {
        f.name: getattr(report, f.name)
        for f in Report._meta.get_fields()
        if f.concrete and f.name not in ("id", "document", *VERSION_FIELDS)
    }
    cleaned = _clean_report_fields({**current, **fields})
    document = report.document
    from scrutiny.documents.reports import report_context

    version = _snapshot(document, actor=actor, reason=reason)
    if version is not None:
        # Keep the full text of the report as it was published.
        from django.template.loader import render_to_string

        version.body_html = render_to_string("documents/_report.html", report_context(report))
        version.save(update_fields=["body_html"])
        document.version = version.version + 1
        document.published_at = timezone.now()
    for name, value in cleaned.items():
        setattr(report, name, value)
    report.save()
    document.title = report.subject
    document.body_html = report.brief_summary
    document.save()
    audit_record(
        actor=actor,
        action="documents.report_update",
        target=document,
        to_state=f"v{document.version}",
        data={"reason": reason} if reason else None,
    )
    queue_prerender(actor=actor, meeting=report.document.meeting_id)
    return report


@transaction.atomic
def agenda_item_mark_urgent(*, actor: Actor, item: AgendaItem, reasons: str) -> UrgentItem:
    """Record why an item cannot wait: it may then be published late, on a supplementary agenda."""
    require_officer(actor)
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons why the item is urgent."})
    if item.meeting.has_been_held:
        raise ValidationError("The meeting has already been held.")
    urgent, _ = UrgentItem.objects.update_or_create(
        agenda_item=item,
        defaults={
            "reasons": reasons.strip(),
            "recorded_by": _actor_label(actor),
            "recorded_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="documents.agenda_item_mark_urgent",
        target=item,
        data={"reasons": reasons},
    )
    return urgent


def publication_deadline(meeting: Meeting) -> date:
    council = Council.load()
    return latest_publication_date(
        meeting.date, council.clear_days_notice, council.bank_holiday_region
    )


@transaction.atomic
def agenda_publish(
    *, actor: Actor, meeting: Meeting, when: datetime | None = None
) -> AgendaPublication:
    """Publish every item not yet published, with its papers, checking the clear-days rule.

    On time, the first publication is the agenda and later ones are supplementary agendas.
    Late (fewer clear working days than the council requires), it is refused unless every
    non-procedural item in it has been recorded as urgent; it is then a supplementary agenda.
    """
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    when = when or timezone.now()
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError(
            f"Papers cannot be published for a meeting that is {meeting.get_status_display().lower()}."
        )
    council = Council.load()
    clear_days = clear_working_days_between(
        timezone.localtime(when).date(), meeting.date, council.bank_holiday_region
    )
    items = list(
        meeting.agenda_items.filter(publications__isnull=True)
        .select_related("urgency")
        .order_by("number")
    )
    if not items:
        raise ValidationError("Every item on this agenda has already been published.")
    # The clear-days rule is the guard of the meeting's "publish the agenda" transition; a
    # supplementary agenda (the meeting already published) is judged by the same rule.
    move = MeetingMove(
        meeting=meeting,
        when=when,
        items=items,
        urgent=frozenset(i.pk for i in items if hasattr(i, "urgency")),
    )
    if meeting.status == MeetingStatus.AGENDA_PUBLISHED:
        problem = papers_in_time(move)
        if problem:
            raise ValidationError(problem)
    else:
        meeting = meeting_transition_owned(
            actor=actor,
            owner=AGENDA_PUBLICATION,
            meeting=meeting,
            to=MeetingStatus.AGENDA_PUBLISHED,
            when=when,
            items=items,
            urgent=move.urgent,
        )
    late = clear_days < council.clear_days_notice
    first = not meeting.publications.exists()
    kind = (
        AgendaPublication.Kind.AGENDA
        if first and not late
        else AgendaPublication.Kind.SUPPLEMENTARY
    )
    publication = AgendaPublication.objects.create(
        meeting=meeting,
        kind=kind,
        published_at=when,
        published_by=_actor_label(actor),
        clear_days=clear_days,
    )
    publication.items.set(items)
    Document.objects.filter(agenda_item__in=items, published_at__isnull=True).update(
        published_at=when
    )
    # The packs as published are kept as records, printed by the worker.
    pack_issues_record(actor=actor, meeting=meeting, publication=publication)
    audit_record(
        actor=actor,
        action="documents.agenda_publish",
        target=meeting,
        to_state=kind,
        data={"items": [i.number for i in items], "clear_days": clear_days, "late": late},
    )
    signals.agenda_published.send(
        sender=AgendaPublication, meeting=meeting, publication=publication
    )
    queue_prerender(actor=actor, meeting=meeting.pk)
    return publication


@transaction.atomic
def public_information_section_save(
    *,
    actor: Actor,
    heading: str,
    body_html: str = "",
    kind: str = PublicInformationSection.Kind.TEXT,
    order: int = 0,
    is_active: bool = True,
    section: PublicInformationSection | None = None,
) -> PublicInformationSection:
    require_officer(actor)
    if not heading.strip():
        raise ValidationError({"heading": "A section needs a heading."})
    if kind not in PublicInformationSection.Kind.values:
        raise ValidationError({"kind": f"Unknown kind of section: {kind}"})
    section = section or PublicInformationSection()
    section.heading, section.kind, section.order, section.is_active = (
        heading.strip(),
        kind,
        order,
        is_active,
    )
    section.body_html = sanitise_html(body_html)
    section.save()
    audit_record(actor=actor, action="documents.public_information_section_save", target=section)
    return section


@transaction.atomic
def agenda_publication_record_past(
    *, actor: Actor, meeting: Meeting, when: datetime
) -> AgendaPublication | None:
    """Record an agenda published before this system, on its printed date (imports)."""
    require_officer(actor)
    meeting_transition_owned(
        actor=actor,
        owner=AGENDA_PUBLICATION,
        meeting=meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        when=when,
        record_of_past=True,
    )
    return agenda_publication_import(actor=actor, meeting=Meeting.objects.get(pk=meeting.pk))


@transaction.atomic
def agenda_publication_import(*, actor: Actor, meeting: Meeting) -> AgendaPublication | None:
    """Record an agenda published before this system (its date is the meeting's)."""
    require_officer(actor)
    if meeting.agenda_published_at is None or meeting.publications.exists():
        return None
    council = Council.load()
    published_on = timezone.localtime(meeting.agenda_published_at).date()
    publication = AgendaPublication.objects.create(
        meeting=meeting,
        kind=AgendaPublication.Kind.AGENDA,
        published_at=meeting.agenda_published_at,
        published_by=_actor_label(actor),
        clear_days=clear_working_days_between(
            published_on, meeting.date, council.bank_holiday_region
        ),
    )
    publication.items.set(meeting.agenda_items.all())
    audit_record(
        actor=actor,
        action="documents.agenda_publication_import",
        target=meeting,
        to_state=publication.kind,
    )
    return publication


def _print_evidence(reference: str) -> tuple[str, str]:
    """(title, html) of evidence as it prints now; ValidationError if it cannot be printed."""
    try:
        evidence.parse_reference(reference)
    except evidence.EvidenceError as error:
        raise ValidationError({"reference": str(error)}) from error
    html = evidence.appendix_html(reference)
    found = evidence.resolve(reference, None)
    if html is None or found is None:
        raise ValidationError({"reference": "This evidence cannot be printed as an appendix."})
    return found.title, html


@transaction.atomic
def generated_appendix_add(
    *, actor: Actor, item: AgendaItem, number: int, reference: str
) -> GeneratedAppendix:
    """Attach evidence (``core.evidence``) to an item, printed now as its appendix ``number``."""
    require_editor(actor, refusal="Only democratic services officers attach appendices.")
    errors: dict[str, str] = {}
    if item.is_exempt:
        errors["reference"] = (
            "Generated appendices hold figures for publication: attach them to a public item."
        )
    if number < 1:
        errors["number"] = "Enter an appendix number of 1 or more."
    elif item.generated_appendices.filter(number=number).exists():
        errors["number"] = f"Item {item.number} already has a generated appendix {number}."
    try:
        title, html = _print_evidence(reference)
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    appendix = GeneratedAppendix.objects.create(
        agenda_item=item,
        number=number,
        evidence=reference,
        title=title[:300],
        html=html,
        added_by=_actor_label(actor),
    )
    audit_record(
        actor=actor,
        action="documents.generated_appendix_add",
        target=appendix,
        data={"item": item.pk, "number": number, "evidence": reference},
    )
    queue_prerender(actor=actor, meeting=appendix.agenda_item.meeting_id)
    return appendix


@transaction.atomic
def generated_appendix_refresh(*, actor: Actor, appendix: GeneratedAppendix) -> GeneratedAppendix:
    """Print the evidence again with today's figures (the pack changes with it)."""
    require_editor(actor, refusal="Only democratic services officers refresh appendices.")
    appendix = GeneratedAppendix.objects.select_for_update().get(pk=appendix.pk)
    title, html = _print_evidence(appendix.evidence)
    changed = html != appendix.html
    appendix.title, appendix.html, appendix.generated_at = title[:300], html, timezone.now()
    appendix.save(update_fields=["title", "html", "generated_at"])
    audit_record(
        actor=actor,
        action="documents.generated_appendix_refresh",
        target=appendix,
        data={"evidence": appendix.evidence, "changed": changed},
    )
    queue_prerender(actor=actor, meeting=appendix.agenda_item.meeting_id)
    return appendix


@transaction.atomic
def generated_appendix_remove(*, actor: Actor, appendix: GeneratedAppendix) -> None:
    require_editor(actor, refusal="Only democratic services officers remove appendices.")
    audit_record(
        actor=actor,
        action="documents.generated_appendix_remove",
        target=appendix,
        data={"item": appendix.agenda_item_id, "evidence": appendix.evidence},
    )
    appendix.delete()
