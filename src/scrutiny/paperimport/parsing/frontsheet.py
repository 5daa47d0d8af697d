"""The front sheet of an agenda pack: the body, when and where it meets, members and contacts.

Front sheets list one fact per line (a member, a vacancy, a telephone number), so this part
reads lines rather than paragraphs: a heading line ("Members", "Appointed Members",
"Contacts") switches section; what follows is read according to the section.
"""

from __future__ import annotations

import re

from scrutiny.paperimport.parsing import people
from scrutiny.paperimport.parsing.records import Contact, MeetingProposal, PersonRef
from scrutiny.paperimport.parsing.text import (
    WEEKDAY,
    Block,
    Line,
    is_caps,
    parse_date,
    parse_time,
    readable_title,
)
from scrutiny.paperimport.parsing.vocabulary import Vocabulary

TELEPHONE = re.compile(r"^(?:tel(?:ephone)?|phone|t)\.?\s*:?\s*(?P<value>[\d ()+-]{6,})$", re.I)
EMAIL = re.compile(r"(?P<value>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def body_name(text: str, vocabulary: Vocabulary) -> str:
    """The panel or committee named in a line, without the council's name before it."""
    if not any(p.search(text) for p in vocabulary.patterns("headings", "bodies")):
        return ""
    text = re.split(r"\bcouncil\b\s+(?=\S)", text, flags=re.I)[-1]
    return readable_title(text.strip(" .:"))


def _section(text: str, vocabulary: Vocabulary) -> str | None:
    for key in ("appointed", "members", "contacts"):
        found = vocabulary.matches("headings", key, text)
        if found and (key != "appointed" or len(text) < 60):
            return key
    return None


def _header(meeting: MeetingProposal, line: Line, vocabulary: Vocabulary) -> None:
    text = line.text
    if not meeting.panel and body_name(text, vocabulary):
        meeting.panel = body_name(text, vocabulary)
        return
    found = parse_date(text)
    if found and not meeting.date:
        meeting.date = found[0].isoformat()
        meeting.lines[0] = meeting.lines[0] or line.number
        when = parse_time(text[found[1].end() :])
        if when:
            meeting.start_time = when.strftime("%H:%M")
        return
    if meeting.date and not meeting.start_time and parse_time(text) and len(text) < 30:
        meeting.start_time = parse_time(text).strftime("%H:%M")  # type: ignore[union-attr]
        return
    if vocabulary.matches("headings", "private_meeting", text):
        meeting.is_public = False
    elif vocabulary.matches("headings", "public_meeting", text):
        meeting.is_public = True
    elif meeting.date and is_caps(text) and not meeting.notice:
        meeting.notice = text.capitalize()
    elif meeting.date and not meeting.venue:
        label = vocabulary.matches("headings", "venue_label", text)
        meeting.venue = text[label.end() :] if label and label.start() == 0 else text


def _appointed(text: str, line: Line, meeting: MeetingProposal, vocabulary: Vocabulary) -> None:
    vacancy = vocabulary.matches("names", "vacancy", text)
    if vacancy:
        meeting.vacancies.append(text[vacancy.end() :].strip(" -–—,:") or "")
        return
    name, _, seat = text.partition(",")
    if "(" in name and not seat:
        name, _, seat = name.partition("(")
    meeting.appointed.append(
        PersonRef(
            name=name.strip(),
            kind="appointed",
            title=seat.strip(" )"),
            lines=[line.number, line.number],
        )
    )


def _contact(text: str, line: Line, meeting: MeetingProposal, vocabulary: Vocabulary) -> None:
    telephone, email = TELEPHONE.match(text), EMAIL.search(text)
    current = meeting.contacts[-1] if meeting.contacts else None
    if current is not None and telephone:
        current.telephone = telephone["value"].strip()
    elif current is not None and email:
        current.email = email["value"]
    elif current is not None and not current.name:
        current.name = text
    else:
        role = vocabulary.which("contact_roles", text) or ""
        meeting.contacts.append(Contact(role=role, heading=text, name="", lines=[line.number, 0]))
        return
    current.lines[1] = line.number


def parse(lines: list[Line], vocabulary: Vocabulary) -> MeetingProposal:
    meeting = MeetingProposal(part="agenda")
    section = "header"
    for line in lines:
        text = line.text
        if not text:
            continue
        heading = _section(text, vocabulary)
        if heading:
            section = heading
            continue
        if section == "header":
            _header(meeting, line, vocabulary)
        elif section == "members":
            for ref in people.people(text, vocabulary, kind="councillor"):
                ref.lines = [line.number, line.number]
                meeting.members.append(ref)
        elif section == "appointed":
            _appointed(text, line, meeting, vocabulary)
        elif section == "contacts":
            _contact(text, line, meeting, vocabulary)
    if lines:
        meeting.lines = [meeting.lines[0] or lines[0].number, lines[-1].number]
    for contact in meeting.contacts:
        if not contact.role:
            contact.doubt("role", "The heading is not a contact role Scrutiny knows.")
    return meeting


def public_information(meeting: MeetingProposal, found: list[Block], vocabulary: Vocabulary):
    """The panel's name and role, from the public information pages."""
    for block in found:
        if not meeting.panel and block.kind == "heading" and body_name(block.text, vocabulary):
            meeting.panel = body_name(block.text, vocabulary)
            meeting.doubt("panel", "Taken from the public information pages.")
        remit = vocabulary.matches("headings", "remit", block.text)
        if remit and remit.start() == 0 and not meeting.remit:
            meeting.remit = block.text[remit.end() :].strip()


def publication_date(block: Block) -> str | None:
    """ "Wednesday, 20 November 2024" closing an agenda: the day it was published."""
    if not WEEKDAY.match(block.text):
        return None
    found = parse_date(block.text)
    return found[0].isoformat() if found else None
