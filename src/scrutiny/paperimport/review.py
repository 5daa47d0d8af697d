"""The review screen's layout: each proposed record with its fields, marks, status and source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrutiny.paperimport.forms import ReviewForm
from scrutiny.paperimport.parsing.text import normalise
from scrutiny.paperimport.saving import Outcome, Step

SOURCE_LINES = 24
STATUS = {
    "create": ("New", "govuk-tag--green"),
    "exists": ("Already in Scrutiny", "govuk-tag--grey"),
    "error": ("Cannot be saved", "govuk-tag--red"),
}


@dataclass
class Row:
    heading: str
    fields: list[Any]
    source: list[tuple[int, str]]
    uncertain: dict[str, str]
    step: Step | None = None
    details: list[str] = field(default_factory=list)

    @property
    def status(self) -> tuple[str, str] | None:
        return STATUS.get(self.step.action) if self.step else None


@dataclass
class Section:
    heading: str
    header: Row
    groups: list[tuple[str, list[Row]]]


def _source(lines: list[str], span: list[int]) -> list[tuple[int, str]]:
    first, last = (span + [0, 0])[:2]
    if not first:
        return []
    last = max(last, first)
    shown = [(n, lines[n - 1]) for n in range(first, min(last, first + SOURCE_LINES - 1) + 1)]
    return [(n, text) for n, text in shown if text.strip()]


def _mark(form: ReviewForm, name: str, why: str | None) -> Any:
    bound = form[name]
    if why:
        bound.help_text = f"Check: {why}"
    return bound


def _minute_details(minute: dict) -> list[str]:
    details = []
    if minute.get("speakers"):
        details.append("Addressed the meeting: " + "; ".join(s["name"] for s in minute["speakers"]))
    if minute.get("points"):
        details.append(f"{len(minute['points'])} discussion points")
    if minute.get("excludes_public"):
        codes = ", ".join(minute.get("exclusion_categories", [])) or "none found"
        details.append(f"Press and public excluded: categories {codes}")
    if minute.get("order_of_business_change"):
        details.append("Change to the order of business: " + minute["order_of_business_change"])
    for declaration in minute.get("declarations", []):
        details.append(f"Declaration by {declaration['name']}: {declaration['matter']}")
    return details


def sections(form: ReviewForm, text: str, outcome: Outcome | None) -> list[Section]:
    lines = normalise(text).split("\n")
    steps = outcome.by_key() if outcome else {}
    out = []
    for i, meeting in enumerate(form.proposal.get("meetings", [])):
        p, doubts = f"m{i}", meeting.get("uncertain", {})
        header_fields = [
            _mark(form, f"{p}-{name}", doubts.get(name))
            for name in ("include", "panel", "date", "start_time", "venue")
        ]
        header = Row(
            "The meeting",
            header_fields,
            _source(lines, meeting["lines"]),
            doubts,
            steps.get(f"{p}.meeting") or steps.get(f"{p}.panel"),
        )
        if meeting.get("vacancies"):
            header.details.append("Vacancies listed: " + "; ".join(meeting["vacancies"]))
        for contact in meeting.get("contacts", []):
            header.details.append(f"{contact['heading']}: {contact['name']}")
        groups = []
        for group, title, fields_of in (
            ("agenda", "Agenda items", ("include", "number", "title", "page_start", "page_end")),
            ("members", "Members on the front sheet", ("include", "name")),
            ("appointed", "Appointed members on the front sheet", ("include", "name")),
            ("attendance", "Attendance", ("include", "name", "status")),
            ("substitutions", "Substitutes", ("include",)),
            ("minutes", "Minutes", ("include", "number", "title", "is_exempt")),
        ):
            rows = []
            prefix = "minute" if group == "minutes" else group
            for j, record in enumerate(meeting.get(group, [])):
                q, marks = f"{p}-{prefix}-{j}", record.get("uncertain", {})
                bound = [_mark(form, f"{q}-{name}", marks.get(name)) for name in fields_of]
                for k, resolution in enumerate(record.get("resolutions", [])):
                    r = f"{q}-resolution-{k}"
                    bound.append(form[f"{r}-include"])
                    bound.append(
                        _mark(form, f"{r}-text", resolution.get("uncertain", {}).get("label"))
                    )
                key = f"{p}.{'minute' if group == 'minutes' else group}.{j}"
                row = Row(
                    _heading(group, record),
                    bound,
                    _source(lines, record["lines"]),
                    marks,
                    steps.get(key),
                )
                if group == "minutes":
                    row.details = _minute_details(record)
                elif group == "agenda" and record.get("exempt_categories"):
                    row.details = [
                        "Exempt information: categories " + ", ".join(record["exempt_categories"])
                    ]
                elif group == "substitutions":
                    row.details = [record.get("reason", "")]
                rows.append(row)
            if rows:
                groups.append((title, rows))
        when = meeting.get("date") or "date unknown"
        part = "Agenda" if meeting["part"] == "agenda" else "Minutes"
        out.append(
            Section(f"{part}: {meeting.get('panel') or 'panel unknown'}, {when}", header, groups)
        )
    return out


def _heading(group: str, record: dict) -> str:
    if group == "agenda":
        return f"Item {record.get('number') or '?'}: {record['title']}"
    if group == "minutes":
        return f"Minute {record.get('number') or '?'}: {record['title']}"
    if group == "substitutions":
        return f"{record['substitute']} for {record['member']}"
    if group == "attendance":
        return f"{record['name']} ({record.get('kind', '')})"
    return record["name"]
