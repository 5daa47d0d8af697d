"""The council report template: numbered paragraphs, recommendations and supporting lists.

Paragraph fields hold paragraphs separated by blank lines (already sanitised when saved).
Paragraph numbers run on from one section to the next, as the printed template does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from scrutiny.documents.models import Document, Report

_BLANK_LINE = re.compile(r"\n\s*\n")
_HAS_TAG = re.compile(r"<[a-zA-Z]")


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in _BLANK_LINE.split(text.replace("\r\n", "\n")) if p.strip()]


def paragraph_html(paragraph: str) -> SafeString:
    """A stored paragraph as HTML: plain text is escaped, sanitised markup kept."""
    if _HAS_TAG.search(paragraph):
        return mark_safe(paragraph)  # noqa: S308 - sanitised with nh3 when saved
    return mark_safe(escape(paragraph).replace("\n", "<br>"))  # noqa: S308 - escaped


def roman(number: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


@dataclass
class ReportSection:
    heading: str
    subheading: str = ""
    paragraphs: list[tuple[int, SafeString]] = field(default_factory=list)
    heading_continues: bool = False  # a second block under the same heading (legal implications)


# (field name, heading, subheading); a repeated heading prints once.
NUMBERED_SECTIONS = [
    ("reasons", "Reasons for report recommendations", ""),
    ("alternative_options", "Alternative options considered and rejected", ""),
    ("detail", "Detail (including consultation carried out)", ""),
    ("resource_implications", "Resource implications", "Capital/Revenue/Property/Other"),
    (
        "legal_statutory_power",
        "Legal implications",
        "Statutory power to undertake proposals in the report",
    ),
    ("legal_other", "Legal implications", "Other legal implications"),
    ("risk_implications", "Risk management implications", ""),
    ("policy_framework_implications", "Policy framework implications", ""),
]


def numbered_sections(report: Report) -> list[ReportSection]:
    sections: list[ReportSection] = []
    number = 0
    previous_heading = ""
    for field_name, heading, subheading in NUMBERED_SECTIONS:
        section = ReportSection(heading, subheading, heading_continues=heading == previous_heading)
        for paragraph in split_paragraphs(getattr(report, field_name)) or ["None"]:
            number += 1
            section.paragraphs.append((number, paragraph_html(paragraph)))
        sections.append(section)
        previous_heading = heading
    return sections


def recommendations(report: Report) -> list[tuple[str, SafeString]]:
    return [
        (f"({roman(n)})", paragraph_html(p))
        for n, p in enumerate(split_paragraphs(report.recommendations), start=1)
    ]


def report_context(report: Report) -> dict:
    """Everything the report template prints; appendices are the item's current ones."""
    document = report.document
    appendices: list[Document] = []
    if (item := document.agenda_item) is not None:
        appendices = [d for d in item.documents.all() if d.kind == Document.Kind.APPENDIX]
        appendices.sort(key=lambda d: (d.number or 0, d.pk))
    return {
        "report": report,
        "document": document,
        "brief_summary": paragraph_html_blocks(report.brief_summary),
        "recommendations": recommendations(report),
        "sections": numbered_sections(report),
        "appendices": appendices,
        "members_rooms": [
            line.strip() for line in report.documents_in_members_rooms.splitlines() if line.strip()
        ],
        "background_documents": report.background_documents or [],
    }


def paragraph_html_blocks(text: str) -> list[SafeString]:
    return [paragraph_html(p) for p in split_paragraphs(text)]
