"""Writes: attach a generated paper to an agenda item as an appendix, and regenerate it.

The paper is written into a Document (documents.services), so publication, exemption,
versions and the pack follow the documents app's rules. A paper built on confidential
figures makes its appendix exempt under the figures' category, whatever the officer chose.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scrutiny.committees.models import AgendaItem
from scrutiny.core.access import Audience
from scrutiny.core.actors import Actor
from scrutiny.core.audit import audit_record
from scrutiny.documents import services as documents
from scrutiny.documents.models import Document
from scrutiny.statistics.models import Release
from scrutiny.statistics.services import authorise

from .models import EvidencePaper, PaperKind
from .papers import Paper, build_paper, render_paper

WITHHELD_REASONING = (
    "Built on figures shared in confidence before their publication; releasing them early "
    "would breach that obligation."
)


def _build(kind: str, year_start: int) -> Paper:
    if kind not in PaperKind.values:
        raise ValidationError({"kind": f"Unknown paper {kind!r}."})
    # Built as an officer sees the figures; whoever may not see them is refused the appendix.
    paper = build_paper(kind=kind, year_start=year_start, user=Audience.MEMBERS)
    if paper.is_empty:
        raise ValidationError(
            {"year_start": f"No figures are held for {paper.title}; import them first."}
        )
    if paper.uses_withheld:
        paper = build_paper(kind=kind, year_start=year_start, user=Audience.MEMBERS, exact=True)
    return paper


def _withheld_release(paper: Paper) -> Release | None:
    ids = {b.figure.release_id for b in paper.blocks if b.figure} | {
        c.figure.release_id for b in paper.blocks for c in b.comparators if c.figure
    }
    releases = Release.objects.filter(pk__in=[i for i in ids if i is not None]).select_related(
        "exempt_category"
    )
    return next((r for r in releases if r.is_withheld()), None)


def _withhold_if_needed(actor: Actor, document: Document, paper: Paper) -> Document:
    release = _withheld_release(paper) if paper.uses_withheld else None
    if release is None or document.is_exempt:
        return document
    return documents.document_set_exempt(
        actor=actor,
        document=document,
        is_exempt=True,
        exempt_category=release.exempt_category,
        public_interest_reasoning=release.public_interest_reasoning or WITHHELD_REASONING,
        release_after=release.release_after,
        reason="Built on confidential figures",
    )


@transaction.atomic
def evidence_paper_attach(
    *, actor: Actor, agenda_item: AgendaItem, number: int, kind: str, year_start: int
) -> EvidencePaper:
    """Generate the paper and attach it as appendix ``number`` of the item.

    An existing appendix of that number (a stand-in written before the figures arrived)
    takes the generated content as a new version; otherwise a new, unpublished appendix is
    added for an officer to publish.
    """
    authorise(actor)
    if number < 1:
        raise ValidationError({"number": "Appendix numbers start at 1."})
    paper = _build(kind, year_start)
    release = _withheld_release(paper) if paper.uses_withheld else None
    body = render_paper(paper, charts=False)
    document = (
        Document.objects.select_for_update()
        .filter(agenda_item=agenda_item, kind=Document.Kind.APPENDIX, number=number)
        .first()
    )
    if document is not None and EvidencePaper.objects.filter(document=document).exists():
        raise ValidationError({"number": f"Appendix {number} is already a generated paper."})
    if document is None:
        document = documents.document_add(
            actor=actor,
            meeting=agenda_item.meeting,
            agenda_item=agenda_item,
            kind=Document.Kind.APPENDIX,
            number=number,
            title=paper.title,
            body_html=body,
            is_exempt=release is not None,
            exempt_category=release.exempt_category if release else None,
            public_interest_reasoning=(release.public_interest_reasoning or WITHHELD_REASONING)
            if release
            else "",
            release_after=release.release_after if release else None,
        )
    else:
        document = _withhold_if_needed(actor, document, paper)
        # The appendix keeps the title the officer gave it; the content is generated.
        document = documents.document_replace(
            actor=actor,
            document=document,
            reason="Generated from the figures held",
            body_html=body,
        )
    evidence = EvidencePaper.objects.create(
        document=document,
        kind=kind,
        year_start=year_start,
        html=render_paper(paper),
        sources=paper.sources,
        uses_withheld=paper.uses_withheld,
        generated_at=timezone.now(),
        document_version=document.version,
    )
    audit_record(
        actor=actor,
        action="education.evidence_paper_attach",
        target=evidence,
        to_state="withheld" if document.is_withheld() else "open",
        data={"kind": kind, "year_start": year_start, "document": document.pk},
    )
    return evidence


@transaction.atomic
def evidence_paper_regenerate(*, actor: Actor, paper: EvidencePaper, reason: str) -> EvidencePaper:
    """Rebuild from the figures held now; a published appendix keeps its old version."""
    authorise(actor)
    paper = EvidencePaper.objects.select_for_update().select_related("document").get(pk=paper.pk)
    built = _build(paper.kind, paper.year_start)
    document = _withhold_if_needed(actor, paper.document, built)
    document = documents.document_replace(
        actor=actor,
        document=document,
        reason=reason or "Regenerated from the figures held",
        body_html=render_paper(built, charts=False),
    )
    paper.html = render_paper(built)
    paper.sources = built.sources
    paper.uses_withheld = built.uses_withheld
    paper.generated_at = timezone.now()
    paper.document_version = document.version
    paper.save()
    audit_record(
        actor=actor,
        action="education.evidence_paper_regenerate",
        target=paper,
        data={"reason": reason},
    )
    return paper
