"""Minutes: who attended, then numbered minutes with speakers, points and resolutions.

The reading follows how UK minutes are built, whatever the council: a heading naming the
body and date; attendance blocks led by labels ("Present", "Apologies", co-opted or
appointed members, "Also present"); then minutes, each a numbered title followed by
paragraphs, bulleted discussion points, and "Resolved" with its sub-numbered decisions.
"""

from __future__ import annotations

import re

from scrutiny.paperimport.parsing import people
from scrutiny.paperimport.parsing.agenda import exempt_codes, infer_numbers
from scrutiny.paperimport.parsing.frontsheet import body_name
from scrutiny.paperimport.parsing.records import (
    DeclarationEntry,
    MeetingProposal,
    MinuteEntry,
    PersonRef,
    PointEntry,
    ResolutionEntry,
    SubstitutionEntry,
)
from scrutiny.paperimport.parsing.text import (
    Block,
    clean_sentence,
    is_caps,
    parse_date,
    parse_time,
    readable_title,
)
from scrutiny.paperimport.parsing.vocabulary import Vocabulary

MINUTE = re.compile(r"^(?P<number>\d{1,3})(?:/\d{2,4})?[.)]?\s+(?P<title>\S.*)$")
INLINE_LABEL = re.compile(r"(?:^|\s)\((?P<label>[a-h]|[ivx]{1,5})\)\s+")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
ATTENDANCE_KEYS = ("present", "apologies", "appointed", "in_attendance", "substitutes")


def is_heading(text: str) -> bool:
    return bool(parse_date(text)) and len(text) < 400


def _header(meeting: MeetingProposal, heading: Block, before: list[Block], vocabulary):
    text = heading.text
    found = parse_date(text)
    if found:
        meeting.date = found[0].isoformat()
        when = parse_time(text[found[1].end() :])
        if when:
            meeting.start_time = when.strftime("%H:%M")
    of_body = re.search(r"\bmeeting of (?:the )?(?P<body>.+?)\s+held\b", text, re.I)
    if of_body:
        meeting.panel = body_name(of_body["body"], vocabulary)
    venue = re.search(r"\bheld (?:at|in) (?P<venue>.+?)\s+on\s+", text, re.I)
    if venue:
        meeting.venue = re.sub(r"^the\s+", "", venue["venue"].strip(" ,"), flags=re.I)
    for block in reversed(before):
        if not meeting.panel and body_name(block.text, vocabulary):
            meeting.panel = body_name(block.text, vocabulary)
    meeting.lines = [before[0].first if before else heading.first, heading.last]


def _label(block: Block, vocabulary: Vocabulary) -> tuple[str, str] | None:
    for key in ATTENDANCE_KEYS:
        found = vocabulary.matches("attendance", key, block.text)
        if not found or found.start() != 0:
            continue
        after = block.text[found.end() :]
        # A title in capitals ("APOLOGIES AND CHANGES IN MEMBERSHIP") is a minute, not a label.
        if block.kind == "heading" and after.strip() and not re.match(r"\s*[:\-–—]", after):
            return None
        return key, re.sub(r"^\s*[:\-–—]?\s*", "", after)
    return None


def _attendance(meeting: MeetingProposal, block: Block, state: dict, vocabulary) -> None:
    label = _label(block, vocabulary)
    rest = block.text
    if label:
        key, rest = label
        if key == "appointed":
            if state.get("status") == "apologies" and state.get("named"):
                # "Appointed Members: ..." on its own line after the apologies usually
                # belongs to the present block beside it (two-column layouts move it).
                state["doubt"] = "Listed after the apologies: check they were present."
                state["status"] = "present"
            state["kind"] = "appointed"
        else:
            state.update(status=key, kind="councillor", named=False, doubt="")
        inner = people.strip_label(rest, vocabulary, "attendance", "appointed")
        if inner is not None:
            state["kind"], rest = "appointed", inner
    if not state.get("status"):
        return
    status = {"present": "present", "apologies": "apologies"}.get(state["status"], "")
    kind = state["kind"] if state["status"] != "in_attendance" else "other"
    for ref in people.people(rest, vocabulary, kind=kind, status=status or "in_attendance"):
        ref.lines = block.lines
        if state.get("doubt"):
            ref.doubt("status", state["doubt"])
        meeting.attendance.append(ref)
        state["named"] = True


