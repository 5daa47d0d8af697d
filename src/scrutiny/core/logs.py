"""Log lines: one per event, text or JSON, never carrying a child's identifier.

Child-level records live only in the case-data store; a log line is the way they could leak
out of it (an exception naming a row's CHILD or UPN, a debug message). The filter rewrites
every record's message, and its traceback, before any handler writes it.
"""

from __future__ import annotations

import json
import logging
import re

REDACTED = "[child identifier removed]"

# A Unique Pupil Number: a check letter, 11 digits and a digit or letter (FormerUPN alike).
_UPN = re.compile(r"\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b")
# A named identifier field with its value: CHILD=..., LAchildID: ..., "child_id": "...".
_NAMED = re.compile(
    r"""(?ix)
    (?P<name>\b(?:la_?child_?id|child_?id|child|former_?upn|upn|unique_?child_?id)\b)
    (?P<sep>["']?\s*[:=]\s*["']?|\s+)
    (?P<value>(?=[A-Za-z/_.-]*\d)[A-Za-z0-9][A-Za-z0-9/_.-]*)
    """
)


def scrub(text: str) -> str:
    text = _UPN.sub(REDACTED, text)
    return _NAMED.sub(lambda m: f"{m['name']}{m['sep']}{REDACTED}", text)


class ChildIdentifierFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = scrub(message), ()
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
            record.exc_info = None  # the scrubbed text is printed instead
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True


class OneLineFormatter(logging.Formatter):
    """``time level logger message``; tracebacks folded onto the same line."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", " | ")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class DatabaseAwayFilter(logging.Filter):
    """Requests refused while the database is away are logged as one warning line each by
    scrutiny.core.health, not as a traceback per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        from django.db import InterfaceError, OperationalError

        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, OperationalError | InterfaceError)
