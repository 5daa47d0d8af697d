"""Audit actions: one enumeration, ``<app>.<service function>``, and nothing else recorded."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.db import transaction

from scrutiny.core.audit import AuditAction, audit_record
from scrutiny.core.models import AuditEvent
from tests.committees.factories import PanelFactory

SRC = Path(__file__).resolve().parents[2] / "src" / "scrutiny"
RENAMES = importlib.import_module(
    "scrutiny.core.migrations.0003_audit_actions_named_by_app_and_service"
)


def _functions_of(app: str) -> set[str]:
    names: set[str] = set()
    for path in (SRC / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        names |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
    return names


# The audit call and the helpers that take the action their caller names.
AUDITING_CALLS = (
    "audit_record",
    "_move",
    "_record_and_move",
    "audit_import",
    "part_delete",
    "part_move",
)


def _literal_actions() -> list[tuple[str, str]]:
    """(file, action) for every string literal passed as ``action=`` to an audit call."""
    found = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name not in AUDITING_CALLS:
                continue
            for keyword in node.keywords:
                if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                    found.append((str(path.relative_to(SRC)), keyword.value.value))
    return found


def test_every_action_is_named_after_a_service_function_of_its_app():
    for value in AuditAction.values:
        app, function = value.split(".")
        assert (SRC / app / "apps.py").is_file(), value
        assert function in _functions_of(app), value


def test_every_action_recorded_in_the_code_is_in_the_enumeration():
    literals = _literal_actions()
    assert len(literals) > 60  # the walk finds the services' calls
    assert [(f, a) for f, a in literals if a not in AuditAction.values] == []
    assert {a.split(".")[0] for _, a in literals} >= {"committees", "minutes", "documents"}


@pytest.mark.django_db
def test_an_action_not_in_the_enumeration_is_refused():
    panel = PanelFactory()
    with transaction.atomic(), pytest.raises(ValueError, match="not an audit action"):
        audit_record(actor=None, action="panel_create", target=panel)
    with transaction.atomic():
        event = audit_record(actor=None, action=AuditAction.COMMITTEES_PANEL_CREATE, target=panel)
    assert event.action == "committees.panel_create"


@pytest.mark.django_db
def test_the_migration_renames_stored_events_and_back():
    assert set(RENAMES.RENAMED.values()) <= set(AuditAction.values)
    old = AuditEvent.objects.create(action="casedata.import", target_type="x", target_id="1")
    kept = AuditEvent.objects.create(action="reviews.case_review_close", target_type="x")
    RENAMES.forwards(django_apps, None)
    old.refresh_from_db(), kept.refresh_from_db()
    assert (old.action, kept.action) == ("casedata.records_import", "reviews.case_review_close")
    RENAMES.backwards(django_apps, None)
    old.refresh_from_db()
    assert old.action == "casedata.import"
