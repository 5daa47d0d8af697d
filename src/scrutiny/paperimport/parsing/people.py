"""Names as committee papers print them: lists of councillors, members with roles, speakers."""

from __future__ import annotations

import re

from scrutiny.paperimport.parsing.records import PersonRef
from scrutiny.paperimport.parsing.vocabulary import Vocabulary

PARENTHESES = re.compile(r"\(([^()]*)\)")
LEAD_IN = re.compile(
    r"^.*?\b(?:received|submitted|given|tendered|noted)\s+(?:from|by|on behalf of|for)\s+", re.I
)


def _councillor_prefix(vocabulary: Vocabulary) -> re.Pattern[str]:
    words = "|".join(p.pattern for p in vocabulary.patterns("names", "councillor"))
    return re.compile(rf"^(?:{words})\s+", re.I)


def strip_label(text: str, vocabulary: Vocabulary, section: str, key: str) -> str | None:
    """The text after a label such as "Present:" or "Apologies -", or None if it has none."""
    found = vocabulary.matches(section, key, text)
    if not found or found.start() != 0:
        return None
    return re.sub(r"^\s*[:\-–—]?\s*", "", text[found.end() :])


def _role(note: str, vocabulary: Vocabulary) -> str:
    note = note.strip()
    if vocabulary.matches("roles", "vice_chair", note):
        return "vice_chair"
    if vocabulary.matches("roles", "chair", note):
        return "chair"
    return ""


def _outside_brackets(text: str) -> list[str]:
    """Split at commas, semicolons and "and", except inside brackets."""
    chunks, depth, start = [], 0, 0
    for found in re.finditer(r"[()]|\s*[,;]\s*|\s+(?:and|&)\s+", text):
        piece = found.group()
        if piece == "(":
            depth += 1
        elif piece == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            chunks.append(text[start : found.start()])
            start = found.end()
    chunks.append(text[start:])
    return chunks


def split_list(text: str, vocabulary: Vocabulary) -> list[str]:
    """ "Councillors A (Chair), B, C and D" -> the pieces, roles still attached.

    Lists printed one name a line arrive joined up; a new piece then starts at a
    "Councillor" or an honorific that follows a finished name.
    """
    text = re.sub(r"\s+", " ", text).strip().rstrip(".;")
    text = re.sub(r"\)\s+(?=[A-Z])", "), ", text)
    councillor = [p for p in vocabulary.patterns("names", "councillor")]
    honorifics = {h.pattern for h in vocabulary.patterns("names", "honorifics")}
    pieces: list[str] = []
    for chunk in _outside_brackets(text):
        words: list[str] = []
        for word in chunk.split():
            bare = word.lower().rstrip(".")
            opens = any(p.fullmatch(word) for p in councillor) or bare in honorifics
            after_name = (
                bool(words)
                and not any(p.fullmatch(words[-1]) for p in councillor)
                and words[-1].lower().rstrip(".") not in honorifics
            )
            if opens and after_name:
                pieces.append(" ".join(words))
                words = []
            words.append(word)
        if words:
            pieces.append(" ".join(words))
    return [p.strip() for p in pieces if p.strip()]


def people(
    text: str, vocabulary: Vocabulary, *, kind: str = "councillor", status: str = ""
) -> list[PersonRef]:
    """People named in a list; "Councillor(s)" marks a councillor wherever it appears."""
    text = LEAD_IN.sub("", text)
    prefix = _councillor_prefix(vocabulary)
    refs: list[PersonRef] = []
    councillors = bool(prefix.match(text))
    for piece in split_list(text, vocabulary):
        if prefix.match(piece):
            councillors = True
            piece = prefix.sub("", piece)
        role, title, person_kind = "", "", kind if not councillors else "councillor"
        for note in PARENTHESES.findall(piece):
            if _role(note, vocabulary):
                role = _role(note, vocabulary)
            elif re.search(r"co-?opted|appointed", note, re.I):
                person_kind = "appointed"
            else:
                title = note.strip()
        name = PARENTHESES.sub("", piece).strip(" .:-")
        if not name or not re.search(r"[A-Z]", name) or len(name.split()) > 6:
            continue
        refs.append(PersonRef(name=name, kind=person_kind, role=role, title=title, status=status))
    return refs


def _name_before(text: str) -> tuple[str, str]:
    """Split "Hilary Brooks, Executive Director, ..." into a name and a title."""
    name, _, title = text.partition(",")
    return name.strip(), title.strip()


def speakers(text: str, vocabulary: Vocabulary) -> list[PersonRef]:
    """People who addressed the meeting, from the sentence that lists them."""
    for pattern in vocabulary.patterns("phrases", "addressed"):
        found = pattern.search(text)
        if found:
            text = text[: found.start()]
            break
    text = re.sub(r"\s+", " ", text).strip().rstrip(",;")
    refs = []
    if ";" in text:
        for piece in (p.strip() for p in text.split(";")):
            piece = re.sub(r"^and\s+", "", piece)
            if piece:
                name, title = _name_before(piece)
                refs.append(PersonRef(name=name, kind="other", title=title))
    elif re.search(r"\s[-–—]\s", text):
        # "Name - Title, Name - Title and Name - Title": each name sits just before a dash.
        dashes = list(re.finditer(r"\s[-–—]\s", text))
        starts = []
        for dash in dashes:
            before = text[: dash.start()]
            cut = max(before.rfind(", "), before.rfind(" and "))
            offset = 2 if before.rfind(", ") >= before.rfind(" and ") else 5
            starts.append((cut + offset if cut >= 0 else 0, dash))
        lead = text[: starts[0][0]].strip(" ,") if starts else ""
        if lead:
            name, title = _name_before(lead)
            refs.append(PersonRef(name=name, kind="other", title=title))
        for index, (start, dash) in enumerate(starts):
            end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
            title = re.sub(r"[,\s]+(?:and)?[,\s]*$", "", text[dash.end() : end])
            refs.append(
                PersonRef(name=text[start : dash.start()].strip(), kind="other", title=title)
            )
    else:
        # Attendees named by role: "The Cabinet Member for X and the Deputy Director, Y".
        by_role = re.search(r"(?:,\s+|\s+and\s+)[Tt]he\s", text)
        splitter = r"(?:,\s+|\s+and\s+)(?=[Tt]he\s)" if by_role else r",\s+|\s+and\s+"
        for piece in re.split(splitter, text):
            piece = piece.strip(" ,")
            if piece:
                name, title = _name_before(piece) if by_role else (piece, "")
                refs.append(PersonRef(name=name[0].upper() + name[1:], kind="other", title=title))
    for ref in refs:
        if _councillor_prefix(vocabulary).match(ref.name):
            ref.kind = "councillor"
    return [r for r in refs if r.name]
