"""The agenda: numbered items with titles, page ranges, summaries and exempt markers.

An item starts at a heading: a number and a title on one line ("8 EDUCATION OUTCOMES AND
CONTEXT", "3. Minutes of the meeting held on ..."), or a title in capitals whose number the
layout separated from it. Numbers lost that way are inferred from their neighbours.
"""

from __future__ import annotations

import re

from scrutiny.paperimport.parsing.frontsheet import publication_date
from scrutiny.paperimport.parsing.records import AgendaEntry
from scrutiny.paperimport.parsing.text import Block, clean_sentence, is_caps, readable_title
from scrutiny.paperimport.parsing.vocabulary import Vocabulary

NUMBERED = re.compile(r"^(?:item\s+)?(?P<number>\d{1,3})[.)]?\s+(?P<title>\S.*)$", re.I)
PAGES = re.compile(
    r"\(?\s*pages?\s+(?P<start>\d{1,4})(?:\s*(?:[-–—]|to)\s*(?P<end>\d{1,4}))?\s*\)?", re.I
)
TRAILING_PAGES = re.compile(r"\s+(?P<start>\d{1,4})\s*[-–—]\s*(?P<end>\d{1,4})\s*$")


def exempt_codes(text: str, vocabulary: Vocabulary) -> list[str]:
    codes: list[str] = []
    for pattern in vocabulary.patterns("phrases", "exempt_codes"):
        for found in pattern.finditer(text):
            for code in re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", found["codes"]):
                if code and code.lower() not in codes:
                    codes.append(code.lower())
    return codes


def exempt_appendices(text: str, vocabulary: Vocabulary) -> list[int]:
    numbers: list[int] = []
    for sentence in re.split(r"(?<=[.;])\s+", text):
        if not exempt_codes(sentence, vocabulary):
            continue
        for pattern in vocabulary.patterns("phrases", "exempt_appendix"):
            for found in pattern.finditer(sentence):
                numbers += [int(n) for n in re.findall(r"\d+", found["appendices"])]
    return sorted(set(numbers))


def _heading(block: Block) -> tuple[int | None, str] | None:
    """The number and title of an item heading, or None if the block is not one."""
    numbered = NUMBERED.match(block.text)
    if numbered and (is_caps(numbered["title"]) or _title_like(numbered["title"])):
        return int(numbered["number"]), numbered["title"]
    if block.kind == "heading" and not PAGES.fullmatch(block.text):
        return None, block.text
    return None


def _title_like(text: str) -> bool:
    text = TRAILING_PAGES.sub("", PAGES.sub("", text)).strip()
    words = text.split()
    return 0 < len(words) <= 18 and text[:1].isupper() and not text.endswith(".")


def infer_numbers(entries: list, hints: dict[int, int], *, start_at: int | None) -> None:
    """Fill in numbers the layout lost, from the nearest numbered neighbour.

    ``hints`` are stray numbers printed near an entry (index -> number); they are used only
    when no entry has a number of its own, since a two-column layout moves them about.
    """
    known = [i for i, e in enumerate(entries) if e.number is not None]
    if not known and hints:
        for index, number in hints.items():
            entries[index].number = number
        known = sorted(hints)
    for index, entry in enumerate(entries):
        if entry.number is not None:
            continue
        after = next((k for k in known if k > index), None)
        before = next((k for k in reversed(known) if k < index), None)
        if before is not None:
            entry.number = entries[before].number + (index - before)
        elif after is not None and entries[after].number - (after - index) >= 1:
            entry.number = entries[after].number - (after - index)
        elif start_at is not None:
            entry.number = start_at + index
        if entry.number is not None:
            entry.doubt("number", "The number was not printed beside the title; inferred.")
    numbers = [e.number for e in entries if e.number is not None]
    if len(set(numbers)) != len(numbers):
        for entry in entries:
            entry.doubt("number", "Numbers repeat: check the order.")


def _set_pages(entry: AgendaEntry, found: re.Match[str]) -> None:
    entry.page_start = int(found["start"])
    entry.page_end = int(found["end"]) if found["end"] else entry.page_start


def parse(found: list[Block], vocabulary: Vocabulary) -> tuple[list[AgendaEntry], str | None]:
    """Items of the agenda, and the publication date printed at its end (if any)."""
    entries: list[AgendaEntry] = []
    hints: dict[int, int] = {}
    pending_number: int | None = None
    published_on = None
    for block in found:
        if entries and publication_date(block):
            published_on = publication_date(block)
            break
        if block.kind == "number":
            pending_number = int(re.sub(r"\D.*$", "", block.text))
            continue
        heading = _heading(block)
        if heading is not None:
            number, title = heading
            entry = AgendaEntry(number=number, title="", lines=block.lines)
            pages = PAGES.search(title) or TRAILING_PAGES.search(title)
            if pages:
                _set_pages(entry, pages)
                title = title[: pages.start()]
            entry.title = readable_title(title.strip(" .-–"))
            entry.kind = vocabulary.which("procedural", entry.title) or "report"
            if number is None and pending_number is not None:
                hints[len(entries)] = pending_number
            entries.append(entry)
            pending_number = None
            continue
        if not entries:
            continue
        entry = entries[-1]
        entry.lines[1] = block.last
        pages = PAGES.match(block.text)
        if pages and entry.page_start is None:
            _set_pages(entry, pages)
            rest = block.text[pages.end() :].strip()
            if not rest:
                continue
        entry.summary = clean_sentence(f"{entry.summary}\n\n{block.text}".strip())
    for entry in entries:
        entry.exempt_categories = exempt_codes(entry.summary, vocabulary)
        entry.exempt_appendices = exempt_appendices(entry.summary, vocabulary)
        if entry.exempt_categories and entry.kind == "report" and not entry.exempt_appendices:
            entry.doubt("exempt_categories", "Exempt information is mentioned: check the scope.")
    infer_numbers(entries, hints, start_at=1)
    return entries, published_on
