"""The agenda pack: one PDF of the front sheet, public information, agenda and every paper.

Built in two passes. Pass 1 renders every written paper with WeasyPrint (from the same
templates as the pages) and counts the pages of every uploaded PDF, so each item's page range
is known. Pass 2 renders the front matter, whose agenda prints those ranges, and pypdf puts
the whole pack together, stamping "Page N" on the numbered pages.

Numbering starts at 1 on the first paper after the agenda, as the council's packs do. Every
paper starts on an odd page: a paper with an odd number of pages is followed by a page saying
it is intentionally blank. The front matter is padded the same way so page 1 is a right-hand
page when printed double-sided.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import lru_cache
from io import BytesIO
from itertools import zip_longest
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from pypdf import PageObject, PdfReader
from pypdf.errors import PdfReadError

from scrutiny.committees.models import AgendaItem, AgendaItemKind, Meeting
from scrutiny.committees.queries import seat_holders
from scrutiny.core import registry
from scrutiny.core.access import Audience
from scrutiny.core.models import Council, ExemptCategory
from scrutiny.core.packparts import PackPart
from scrutiny.core.tagged_pdf import Bookmark, TaggedWriter
from scrutiny.documents.generated import generated_parts
from scrutiny.documents.models import AgendaPack, Document, PublicInformationSection, UrgentItem
from scrutiny.documents.public_information import DEFAULT_SECTIONS, DefaultSection
from scrutiny.documents.reports import report_context
from scrutiny.documents.stamping import stamp

Variant = AgendaPack.Variant
log = logging.getLogger(__name__)

AUDIENCES = {Variant.PUBLIC: Audience.PUBLIC, Variant.MEMBERS: Audience.MEMBERS}
PartsFunction = Callable[[Meeting, AgendaItem, Audience], list[PackPart]]


def pack_part_providers() -> list[PartsFunction]:
    """Every app's registered pack parts, in dependency order, then the generated appendices."""
    return [*registry.pack_parts.entries(), generated_parts]


@dataclass
class PlannedPaper:
    """One paper of the pack; it starts on an odd page."""

    item_number: int
    title: str
    html: str = ""
    pdf_loader: Callable[[], bytes] | None = None
    identity: str = ""  # what the fingerprint hashes for a PDF (content never changes in place)
    page_mark: str = ""  # printed at the top of every page (members' pack, exempt papers)
    pdf_pages: list[PageObject] | None = field(default=None, repr=False)

    def fingerprint_entry(self) -> list[str]:
        content = hashlib.sha256(self.html.encode()).hexdigest() if self.html else self.identity
        return [str(self.item_number), self.title, content, self.page_mark]


@dataclass
class AgendaEntry:
    item: AgendaItem
    summary_visible: bool
    urgency: UrgentItem | None
    pages: tuple[int, int] | None = None

    @property
    def pages_label(self) -> str:
        if not self.pages:
            return ""
        first, last = self.pages
        return f"Page {first}" if first == last else f"Pages {first} - {last}"


@dataclass
class PackPlan:
    meeting: Meeting
    variant: str
    front_context: dict
    agenda: list[AgendaEntry]
    papers: list[PlannedPaper]
    front_sheet_html: str = ""
    information_html: str = ""
    fingerprint: str = field(default="")


@dataclass(frozen=True)
class BuiltPack:
    pdf: bytes
    page_count: int
    numbered_pages: int
    ranges: dict[int, tuple[int, int]]
    fingerprint: str


def _withheld(document: Document, variant: str) -> bool:
    return variant == Variant.PUBLIC and document.is_withheld()


def _rules_reference(category: ExemptCategory, council: Council) -> str:
    if category.is_statutory:
        return (
            f"paragraph {category.code} of Part 1 of Schedule 12A to the Local Government Act 1972"
        )
    return council.exempt_rules_reference


def _page_mark(category: ExemptCategory, council: Council) -> str:
    return f"NOT FOR PUBLICATION - {category.label} of {_rules_reference(category, council)}"


def _heading(item: AgendaItem, document_kind: str, number: int | None) -> str:
    heading = f"Agenda Item {item.number}"
    if document_kind == Document.Kind.APPENDIX and number:
        heading += f" · Appendix {number}"
    return heading


