"""From raw extracted text to numbered lines and blocks, with OCR noise and page furniture gone.

A *line* keeps its number in the source text, so every record can point back to where it
came from. A *block* is a paragraph, heading, bullet or label line, rebuilt from lines that
the PDF or the OCR broke (wrapped lines, hyphenated words, a sentence split by a blank line).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, time

from scrutiny.paperimport.parsing.vocabulary import Vocabulary

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>(?:19|20)\d{2})\b"
)
NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)?\d{2})\b")
TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)(?![a-z])",
    re.IGNORECASE,
)
TIME_24 = re.compile(r"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)\b")
WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
# Bullets as PDFs and OCR give them: real glyphs, and the letters OCR reads them as.
BULLET = re.compile(r"^(?:[•·▪◦●○■□➢►✓*=¢€]|[-–—](?=\s)|[eo](?=\s+[A-Z“\"'‘(]))\s*")
LABEL = re.compile(r"^-?\s*\(?(?P<label>[ivx]{1,5}|[a-h]|\d{1,2})\)\s+(?=\S)")
MARKUP = re.compile(r"\*\*|__|</?u>|</?b>|</?strong>|^#+\s+")
SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "if", "any", "into", "per", "vs"}  # fmt: skip


@dataclass
class Line:
    number: int
    text: str
    indent: int = 0


@dataclass
class Block:
    kind: str  # heading, para, bullet, label, number, marker
    text: str
    first: int
    last: int
    indent: int = 0
    label: str = ""

    @property
    def lines(self) -> list[int]:
        return [self.first, self.last]


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n").replace("\t", "  ").replace("\u00ad", "")
    return "\n".join(MARKUP.sub("", line).rstrip() for line in text.split("\n"))


def read_lines(text: str, vocabulary: Vocabulary) -> list[Line]:
    """Numbered lines with page furniture ("Page 23", blank-page notices) dropped."""
    lines = []
    for number, raw in enumerate(normalise(text).split("\n"), start=1):
        stripped = raw.strip()
        if stripped and vocabulary.matches("phrases", "furniture", stripped):
            continue  # dropped, not left blank: a paragraph can run on across a page break
        expanded = raw.replace("\u00a0", " ")
        lines.append(Line(number, stripped, len(expanded) - len(expanded.lstrip(" "))))
    return lines


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def _starts_block(line: Line, vocabulary: Vocabulary) -> bool:
    text = line.text
    return bool(
        BULLET.match(text)
        or LABEL.match(text)
        or re.fullmatch(r"\d{1,3}(?:/\d{2,4})?\.?", text)
        or is_caps(text)
        or re.match(r"^\d{1,3}(?:/\d{2,4})?\.?\s+\S", text)
        or re.match(r"^[A-Z][\w '’()-]{1,40}:", text)
        or vocabulary.matches("phrases", "resolved", text)
        or vocabulary.matches("phrases", "withheld_paper", text)
        or vocabulary.matches("phrases", "report_start", text)
    )


def _kind(line: Line, vocabulary: Vocabulary) -> tuple[str, str, str]:
    """The block kind of a line that starts a block, its label, and the text without markers."""
    text = line.text
    if re.fullmatch(r"\d{1,3}(?:/\d{2,4})?\.?", text):
        return "number", "", text
    if vocabulary.matches("phrases", "withheld_paper", text) or vocabulary.matches(
        "phrases", "report_start", text
    ):
        return "marker", "", text
    label = LABEL.match(text)
    if label:
        return "label", label["label"], text[label.end() :]
    bullet = BULLET.match(text)
    if bullet and len(text) > bullet.end():
        return "bullet", "", text[bullet.end() :]
    if is_caps(text) and len(text) < 160:
        return "heading", "", text
    numbered = re.match(r"^\d{1,3}(?:/\d{2,4})?[.)]?\s+(?P<title>[A-Z].*)$", text)
    if numbered and len(numbered["title"].split()) <= 18 and not text.endswith((".", ":", ",")):
        return "heading", "", text  # "4. Fostering Service Annual Report  7 - 22"
    return "para", "", text


def _join(left: str, right: str) -> str:
    if re.search(r"[A-Za-z]-$", left) and right[:1].isalpha():
        return left + right
    return f"{left} {right}"


def _continues(previous: Block, line: Line) -> bool:
    """A line after a blank line that still belongs to the paragraph before it."""
    if previous.kind not in ("para", "bullet", "label") or not line.text:
        return False
    if BULLET.match(line.text) or LABEL.match(line.text):
        return False
    ends_open = previous.text.endswith((",", "-", "–")) or previous.text.endswith(" and")
    unfinished = not re.search(r"[.:;!?)]$", previous.text)
    return ends_open or (unfinished and line.text[:1].islower())


def _wrapped(text: str, width: float) -> bool:
    """A capitals line that ran on to the next: near the full width, or broken after "AND"."""
    return len(text) >= width or bool(re.search(r"(?:-|\b(?:AND|OF|THE|FOR|IN|TO|ON))$", text))


def _line_width(lines: list[Line]) -> float:
    lengths = sorted(len(line.text) for line in lines if line.text)
    if not lengths:
        return 45
    return min(45, 0.5 * lengths[int(len(lengths) * 0.9)])


def _opens_heading(text: str, vocabulary: Vocabulary) -> bool:
    return any(
        found is not None and found.start() == 0
        for found in (
            vocabulary.matches("headings", "minutes", text),
            vocabulary.matches("headings", "agenda", text),
            vocabulary.matches("headings", "public_information", text),
        )
    )


def blocks(lines: list[Line], vocabulary: Vocabulary) -> list[Block]:
    out: list[Block] = []
    previous_text = ""
    width = _line_width(lines)
    current: Block | None = None
    blank_before = False
    for line in lines:
        if not line.text:
            if current is not None:
                out.append(current)
                current = None
            blank_before = True
            continue
        if current is None and blank_before and out and _continues(out[-1], line):
            current = out.pop()
            current.text, current.last = _join(current.text, line.text), line.number
            blank_before = False
            previous_text = line.text
            continue
        blank_before = False
        starts = _starts_block(line, vocabulary)
        if (
            starts
            and current is not None
            and current.kind in ("para", "label", "bullet")
            and is_caps(line.text)
            and not re.match(r"^\d", line.text)
            and _wrapped(previous_text, width)
            and not re.search(r"[.:;!?]$", previous_text)
        ):
            starts = False  # capitals inside a wrapped sentence ("... Agenda Item 6 MINUTES")
        if current is not None and not starts:
            joinable = current.kind != "heading" and current.kind not in ("number", "marker")
            if joinable:
                current.text, current.last = _join(current.text, line.text), line.number
                previous_text = line.text
                continue
        if (
            current is not None
            and current.kind == "heading"
            and not re.search(r"[a-z]", line.text)
            and not re.match(r"^\d{1,3}(?:/\d{2,4})?\.?(?:\s|$)", line.text)
            and _wrapped(previous_text, width)
            and not _opens_heading(line.text, vocabulary)
        ):
            current.text, current.last = _join(current.text, line.text), line.number
            previous_text = line.text
            continue
        if current is not None:
            out.append(current)
        kind, label, text = _kind(line, vocabulary)
        previous_text = line.text
        current = Block(kind, text, line.number, line.number, line.indent, label)
    if current is not None:
        out.append(current)
    return out


def parse_date(text: str) -> tuple[date, re.Match[str]] | None:
    for found in DATE.finditer(text):
        month = MONTHS.get(found["month"].lower()) or MONTHS.get(found["month"][:3].lower())
        if month:
            try:
                return date(int(found["year"]), month, int(found["day"])), found
            except ValueError:
                continue
    numeric = NUMERIC_DATE.search(text)
    if numeric:
        year = int(numeric["year"])
        year = year + 2000 if year < 100 else year
        try:
            return date(year, int(numeric["month"]), int(numeric["day"])), numeric
        except ValueError:
            return None
    return None


def parse_time(text: str) -> time | None:
    found = TIME.search(text)
    if found:
        hour, minute = int(found["hour"]) % 12, int(found["minute"] or 0)
        if found["half"].lower().startswith("p"):
            hour += 12
        return time(hour, minute) if hour < 24 and minute < 60 else None
    if re.search(r"\bnoon\b", text, re.I):
        return time(12, 0)
    found = TIME_24.search(text)
    return time(int(found["hour"]), int(found["minute"])) if found else None


def is_acronym(word: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters or not letters.isupper():
        return False
    return any(c.isdigit() for c in word) or not re.search(r"[AEIOUY]", letters)


def readable_title(text: str) -> str:
    """An all-capitals title in title case, keeping acronyms such as SSCP and KS4."""
    text = re.sub(r"\s+", " ", text).strip().rstrip(".")
    if not is_caps(text):
        return text
    words = []
    for index, word in enumerate(text.split(" ")):
        core = word.strip("()[],:;")
        if is_acronym(core) and len(core) > 1:
            words.append(word)
        elif index and (core.lower() in SMALL_WORDS or word.startswith("(")):
            words.append(word.lower())
        else:
            words.append("-".join(part.capitalize() for part in word.lower().split("-")))
    return " ".join(words)


def clean_sentence(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
