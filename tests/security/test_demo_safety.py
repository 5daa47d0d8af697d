"""The demo (accounts with published passwords) never lands on a council's own database."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from scrutiny.committees.models import Panel
from tests.committees.factories import PanelFactory

pytestmark = pytest.mark.django_db


def _load(*args: str) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def test_refuses_on_a_production_server(settings):
    settings.DEBUG, settings.LOCAL = False, False
    with pytest.raises(CommandError, match="production server"):
        _load("--apps", "core")
    assert "Demo data loaded" in _load("--apps", "core", "--allow-production")


def test_refuses_beside_records_the_demo_did_not_create():
    PanelFactory(name="Our own panel")
    with pytest.raises(CommandError, match="did not create"):
        _load("--apps", "core", "committees")
    assert Panel.objects.count() == 1
    assert "Demo data loaded" in _load("--apps", "core", "--allow-existing-data")


def test_a_demo_database_can_be_loaded_again_without_complaint():
    _load("--apps", "core", "committees")
    assert "already loaded" in _load()


def test_reset_asks_first(monkeypatch):
    PanelFactory(name="Our own panel")
    with pytest.raises(CommandError, match="--yes"):
        _load("--reset")  # no terminal to ask at
    monkeypatch.setattr("sys.stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    with pytest.raises(CommandError, match="Nothing was changed"):
        _load("--reset")
    assert Panel.objects.filter(name="Our own panel").exists()
