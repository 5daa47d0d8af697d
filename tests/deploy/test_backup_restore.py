"""Backup, wipe, restore onto a fresh data directory and database: every table row, file
and case-data row is as it was. Rebuilding the case-data store from the original files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.deploy import processes
from tests.deploy.environment import CLI

ROOT = Path(__file__).resolve().parents[2]


# An officer's upload, through the documents service, so the backup holds a file.
UPLOAD = """
import io
from pypdf import PdfWriter
from django.core.files.uploadedfile import SimpleUploadedFile
from scrutiny.committees.models import Meeting
from scrutiny.documents.services import document_add
writer = PdfWriter(); writer.add_blank_page(width=595, height=842); data = io.BytesIO()
writer.write(data)
upload = SimpleUploadedFile("briefing.pdf", data.getvalue(), "application/pdf")
document_add(actor="officer", meeting=Meeting.objects.first(), title="Briefing", upload=upload)
"""


def _env(data_dir: Path, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(SCRUTINY_DATA_DIR=str(data_dir), DATABASE_URL=database_url, SCRUTINY_LOCAL="on")
    env["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings"
    return env


def _run(env, *args) -> str:
    done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, (args, done.stdout[-2000:], done.stderr[-3000:])
    return done.stdout


def _snapshot(env) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "tests.deploy.snapshot"], env=env, capture_output=True,
        text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def databases():
    """Two fresh, empty databases: the machine backed up and the machine restored onto."""
    url = processes.postgres_url()
    if url is None:
        yield lambda tmp, name: f"sqlite:///{tmp / (name + '.sqlite3')}"
        return
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    made = []

    def make(tmp, name):
        database = f"scrutiny_restore_{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{database}"')
        made.append(database)
        return urlunsplit((parts.scheme, parts.netloc, "/" + database, "", ""))

    yield make
    with psycopg.connect(admin, autocommit=True) as con:
        for database in made:
            con.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def test_backup_wipe_restore_gives_back_every_row_file_and_store_row(tmp_path, databases):
    source = _env(tmp_path / "source", databases(tmp_path, "source"))
    _run(source, "migrate", "--noinput", "-v0")
    _run(source, "load_demo", "--apps", "core", "committees", "documents")
    _run(source, "generate-casedata", "--children", "60", "--seed", "3", "--la", "SYN")
    _run(source, "shell", "-c", UPLOAD)
    before = _snapshot(source)
    assert before["files"] and sum(n for n, _ in before["store"].values()) > 100
    assert sum(n for n, _ in before["tables"].values()) > 100
    out = _run(source, "backup", str(tmp_path / "backup"))
    assert "Backed up" in out
    # A backup is never written over another.
    again = subprocess.run(
        [*CLI, "backup", str(tmp_path / "backup")], env=source, capture_output=True, text=True
    )
    assert again.returncode != 0 and "not empty" in again.stderr

    target = _env(tmp_path / "fresh", databases(tmp_path, "fresh"))
    assert "Restored and checked" in _run(target, "restore", str(tmp_path / "backup"))
    after = _snapshot(target)
    assert after["files"] == before["files"]
    assert after["store"] == before["store"]
    differing = {
        t: (before["tables"].get(t), after["tables"].get(t))
        for t in before["tables"].keys() | after["tables"].keys()
        if before["tables"].get(t) != after["tables"].get(t)
    }
    assert differing == {}
    # Restoring again onto a machine that now holds data is refused.
    refused = subprocess.run(
        [*CLI, "restore", str(tmp_path / "backup")], env=target, capture_output=True, text=True
    )
    assert refused.returncode != 0 and "empty" in refused.stderr


def _records(store: Path) -> dict[str, list]:
    """Every record in the store, without the import run that wrote it."""
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    tables = [t for (t,) in con.execute("SHOW TABLES").fetchall() if t != "store_meta"]
    records = {
        t: sorted(map(repr, con.execute(f'SELECT * EXCLUDE (source) FROM "{t}"').fetchall()))  # noqa: S608
        for t in tables
    }
    con.close()
    return records


def test_import_force_rebuilds_a_lost_store_from_the_original_files(tmp_path):
    env = _env(tmp_path, f"sqlite:///{tmp_path / 'db.sqlite3'}")
    _run(env, "migrate", "--noinput", "-v0")
    original = tmp_path / "population.csv"
    original.write_text("la,year,population\nE06000045,2023,51234\nE06000045,2024,51890\n")
    _run(env, "import", "population", str(original), "--no-progress")
    store = tmp_path / "casedata.duckdb"
    records = _records(store)
    assert sum(map(len, records.values())) == 2
    store.unlink()  # the store is lost
    assert "Already imported" in _run(env, "import", "population", str(original), "--no-progress")
    _run(env, "import", "population", str(original), "--no-progress", "--force")
    assert _records(store) == records