def _confidential_html(
    *, heading: str, title: str, category: ExemptCategory, council: Council
) -> str:
    return render_to_string(
        "documents/pack/_confidential.html",
        {
            "heading": heading,
            "title": title,
            "category_label": category.label,
            "rules_reference": _rules_reference(category, council),
        },
    )


def _document_paper(
    document: Document, item: AgendaItem, variant: str, council: Council
) -> PlannedPaper:
    heading = _heading(item, document.kind, document.number)
    title = document.display_title
    category = document.withholding_category
    if _withheld(document, variant):
        if category is None:  # the database requires a category of exempt papers and items
            raise ValueError(f"withheld paper {document.pk} has no exempt-information category")
        # Only the title and category reach the public pack; the content is never rendered.
        return PlannedPaper(
            item.number,
            title,
            html=_confidential_html(
                heading=heading, title=title, category=category, council=council
            ),
        )
    mark = _page_mark(category, council) if category is not None else ""
    if document.is_pdf:

        def load(document: Document = document) -> bytes:
            with document.file.open("rb") as handle:
                return handle.read()

        identity = (
            f"document:{document.pk}:v{document.version}:{document.file.name}:{document.size}"
        )
        return PlannedPaper(item.number, title, pdf_loader=load, identity=identity, page_mark=mark)
    context = {
        "heading": heading,
        "title": title,
        "document": document,
        "report_context": report_context(document.report) if hasattr(document, "report") else None,
        "withheld_label": mark.removeprefix("NOT FOR PUBLICATION - ") if mark else "",
    }
    return PlannedPaper(
        item.number,
        title,
        html=render_to_string("documents/pack/_part.html", context),
        page_mark=mark,
    )


def _hook_paper(part: PackPart, item: AgendaItem, variant: str, council: Council) -> PlannedPaper:
    heading = part.heading or f"Agenda Item {item.number}"
    if part.appendix_number and not part.heading:
        heading += f" · Appendix {part.appendix_number}"
    if part.appendix_number:
        part = replace(part, title=f"Appendix {part.appendix_number}: {part.title}")
    if part.exempt_category is not None and variant == Variant.PUBLIC:  # part.is_withheld
        return PlannedPaper(
            item.number,
            part.title,
            html=_confidential_html(
                heading=heading, title=part.title, category=part.exempt_category, council=council
            ),
        )
    mark = _page_mark(part.exempt_category, council) if part.exempt_category is not None else ""
    if part.pdf is not None:
        data = part.pdf
        return PlannedPaper(
            item.number,
            part.title,
            pdf_loader=lambda: data,
            identity=f"part:{part.content_digest()}",
            page_mark=mark,
        )
    html = (
        render_to_string(
            "documents/pack/_part.html",
            {
                "heading": heading,
                "title": part.title,
                "document": None,
                "report_context": None,
                "withheld_label": mark.removeprefix("NOT FOR PUBLICATION - ") if mark else "",
            },
        )
        + part.html
    )
    return PlannedPaper(item.number, part.title, html=html, page_mark=mark)


KIND_ORDER: dict[str, int] = {
    Document.Kind.MINUTES: 0,
    Document.Kind.REPORT: 1,
    Document.Kind.APPENDIX: 2,
    Document.Kind.OTHER: 3,
}


def _documents_by_item(meeting: Meeting) -> dict[int, list[Document]]:
    documents = (
        Document.objects.filter(
            meeting=meeting, agenda_item__isnull=False, published_at__isnull=False
        )
        .select_related("exempt_category", "report", "agenda_item__exempt_category")
        .prefetch_related("agenda_item__documents__exempt_category")
    )
    grouped: dict[int, list[Document]] = {}
    for document in documents:
        if document.agenda_item_id is not None:  # the query's filter, for the type
            grouped.setdefault(document.agenda_item_id, []).append(document)
    for papers in grouped.values():
        papers.sort(key=lambda d: (KIND_ORDER[d.kind], d.number or 0, d.pk))
    return grouped