def _minute_heading(block: Block, vocabulary: Vocabulary) -> tuple[int | None, str] | None:
    if vocabulary.matches("phrases", "resolved", block.text) or _label(block, vocabulary):
        return None
    numbered = MINUTE.match(block.text)
    if numbered:
        title = numbered["title"]
        words = title.split()
        if is_caps(title) or (len(words) <= 18 and title[:1].isupper() and title[-1] != "."):
            return int(numbered["number"]), title
    if block.kind == "heading" and ":" not in block.text:
        return None, block.text
    return None


def _resolutions(entry: MinuteEntry, text: str, label: str, block: Block) -> None:
    parts = INLINE_LABEL.split(text) if INLINE_LABEL.search(text) else [text]
    if len(parts) > 1:
        lead = parts[0].strip(" -–:")
        labelled = list(zip(parts[1::2], parts[2::2], strict=False))
        if lead:
            labelled.insert(0, (label or "", lead))
    else:
        labelled = [(label, text)]
    for found_label, found_text in labelled:
        found_text = clean_sentence(found_text).strip(" -–:")
        if found_text:
            entry.resolutions.append(
                ResolutionEntry(label=found_label, text=found_text, lines=block.lines)
            )


def _number_resolutions(entry: MinuteEntry) -> None:
    letters = any(r.label and r.label.isalpha() and r.label not in ROMAN for r in entry.resolutions)
    for index, resolution in enumerate(entry.resolutions):
        expected = chr(ord("a") + index) if letters else ROMAN[min(index, 9)]
        if resolution.label and resolution.label != expected:
            resolution.doubt("label", f"Printed as ({resolution.label}); read as ({expected}).")
        resolution.label = expected


def _declaration(text: str, block: Block, vocabulary: Vocabulary) -> DeclarationEntry | None:
    for pattern in vocabulary.patterns("phrases", "declared"):
        found = pattern.search(text)
        if not found:
            continue
        named = people.people(text[: found.start()], vocabulary)
        words = " ".join(v or "" for v in found.groupdict().values()).lower()
        kind = "other"
        if "pecuniary" in words:
            kind = "pecuniary"
        elif "participation" in words or "scrutiny" in words:
            kind = "scrutiny"
        elif "whip" in text.lower():
            kind = "whip"
        if named:
            return DeclarationEntry(
                name=named[-1].name, kind=kind, matter=clean_sentence(text), lines=block.lines
            )
    return None


def _substitutions(meeting: MeetingProposal, text: str, block: Block, vocabulary) -> None:
    replaced = vocabulary.matches("phrases", "resigned", text)
    for pattern in vocabulary.patterns("phrases", "substitution"):
        found = pattern.search(text)
        if not found:
            continue
        groups = found.groupdict()
        if groups.get("subs") and replaced:
            subs = people.people(groups["subs"], vocabulary)
            members = people.people(replaced["members"], vocabulary)
            for member, sub in zip(members, subs, strict=False):
                meeting.substitutions.append(
                    SubstitutionEntry(
                        member=member.name,
                        substitute=sub.name,
                        reason=clean_sentence(text),
                        lines=block.lines,
                    )
                )
            return
        if groups.get("sub") and groups.get("member"):
            found_subs = people.people(groups["sub"], vocabulary)
            found_members = people.people(groups["member"], vocabulary)
            if found_subs and found_members:
                meeting.substitutions.append(
                    SubstitutionEntry(
                        member=found_members[0].name,
                        substitute=found_subs[0].name,
                        lines=block.lines,
                    )
                )
                return


def _exclusion(entry: MinuteEntry, texts: list[str], vocabulary: Vocabulary) -> None:
    entry.excludes_public = True
    for text in texts:
        for code in exempt_codes(text, vocabulary):
            if code not in entry.exclusion_categories:
                entry.exclusion_categories.append(code)
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", text):
            if exempt_codes(sentence, vocabulary) and not entry.public_interest_reasoning:
                resolved = vocabulary.matches("phrases", "resolved", sentence)
                if resolved and resolved.start() == 0:
                    sentence = sentence[resolved.end() :].lstrip(" :-–—")
                entry.public_interest_reasoning = clean_sentence(sentence)
    if not entry.exclusion_categories:
        entry.doubt("exclusion_categories", "No category or paragraph found: add it.")


