"""Read the text of an agenda pack or minutes into proposed records.

The text is split into the parts UK committee papers are made of: a front sheet, public
information pages, the agenda, one or more sets of minutes (a pack carries the previous
meeting's), and the reports, which start at an "Agenda Item N" marker. Each part has its
own reader (``frontsheet``, ``agenda``, ``minutes``); ``text`` cleans what they read.
"""

from __future__ import annotations

from collections import Counter

from scrutiny.paperimport.parsing import agenda, frontsheet, minutes
from scrutiny.paperimport.parsing.records import MeetingProposal, Proposal
from scrutiny.paperimport.parsing.text import Block, blocks, parse_date, read_lines
from scrutiny.paperimport.parsing.vocabulary import Vocabulary, load

NOT_PAPERS = (
    "No agenda or minutes were found: the text does not look like an agenda pack or the "
    "minutes of a meeting."
)


def _is_minutes_heading(block: Block, vocabulary: Vocabulary) -> bool:
    found = vocabulary.matches("headings", "minutes", block.text)
    return bool(found and found.start() == 0 and minutes.is_heading(block.text))


def _header_before(found: list[Block], index: int, floor: int, vocabulary) -> int:
    """Index of the first heading block naming the council or body just above a heading."""
    start = index
    while start - 1 > floor and index - start < 3:
        block = found[start - 1]
        named = frontsheet.body_name(block.text, vocabulary) or "council" in block.text.lower()
        if block.kind != "heading" or not named:
            break
        start -= 1
    return start


def _report_date(found: list[Block], vocabulary: Vocabulary) -> str | None:
    dates: Counter[str] = Counter()
    for block in found:
        if vocabulary.matches("headings", "meeting_date_labels", block.text):
            day = parse_date(block.text)
            if day:
                dates[day[0].isoformat()] += 1
    return dates.most_common(1)[0][0] if dates else None


def _structure(found: list[Block], vocabulary: Vocabulary) -> dict:
    marks: dict = {"agenda": None, "public": None, "minutes": [], "reports": []}
    for index, block in enumerate(found):
        if _is_minutes_heading(block, vocabulary):
            marks["minutes"].append(index)
        elif block.kind == "marker" and vocabulary.matches("phrases", "report_start", block.text):
            marks["reports"].append(index)
        elif marks["agenda"] is None and vocabulary.matches("headings", "agenda", block.text):
            marks["agenda"] = index
        elif marks["public"] is None and vocabulary.matches(
            "headings", "public_information", block.text
        ):
            marks["public"] = index
    return marks


def _next(marks: dict, after: int, total: int, starts: dict[int, int]) -> int:
    later = [starts.get(i, i) for i in _all_marks(marks) if i > after]
    return min(later, default=total)


def _all_marks(marks: dict) -> list[int]:
    single = [marks[k] for k in ("agenda", "public") if marks[k] is not None]
    return sorted(single + marks["minutes"] + marks["reports"])


def parse(text: str, vocabulary_name: str | None = None) -> Proposal:
    vocabulary = load(vocabulary_name)
    lines = read_lines(text, vocabulary)
    found = blocks(lines, vocabulary)
    proposal = Proposal(kind="unrecognised", vocabulary=vocabulary.name)
    if not found:
        proposal.problems.append("The file has no text.")
        return proposal
    marks = _structure(found, vocabulary)
    # Headings naming the council and body above a set of minutes belong to those minutes.
    starts = {i: _header_before(found, i, -1, vocabulary) for i in marks["minutes"]}
    pack: MeetingProposal | None = None
    if marks["agenda"] is not None:
        pack = _pack(found, lines, marks, starts, vocabulary)
        proposal.kind = "agenda pack"
        proposal.meetings.append(pack)
    for index in marks["minutes"]:
        end = _next(marks, index, len(found), starts)
        meeting = minutes.parse(
            found[index], found[starts[index] : index], found[index + 1 : end], vocabulary
        )
        proposal.meetings.append(meeting)
        if proposal.kind == "unrecognised":
            proposal.kind = "minutes"
    if pack is not None and not pack.panel:
        pack.panel = next((m.panel for m in proposal.meetings if m.panel), "")
        pack.doubt("panel", "Taken from the minutes in the pack.")
    if proposal.kind == "unrecognised":
        proposal.problems.append(NOT_PAPERS)
    for meeting in proposal.meetings:
        _flag_missing(meeting)
    return proposal


def _pack(found, lines, marks, starts, vocabulary) -> MeetingProposal:
    first = min(_all_marks(marks))
    front_lines = [line for line in lines if line.number < found[first].first]
    meeting = frontsheet.parse(front_lines, vocabulary) if first > 0 else None
    meeting = meeting or MeetingProposal(part="agenda")
    if marks["public"] is not None:
        end = _next(marks, marks["public"], len(found), starts)
        frontsheet.public_information(meeting, found[marks["public"] + 1 : end], vocabulary)
    end = _next(marks, marks["agenda"], len(found), starts)
    meeting.agenda, meeting.published_on = agenda.parse(
        found[marks["agenda"] + 1 : end], vocabulary
    )
    if meeting.published_on:
        meeting.doubt("published_on", "Read from the date printed at the end of the agenda.")
    if not meeting.date:
        reports = [b for i, b in enumerate(found) if marks["reports"] and i > marks["reports"][0]]
        meeting.date = _report_date(reports, vocabulary)
        if meeting.date:
            meeting.doubt("date", "No front sheet: taken from the reports' cover sheets.")
    if not meeting.lines[0]:
        meeting.lines = [found[marks["agenda"]].first, found[end - 1].last]
    return meeting


def _flag_missing(meeting: MeetingProposal) -> None:
    if not meeting.date:
        meeting.doubt("date", "No date found: enter the date of the meeting.")
    if not meeting.panel:
        meeting.doubt("panel", "No panel or committee named: choose it.")
    if not meeting.start_time:
        meeting.doubt("start_time", "No time printed: check the time.")
    if not meeting.venue:
        meeting.doubt("venue", "No venue printed: check the venue.")


__all__ = ["NOT_PAPERS", "Proposal", "parse"]
