"""Bring a partnership's own spreadsheet of cases into the register (CSV or XLSX).

One row per case, by internal reference. Every row is checked before anything is saved;
any problem rejects the whole file, naming the file, row and column. Problems never quote
the cell, so a child's identifier typed into the sheet by mistake cannot reach the page,
the audit log or the server's logs: it is refused and forgotten.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.core.actors import Actor
from scrutiny.core.identifiers import identifier_kind, reference_problem
from scrutiny.core.tabular import Problems, read_table
from scrutiny.reviews import services
from scrutiny.reviews.models import DecisionKind, Partnership

MAX_BYTES = 1024 * 1024
REQUIRED = ("reference", "incident_date", "aware_date")
OPTIONAL = ("notification_date", "rapid_review_date", "decision", "decision_date")
DATE_COLUMNS = (
    "incident_date",
    "aware_date",
    "notification_date",
    "rapid_review_date",
    "decision_date",
)
DECISIONS = {
    **{kind.value: kind.value for kind in DecisionKind},
    **{kind.label.lower(): kind.value for kind in DecisionKind},
    "lcspr": DecisionKind.LCSPR.value,
    "cspr": DecisionKind.LCSPR.value,
    "nfa": DecisionKind.NO_FURTHER_REVIEW.value,
    "no further action": DecisionKind.NO_FURTHER_REVIEW.value,
}
UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def _date(text: str) -> date:
    if match := UK_DATE.match(text):
        return date(int(match[3]), int(match[2]), int(match[1]))
    return datetime.strptime(text, "%Y-%m-%d").date()


def _row_values(number: int, row: dict[str, str], problems: Problems) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for column in (*REQUIRED, *OPTIONAL):
        text = (row.get(column) or "").strip()
        if column != "reference" and text and identifier_kind(text):
            problems.error(number, column, "holds what looks like a child's identifier")
            continue
        if column in DATE_COLUMNS:
            if not text:
                values[column] = None
                if column in REQUIRED:
                    problems.error(number, column, "is empty")
                continue
            try:
                values[column] = _date(text)
            except ValueError:
                problems.error(number, column, "is not a date (use DD/MM/YYYY)")
    problem = reference_problem(row.get("reference", ""))
    if problem:
        problems.error(number, "reference", problem)
    values["reference"] = row.get("reference", "")
    decision = (row.get("decision") or "").strip().lower()
    if decision and decision not in DECISIONS:
        problems.error(
            number, "decision", "is not a decision (LCSPR, thematic or no further review)"
        )
    values["decision"] = DECISIONS.get(decision, "")
    if values["decision"] and values.get("decision_date") is None:
        problems.error(number, "decision_date", "is needed with a decision")
    if row.get("__extra__"):
        problems.error(number, "", "has more cells than the header")
    return values


def _service_errors(problems: Problems, number: int, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                problems.error(number, field if field != "__all__" else "", message)
    else:
        for message in error.messages:
            problems.error(number, "", message)


def register_import(*, actor: Actor, partnership: Partnership, file_name: str, data: bytes) -> int:
    """Add every case in the file, or none; ImportRejected lists every problem."""
    problems = Problems(file_name)
    if len(data) > MAX_BYTES:
        problems.error(0, "", f"file is larger than {MAX_BYTES // 1024} KB")
        problems.raise_if_errors()
    table = read_table(file_name, data)
    problems.require_columns(table.header, REQUIRED, "column is missing from the header")
    problems.raise_if_errors()
    rows = [(n, _row_values(n, row, problems)) for n, row in table.rows]
    problems.raise_if_errors()
    with transaction.atomic():
        for number, values in rows:
            try:
                _add(actor, partnership, values)
            except ValidationError as error:
                _service_errors(problems, number, error)
        problems.raise_if_errors()  # rolls back the rows already added
    return len(rows)


def _add(actor: Actor, partnership: Partnership, values: dict[str, Any]) -> None:
    with transaction.atomic():
        case = services.case_review_create(
            actor=actor,
            partnership=partnership,
            reference=values["reference"],
            incident_date=values["incident_date"],
            aware_date=values["aware_date"],
            notification_date=values.get("notification_date"),
        )
        if values["decision"]:
            services.case_review_decide(
                actor=actor,
                case=case,
                decision=values["decision"],
                decision_date=values["decision_date"],
                rapid_review_date=values.get("rapid_review_date"),
            )