def _fill(entry: MinuteEntry, item: list[Block], meeting: MeetingProposal, vocabulary) -> None:
    state = ""
    texts: list[str] = []
    base_indent: int | None = None
    for position, block in enumerate(item):
        text = block.text
        texts.append(text)
        entry.lines[1] = block.last
        resolved = vocabulary.matches("phrases", "resolved", text)
        if resolved and resolved.start() == 0:
            state = "resolved"
            _resolutions(entry, text[resolved.end() :].lstrip(" :-–—"), "", block)
            continue
        if block.kind == "label" and state == "resolved":
            _resolutions(entry, text, block.label, block)
            continue
        if block.kind == "bullet":
            base_indent = block.indent if base_indent is None else base_indent
            level = 2 if block.indent > base_indent else 1
            entry.points.append(PointEntry(text=text, level=level, lines=block.lines))
            state = "points"
            continue
        if vocabulary.matches("phrases", "order_of_business", text):
            state = "order"
            continue
        if state == "order":
            entry.order_of_business_change = f"{entry.order_of_business_change} {text}".strip()
            continue
        if block.kind == "number":
            continue
        if any(p.search(text) for p in vocabulary.patterns("phrases", "addressed")):
            entry.speakers += people.speakers(text, vocabulary)
            continue
        following = item[position + 1] if position + 1 < len(item) else None
        if text.endswith(":") and following is not None and following.kind == "bullet":
            entry.discussion_intro = text
            continue
        declaration = _declaration(text, block, vocabulary)
        if declaration is not None:
            entry.declarations.append(declaration)
        _substitutions(meeting, text, block, vocabulary)
        if entry.points or entry.resolutions:
            entry.closing_text = f"{entry.closing_text}\n\n{text}".strip()
        else:
            entry.introduction = f"{entry.introduction}\n\n{text}".strip()
    if entry.kind == "exclusion":
        _exclusion(entry, texts, vocabulary)
    _number_resolutions(entry)


def parse(
    heading: Block, before: list[Block], found: list[Block], vocabulary: Vocabulary
) -> MeetingProposal:
    meeting = MeetingProposal(part="minutes")
    _header(meeting, heading, before, vocabulary)
    state: dict = {}
    hints: dict[int, int] = {}
    pending: int | None = None
    items: list[tuple[MinuteEntry, list[Block]]] = []
    for block in found:
        if block.kind == "number":
            pending = int(re.sub(r"\D.*$", "", block.text))
            continue
        minute = _minute_heading(block, vocabulary)
        if minute is not None:
            number, title = minute
            entry = MinuteEntry(number=number, title=readable_title(title), lines=block.lines)
            entry.kind = vocabulary.which("procedural", entry.title) or "report"
            if number is None and pending is not None:
                hints[len(items)] = pending
            pending = None
            items.append((entry, []))
        elif items:
            items[-1][1].append(block)
        else:
            _attendance(meeting, block, state, vocabulary)
    for entry, content in items:
        _fill(entry, content, meeting, vocabulary)
    meeting.minutes = [entry for entry, _ in items]
    for earlier, later in zip(meeting.minutes, meeting.minutes[1:], strict=False):
        if earlier.excludes_public:
            later.doubt("is_exempt", "Taken after the press and public were excluded: withhold it?")
    infer_numbers(meeting.minutes, hints, start_at=None)
    if meeting.minutes:
        meeting.lines[1] = meeting.minutes[-1].lines[1]
    if not any(p.status == "present" for p in meeting.attendance):
        meeting.doubt("attendance", "No one is recorded as present.")
    _dedupe(meeting.attendance)
    return meeting


def _dedupe(attendance: list[PersonRef]) -> None:
    seen: set[str] = set()
    for ref in list(attendance):
        key = ref.name.lower()
        if key in seen:
            attendance.remove(ref)
        seen.add(key)
