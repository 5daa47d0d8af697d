"""scrutiny import-papers FILE... --dry-run --json, and the bad-input exit."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from scrutiny.committees.models import Meeting
from scrutiny.core.models import AuditEvent
from scrutiny.paperimport.models import PaperImport

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def council(db):
    call_command("load_demo", "--apps", "core", stdout=io.StringIO())


def test_dry_run_json_prints_the_proposed_records_and_saves_nothing(council):
    out = io.StringIO()
    events = AuditEvent.objects.count()
    call_command(
        "import_papers", str(FIXTURES / "pack-2024-11-28.txt"), "--dry-run", "--json", stdout=out
    )
    (result,) = json.loads(out.getvalue())
    assert result["proposal"]["vocabulary"] == "Southampton City Council"  # the council's wording
    pack, previous = result["proposal"]["meetings"]
    assert (pack["date"], pack["start_time"], pack["venue"]) == (
        "2024-11-28",
        "17:30",
        "Conference Room 3 - Civic Centre",
    )
    assert [(i["number"], i["page_start"], i["page_end"]) for i in pack["agenda"]][-3:] == [
        (8, 5, 64),
        (9, 65, 102),
        (10, 103, 114),
    ]
    assert pack["agenda"][6]["exempt_categories"] == ["7a"]
    present = [a["name"] for a in previous["attendance"] if a["status"] == "present"]
    assert present[:2] == ["Barnes-Andrews", "Webb"]
    assert [m["number"] for m in previous["minutes"]] == [15, 16, 17, 18, 19]
    assert previous["minutes"][1]["resolutions"][0]["text"].startswith(
        "That, reflecting current poor outcomes"
    )
    assert any(s["action"] == "create" for s in result["plan"]["steps"])
    assert (Meeting.objects.count(), PaperImport.objects.count(), AuditEvent.objects.count()) == (
        0,
        0,
        events,
    )


def test_without_dry_run_the_file_awaits_review(council):
    out = io.StringIO()
    call_command("import_papers", str(FIXTURES / "minutes-2020-01-23.txt"), stdout=out)
    record = PaperImport.objects.get()
    assert f"review at /imports/{record.pk}/" in out.getvalue()
    assert Meeting.objects.count() == 0


def test_bad_files_are_reported_and_the_command_fails(council, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 2 files could not be imported"):
        call_command(
            "import_papers",
            str(empty),
            str(FIXTURES / "sscp-yearly-report-2022-23.txt"),
            "--dry-run",
            stdout=out,
        )
    assert "empty.pdf: the file is empty. Nothing was imported." in out.getvalue()
    assert "does not look like an agenda pack or the minutes of a meeting" in out.getvalue()
    assert PaperImport.objects.count() == 0


def test_the_hyphenated_command_name_reaches_the_command(monkeypatch):
    from scrutiny import cli

    seen = {}
    monkeypatch.setattr("sys.argv", ["scrutiny", "import-papers", "--help"])
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line",
        lambda argv: seen.setdefault("argv", argv),
    )
    cli.main()
    assert seen["argv"][:2] == ["scrutiny", "import_papers"]
