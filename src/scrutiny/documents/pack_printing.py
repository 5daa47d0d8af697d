"""The agenda pack: one PDF of the front sheet, public information, agenda and every paper.

Built in two passes. Pass 1 takes every written paper as printed by WeasyPrint (from the same
templates as the pages; ``pack_papers`` prints each one alone and caches it) and counts the
pages of every uploaded PDF, so each item's page range is known. Pass 2 prints the front
matter, whose agenda prints those ranges, and pypdf puts the whole pack together, stamping
"Page N" on the numbered pages. The same plan always gives the same bytes.

Numbering starts at 1 on the first paper after the agenda, as the council's packs do. Every
paper starts on an odd page: a paper with an odd number of pages is followed by a page saying
it is intentionally blank. The front matter is padded the same way so page 1 is a right-hand
page when printed double-sided.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from io import BytesIO
from itertools import zip_longest

from django.template.loader import render_to_string
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
from scrutiny.documents.pack_papers import LAYOUT_VERSION, PaperCache
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
    # Where the paper came from, so a published issue can be redacted later (pack_issues).
    heading: str = ""
    item_id: int | None = None
    document_id: int | None = None
    appendix_number: int | None = None
    pdf_source: str = ""  # "file:<storage name>" or "part:<digest>" for a PDF paper
    redacted: bool = False  # printed as the "Document is Confidential" notice

    def fingerprint_entry(self) -> list[str]:
        content = hashlib.sha256(self.html.encode()).hexdigest() if self.html else self.identity
        return [str(self.item_number), self.title, content, self.page_mark]


@dataclass
class AgendaEntry:
    """One item as the agenda prints it (plain data, so a published issue can keep it)."""

    number: int
    title: str
    summary: str  # empty where not shown
    summary_visible: bool
    withheld_label: str  # the exempt category printed where the summary is withheld
    urgency_reasons: str = ""
    item_id: int | None = None
    pages: tuple[int, int] | None = None

    @classmethod
    def of(cls, item: AgendaItem, *, summary_visible: bool, urgency: UrgentItem | None):
        category = item.exempt_category
        return cls(
            number=item.number,
            title=item.title,
            summary=item.summary if summary_visible else "",
            summary_visible=summary_visible,
            withheld_label=category.label if category is not None else "",
            urgency_reasons=urgency.reasons if urgency else "",
            item_id=item.pk,
        )

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
    published_on: datetime | None = None  # printed under the agenda

    @property
    def title(self) -> str:
        return f"{self.meeting.panel.name}, {self.meeting.date:%-d %B %Y}"


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
    origin: dict = {
        "heading": heading,
        "item_id": item.pk,
        "document_id": document.pk,
        "appendix_number": document.number if document.kind == Document.Kind.APPENDIX else None,
    }
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
            redacted=True,
            **origin,
        )
    mark = _page_mark(category, council) if category is not None else ""
    if document.is_pdf:

        def load(document: Document = document) -> bytes:
            with document.file.open("rb") as handle:
                return handle.read()

        identity = (
            f"document:{document.pk}:v{document.version}:{document.file.name}:{document.size}"
        )
        return PlannedPaper(
            item.number,
            title,
            pdf_loader=load,
            identity=identity,
            page_mark=mark,
            pdf_source=f"file:{document.file.name}",
            **origin,
        )
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
        **origin,
    )


def _hook_paper(part: PackPart, item: AgendaItem, variant: str, council: Council) -> PlannedPaper:
    heading = part.heading or f"Agenda Item {item.number}"
    if part.appendix_number and not part.heading:
        heading += f" · Appendix {part.appendix_number}"
    if part.appendix_number:
        part = replace(part, title=f"Appendix {part.appendix_number}: {part.title}")
    origin: dict = {"heading": heading, "item_id": item.pk, "appendix_number": part.appendix_number}
    if part.exempt_category is not None and variant == Variant.PUBLIC:  # part.is_withheld
        return PlannedPaper(
            item.number,
            part.title,
            html=_confidential_html(
                heading=heading, title=part.title, category=part.exempt_category, council=council
            ),
            redacted=True,
            **origin,
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
            pdf_source=f"part:{part.content_digest()}",
            **origin,
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
    return PlannedPaper(item.number, part.title, html=html, page_mark=mark, **origin)


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
            AgendaEntry.of(
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
    plan = PackPlan(
        meeting, variant, front_context, agenda, papers, published_on=meeting.agenda_published_at
    )
    plan.front_sheet_html = render_to_string("documents/pack/_front_sheet.html", front_context)
    plan.information_html = render_to_string(
        "documents/pack/_public_information.html", front_context
    )
    plan.fingerprint = plan_fingerprint(plan)
    return plan


def plan_fingerprint(plan: PackPlan) -> str:
    """The hash of everything the pack prints: equal plans print equal bytes."""
    manifest = {
        "variant": plan.variant,
        "front": hashlib.sha256(
            (plan.front_sheet_html + plan.information_html).encode()
        ).hexdigest(),
        "agenda": [
            [
                e.number,
                e.title,
                e.summary,
                not e.summary_visible,
                e.withheld_label,
                e.urgency_reasons,
            ]
            for e in plan.agenda
        ],
        "published": plan.published_on.isoformat() if plan.published_on else "",
        "papers": [paper.fingerprint_entry() for paper in plan.papers],
        "layout": LAYOUT_VERSION,
    }
    return hashlib.sha256(json.dumps(manifest, sort_keys=True).encode()).hexdigest()


def blank_html() -> str:
    return render_to_string("documents/pack/_blank.html")


def paper_htmls(plan: PackPlan) -> list[str]:
    """What ``render_pack`` prints that can be printed ahead: each written paper, the blank
    page, the front sheet and the public information (only the agenda waits for the ranges)."""
    return [
        *(paper.html for paper in plan.papers if paper.html),
        blank_html(),
        plan.front_sheet_html,
        plan.information_html,
    ]


def render_pack(plan: PackPlan, cache: PaperCache | None = None) -> BuiltPack:
    """Merge the plan's papers, printed one by one (from the cache where already printed),
    number the pages and print the front matter, whose agenda shows the page ranges."""
    title = plan.title
    cache = cache or PaperCache()
    # Pass 1: every written paper, the blank page and notices for unreadable uploads.
    html_parts = {f"paper-{i}": paper.html for i, paper in enumerate(plan.papers) if paper.html}
    for i, paper in enumerate(plan.papers):
        if paper.pdf_loader and _pdf_pages(paper) is None:
            html_parts[f"unreadable-{i}"] = render_to_string(
                "documents/pack/_unreadable.html", {"title": paper.title}
            )
    html_parts["blank"] = blank_html()
    cache.prepare(html_parts.values())
    part_pages = {anchor: cache.pages(html) for anchor, html in html_parts.items()}
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
        entry.pages = ranges.get(entry.number)
    agenda_html = render_to_string(
        "documents/pack/_agenda.html",
        {"agenda": plan.agenda, "published_on": plan.published_on},
    )
    front_parts = [
        ("Front sheet", plan.front_sheet_html),
        ("Public information", plan.information_html),
        ("Agenda", agenda_html),
    ]
    cache.prepare(html for _, html in front_parts)
    front_marks: list[Bookmark] = []
    front_pages: list[PageObject] = []
    for label, html in front_parts:
        front_marks.append(Bookmark(label, len(front_pages)))
        front_pages.extend(cache.pages(html))

    tagged = TaggedWriter()
    for page in front_pages:
        tagged.add_page(page)
    front_count = len(front_pages)
    if front_count % 2:
        _add_blank(tagged, blank_page)
        front_count += 1
    for number, (paper_page, mark) in enumerate(numbered, start=1):
        added = (
            _add_blank(tagged, blank_page) if paper_page is None else tagged.add_page(paper_page)
        )
        stamp(tagged.writer, added, footer=f"Page {number}", header=mark)
    pdf = tagged.write(title=title, bookmarks=_bookmarks(plan, front_marks, front_count, starts))
    return BuiltPack(
        pdf=pdf,
        page_count=front_count + len(numbered),
        numbered_pages=len(numbered),
        ranges=ranges,
        fingerprint=plan.fingerprint,
    )


def _bookmarks(
    plan: PackPlan, front_marks: list[Bookmark], front_count: int, starts: list[int]
) -> list[Bookmark]:
    """Front sheet, public information and agenda, then one bookmark per item with one
    per paper (report, appendix) beneath it."""
    items: dict[int, Bookmark] = {}
    titles = {entry.number: entry.title for entry in plan.agenda}
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