def _public_information(meeting: Meeting) -> dict:
    sections: Sequence[PublicInformationSection | DefaultSection] = list(
        PublicInformationSection.objects.filter(is_active=True)
    )
    if not sections:
        sections = DEFAULT_SECTIONS
    terms = [
        line.strip()[2:] if line.strip().startswith("- ") else line.strip()
        for line in meeting.panel.terms_of_reference.splitlines()
        if line.strip()
    ]
    year_meetings = Meeting.objects.filter(panel=meeting.panel).exclude(status="cancelled")
    if meeting.municipal_year_id:
        year_meetings = year_meetings.filter(municipal_year_id=meeting.municipal_year_id)
    else:
        year_meetings = year_meetings.filter(date__year=meeting.date.year)
    by_year: dict[int, list] = {}
    for day in year_meetings.order_by("date").values_list("date", flat=True):
        by_year.setdefault(day.year, []).append(day)
    columns = list(by_year.items())
    rows = list(zip_longest(*[days for _, days in columns]))
    return {
        "public_information": sections,
        "terms": terms,
        "meeting_dates": columns,
        "meeting_date_rows": rows,
    }


def pack_plan(meeting: Meeting, variant: str) -> PackPlan:
    """Everything the pack will print, without rendering any PDF; its fingerprint keys the cache."""
    if variant not in Variant.values:
        raise ValueError(f"Unknown pack variant {variant!r}")
    council = Council.load()
    holders = seat_holders(meeting.panel, meeting.date)
    front_context = {
        "meeting": meeting,
        "variant": variant,
        "councillors": [h for h in holders if h.seat.kind == "councillor"],
        "appointed": [h for h in holders if h.seat.kind == "appointed"],
        "contacts": list(meeting.panel.contacts.select_related("person")),
        **_public_information(meeting),
    }
    urgency = {u.agenda_item_id: u for u in UrgentItem.objects.filter(agenda_item__meeting=meeting)}
    documents = _documents_by_item(meeting)
    providers = pack_part_providers()
    audience = AUDIENCES[Variant(variant)]
    agenda: list[AgendaEntry] = []
    papers: list[PlannedPaper] = []
    items = meeting.agenda_items.select_related("exempt_category").order_by("number")
    for item in items:
        agenda.append(
            AgendaEntry(
                item,
                summary_visible=variant == Variant.MEMBERS or not item.is_exempt,
                urgency=urgency.get(item.pk),
            )
        )
        supplied = [
            part
            for provider in providers
            for part in provider(meeting, item, audience)
            if part.variant in ("", variant)
        ]
        replaced_appendices = {p.appendix_number for p in supplied if p.appendix_number}
        ordered: list[tuple[tuple[int, int], PlannedPaper]] = []
        for document in documents.get(item.pk, []):
            if (
                supplied
                and item.kind == AgendaItemKind.PREVIOUS_MINUTES
                and document.kind == Document.Kind.MINUTES
            ):
                continue  # the minutes app prints the minutes itself
            if document.kind == Document.Kind.APPENDIX and document.number in replaced_appendices:
                continue  # a stand-in for an appendix another app prints
            key = (KIND_ORDER[document.kind], document.number or 0)
            ordered.append((key, _document_paper(document, item, variant, council)))
        for position, part in enumerate(supplied):
            if part.appendix_number:
                key = (KIND_ORDER[Document.Kind.APPENDIX], part.appendix_number)
            elif item.kind == AgendaItemKind.PREVIOUS_MINUTES:
                key = (KIND_ORDER[Document.Kind.MINUTES], position)
            else:
                key = (len(KIND_ORDER), position)
            ordered.append((key, _hook_paper(part, item, variant, council)))
        ordered.sort(key=lambda pair: pair[0])  # stable: documents before parts on equal keys
        papers.extend(paper for _, paper in ordered)
    plan = PackPlan(meeting, variant, front_context, agenda, papers)
    plan.front_sheet_html = render_to_string("documents/pack/_front_sheet.html", front_context)
    plan.information_html = render_to_string(
        "documents/pack/_public_information.html", front_context
    )
    manifest = {
        "variant": variant,
        "front": hashlib.sha256(
            (plan.front_sheet_html + plan.information_html).encode()
        ).hexdigest(),
        "agenda": [
            [
                e.item.number,
                e.item.title,
                e.item.summary if e.summary_visible else "",
                e.item.is_exempt,
                e.urgency.reasons if e.urgency else "",
            ]
            for e in agenda
        ],
        "published": meeting.agenda_published_at.isoformat() if meeting.agenda_published_at else "",
        "papers": [paper.fingerprint_entry() for paper in papers],
        "layout": LAYOUT_VERSION,
    }
    plan.fingerprint = hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()
    return plan


# Bump when the templates or page layout change, so packs built before are rebuilt.
LAYOUT_VERSION = 3  # 3: tagged papers


