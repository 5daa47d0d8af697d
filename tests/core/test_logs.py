"""Log lines: one per event, text or JSON, and never a child's identifier."""

from __future__ import annotations

import io
import json
import logging

from django.conf import settings

from scrutiny.core.logs import ChildIdentifierFilter, JsonFormatter, OneLineFormatter

UPN = "A123456789012"


def _logger(formatter: logging.Formatter) -> tuple[logging.Logger, io.StringIO]:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(formatter)
    handler.addFilter(ChildIdentifierFilter())
    logger = logging.getLogger(f"test.logs.{id(out)}")
    logger.handlers = [handler]
    logger.propagate = False
    return logger, out


def test_identifiers_are_removed_from_messages_arguments_and_tracebacks():
    logger, out = _logger(OneLineFormatter())
    logger.warning("row %s: CHILD=%s has no DOB", 12, "CH-1001")
    logger.warning("upn %s rejected", UPN)
    logger.info("LAchildID: 'DE44519' duplicated; child_id=77 again")
    try:
        raise ValueError(f"bad record {UPN} (CHILD 556677)")
    except ValueError:
        logger.exception("import failed")
    text = out.getvalue()
    for secret in ("CH-1001", UPN, "DE44519", "=77", "556677"):
        assert secret not in text, secret
    assert "row 12" in text and "child protection plan" not in text
    lines = text.splitlines()
    assert len(lines) == 4  # the traceback is folded onto its event's line
    assert "ValueError" in lines[-1]


def test_ordinary_words_are_left_alone():
    logger, out = _logger(OneLineFormatter())
    logger.info("child protection plans counted for 2024")
    assert "child protection plans counted for 2024" in out.getvalue()


def test_json_lines_carry_the_same_scrubbed_message():
    logger, out = _logger(JsonFormatter())
    try:
        raise KeyError(UPN)
    except KeyError:
        logger.exception("UPN=%s failed", UPN)
    entry = json.loads(out.getvalue())
    assert entry["level"] == "ERROR" and UPN not in out.getvalue()
    assert "KeyError" in entry["exception"]


def test_every_configured_handler_removes_identifiers():
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("no_child_identifiers" in h["filters"] for h in handlers.values())
    assert all(h["stream"] == "ext://sys.stdout" for h in handlers.values())
