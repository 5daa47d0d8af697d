"""Keeping children's identifiers out of the relational database, the pages and the logs.

Records about children live in the case-data store only. Anything typed into or imported
by the relational side (a case review's internal reference, a learning theme, the text of a
recommendation) is checked here first, and refused when it carries something that could
identify a child:

* a Unique Pupil Number (UPN): a letter and twelve characters, the last a digit or, for a
  temporary UPN, a letter (``A123456789012``);
* an NHS number: ten digits, written together or as 3-3-4 (``943 476 5919``), whether or
  not the check digit is valid (a mistyped NHS number still points at a child);
* a child's identifier from the case-data store or a DfE return: six or more digits in a
  row (SSDA903 CHILD, the store's generated ids) or letters directly followed by six or
  more digits (``DfEX0000001``).

An internal reference must also have the shape the register uses, letters then numbers
separated by ``-`` or ``/`` (``RR-2023-04``, ``SSCP/23/07``), so names and free text cannot
be entered as a reference at all.

Refusals never repeat the refused value, so the error message (on a page, in an import's
problem list, in a log) cannot carry the identifier either.
"""

from __future__ import annotations

import re

UPN = re.compile(r"\b[A-Za-z]\d{11}[0-9A-Za-z]\b")
NHS_NUMBER = re.compile(r"(?<!\d)\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
RECORD_ID = re.compile(r"(?<![0-9A-Za-z])[A-Za-z]{0,6}\d{6,}(?![0-9])")
REFERENCE = re.compile(r"^[A-Z]{2,8}(?:[-/][0-9A-Z]{1,4}){1,3}$")
NAME_LIKE = re.compile(r"^[A-Za-z][A-Za-z' .-]*[A-Za-z]$")
MAX_REFERENCE = 24

KINDS = (
    (UPN, "a Unique Pupil Number"),
    (NHS_NUMBER, "an NHS number"),
    (RECORD_ID, "a child's record identifier"),
)


def identifier_kind(text: str) -> str | None:
    """What kind of child identifier the text contains, if any (never the identifier)."""
    for pattern, label in KINDS:
        if pattern.search(text or ""):
            return label
    return None


def text_problem(text: str, *, what: str) -> str | None:
    """A message for free text that carries a child identifier, or None."""
    kind = identifier_kind(text)
    if kind is None:
        return None
    return (
        f"The {what} looks as if it contains {kind}. Children's identifiers are never "
        "recorded here: remove it."
    )


def normalise_reference(value: str) -> str:
    return (value or "").strip().upper()


def reference_problem(value: str) -> str | None:
    """A message if ``value`` cannot be an internal reference, or None."""
    raw = (value or "").strip()
    if not raw:
        return "Enter the internal reference."
    kind = identifier_kind(raw)
    if kind is not None:
        return (
            f"The reference looks like {kind}. Use the partnership's internal reference, "
            "never a child's identifier."
        )
    reference = normalise_reference(raw)
    if len(reference) > MAX_REFERENCE or not REFERENCE.match(reference):
        if " " in raw.strip() and NAME_LIKE.match(raw):
            return (
                "The reference looks like a name. Use the partnership's internal reference, "
                "never a child's name."
            )
        return (
            "Enter the internal reference as letters then numbers, such as RR-2023-04 "
            f"(at most {MAX_REFERENCE} characters)."
        )
    return None