def _html_document(parts: list[tuple[str, str]], title: str):
    from weasyprint import HTML  # imported late: heavy, and only the builder needs it

    html = render_to_string(
        "documents/pack/document.html",
        {
            "title": title,
            "parts": [{"anchor": anchor, "html": mark_safe(body)} for anchor, body in parts],  # noqa: S308
        },
    )
    return HTML(
        string=html, base_url=str(settings.PACKAGE_DIR), url_fetcher=_offline_fetcher()
    ).render()


def _offline_fetcher():
    """Papers print offline: inline data only, never a file or network fetch from their HTML."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def _spans(document, anchors: list[str]) -> dict[str, range]:
    starts: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, index)
    ordered = sorted((starts[a], a) for a in anchors)
    spans = {}
    for position, (start, anchor) in enumerate(ordered):
        end = ordered[position + 1][0] if position + 1 < len(ordered) else len(document.pages)
        spans[anchor] = range(start, end)
    return spans


def render_pack(plan: PackPlan, cache: PaperCache | None = None) -> BuiltPack:
    title = f"{plan.meeting.panel.name}, {plan.meeting.date:%-d %B %Y}"
    cache = cache or PaperCache()
    # Pass 1: every written paper (plus the blank page and notices for unreadable uploads).
    # Papers rendered before with the same HTML and layout come from the cache; the rest are
    # rendered together in one WeasyPrint document.
    html_parts = {f"paper-{i}": paper.html for i, paper in enumerate(plan.papers) if paper.html}
    for i, paper in enumerate(plan.papers):
        if paper.pdf_loader and _pdf_pages(paper) is None:
            html_parts[f"unreadable-{i}"] = render_to_string(
                "documents/pack/_unreadable.html", {"title": paper.title}
            )
    html_parts["blank"] = render_to_string("documents/pack/_blank.html")
    cached = {anchor: cache.load(html) for anchor, html in html_parts.items()}
    part_pages = {anchor: pages for anchor, pages in cached.items() if pages is not None}
    missing = [anchor for anchor, pages in cached.items() if pages is None]
    if missing:
        body = _html_document([(anchor, html_parts[anchor]) for anchor in missing], title)
        spans = _spans(body, missing)
        body_pdf = PdfReader(BytesIO(body.write_pdf(pdf_tags=True)))
        for anchor in missing:
            part_pages[anchor] = [body_pdf.pages[i] for i in spans[anchor]]
            cache.store(html_parts[anchor], part_pages[anchor])
    blank_page = part_pages["blank"][0]

    # (page or None for a blank, top-of-page mark)
    numbered: list[tuple[PageObject | None, str]] = []
    ranges: dict[int, tuple[int, int]] = {}
    starts: list[int] = []  # each paper's first numbered page (0-based)
    for index, paper in enumerate(plan.papers):
        first = len(numbered) + 1
        starts.append(len(numbered))
        if paper.html:
            pages = part_pages[f"paper-{index}"]
        else:
            pages = _pdf_pages(paper) or part_pages[f"unreadable-{index}"]
        numbered.extend((page, paper.page_mark) for page in pages)
        if len(numbered) % 2:
            numbered.append((None, ""))
        start = ranges.get(paper.item_number, (first, 0))[0]
        ranges[paper.item_number] = (start, len(numbered))

    # Pass 2: the front matter, whose agenda prints the ranges just counted.
    for entry in plan.agenda:
        entry.pages = ranges.get(entry.item.number)
    agenda_html = render_to_string(
        "documents/pack/_agenda.html",
        {
            "agenda": plan.agenda,
            "published_on": plan.meeting.agenda_published_at,
        },
    )
    front = _html_document(
        [
            ("front", plan.front_sheet_html),
            ("information", plan.information_html),
            ("agenda", agenda_html),
        ],
        title,
    )
    front_pdf = PdfReader(BytesIO(front.write_pdf(pdf_tags=True)))

    tagged = TaggedWriter()
    for page in front_pdf.pages:
        tagged.add_page(page)
    front_count = len(front_pdf.pages)
    if front_count % 2:
        _add_blank(tagged, blank_page)
        front_count += 1
    for number, (paper_page, mark) in enumerate(numbered, start=1):
        added = (
            _add_blank(tagged, blank_page) if paper_page is None else tagged.add_page(paper_page)
        )
        stamp(tagged.writer, added, footer=f"Page {number}", header=mark)
    pdf = tagged.write(title=title, bookmarks=_bookmarks(plan, front, front_count, starts))
    return BuiltPack(
        pdf=pdf,
        page_count=front_count + len(numbered),
        numbered_pages=len(numbered),
        ranges=ranges,
        fingerprint=plan.fingerprint,
    )


def _bookmarks(plan: PackPlan, front, front_count: int, starts: list[int]) -> list[Bookmark]:
    """Front sheet, public information and agenda, then one bookmark per item with one
    per paper (report, appendix) beneath it."""
    front_marks = []
    for anchor, label in (
        ("front", "Front sheet"),
        ("information", "Public information"),
        ("agenda", "Agenda"),
    ):
        page = next((i for i, p in enumerate(front.pages) if anchor in p.anchors), None)
        if page is not None:
            front_marks.append(Bookmark(label, page))
    items: dict[int, Bookmark] = {}
    titles = {entry.item.number: entry.item.title for entry in plan.agenda}
    marks = list(front_marks)
    for paper, start in zip(plan.papers, starts, strict=True):
        page = front_count + start
        item = items.get(paper.item_number)
        if item is None:
            label = f"{paper.item_number}. {titles.get(paper.item_number, paper.title)}"
            item = items[paper.item_number] = Bookmark(label, page)
            marks.append(item)
        item.children.append(Bookmark(paper.title, page))
    return marks


class PaperCache:
    """Rendered papers on disk, keyed on their HTML and the pack's layout.

    A rebuild after one paper changes renders only that paper. Files live under MEDIA_ROOT,
    which no URL serves; a withheld paper's cached pages are as private as its upload.
    """

    MAX_AGE = timedelta(days=30)

    def __init__(self, directory: Path | None = None):
        self.directory = directory or Path(settings.MEDIA_ROOT) / "packs" / "papers"

    def _path(self, html: str) -> Path:
        digest = hashlib.sha256(
            f"{LAYOUT_VERSION}:{_stylesheet_digest()}:{html}".encode()
        ).hexdigest()
        return self.directory / f"{digest}.pdf"

    def load(self, html: str) -> list[PageObject] | None:
        path = self._path(html)
        try:
            pages = list(PdfReader(path).pages)
        except (OSError, PdfReadError, ValueError):
            return None
        os.utime(path)  # recently used: kept by prune()
        return pages or None

    def store(self, html: str, pages: list[PageObject]) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        writer = TaggedWriter()  # the paper's tags are kept with it
        for page in pages:
            writer.add_page(page)
        path = self._path(html)
        partial = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
        with partial.open("wb") as handle:
            handle.write(writer.write(title=""))
        partial.replace(path)  # atomic: a reader never sees half a file

    def prune(self) -> int:
        if not self.directory.exists():
            return 0
        cutoff = time.time() - self.MAX_AGE.total_seconds()
        removed = 0
        for path in self.directory.glob("*.pdf"):
            if path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


@lru_cache(maxsize=1)
def _stylesheet_digest() -> str:
    from django.template.loader import get_template

    # The Django backend's template wraps the engine's, which holds the source.
    source = get_template("documents/pack/pack.css").template.source  # type: ignore[attr-defined]
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def _pdf_pages(paper: PlannedPaper) -> list[PageObject] | None:
    """The pages of an uploaded PDF, or None if it cannot be read (the pack then says so)."""
    if paper.pdf_pages is None:
        try:
            if paper.pdf_loader is None:
                raise ValueError("the paper has no PDF")
            paper.pdf_pages = list(PdfReader(BytesIO(paper.pdf_loader())).pages) or []
        except (PdfReadError, ValueError, KeyError, TypeError, OSError):
            log.warning("Uploaded PDF %r could not be read for the agenda pack", paper.title)
            paper.pdf_pages = []
    return paper.pdf_pages or None


def _add_blank(writer: TaggedWriter, blank_page: PageObject) -> PageObject:
    # A fresh page each time: a shared page object would collect every page's stamp.
    page = writer.add_blank_page(
        float(blank_page.mediabox.width), float(blank_page.mediabox.height)
    )
    page.merge_page(blank_page)
    return page


def build_pack(meeting: Meeting, variant: str, cache: PaperCache | None = None) -> BuiltPack:
    return render_pack(pack_plan(meeting, variant), cache)
