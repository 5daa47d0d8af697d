"""Shared fixtures: the demo data, users of each role, and a live demo server for browsers."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from scrutiny.core.access import OFFICER_GROUP

# Playwright's sync API keeps an event loop on the main thread; the ORM calls made by other
# tests in the same process are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
FOUNDATION_APPS = ["core", "committees", "documents"]


@pytest.fixture
def demo(db):
    """The whole Southampton demo, as `make demo` loads it."""
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def foundation_demo(db):
    """The panel, people, meetings, agendas and appendices only."""
    call_command("load_demo", "--apps", *FOUNDATION_APPS, stdout=io.StringIO())


@pytest.fixture
def officer(db):
    user = User.objects.create_user("test-officer", password="pw-officer-123")
    group, _ = Group.objects.get_or_create(name=OFFICER_GROUP)
    user.groups.add(group)
    return user


@pytest.fixture
def outsider(db):
    """Signed in, but neither an officer nor on any panel."""
    return User.objects.create_user("test-outsider", password="pw-outsider-123")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """The demo served by `scrutiny runserver` on a fresh SQLite database, as `make demo` does."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SCRUTINY_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="scrutiny.settings")
    cli = [sys.executable, "-m", "scrutiny.cli"]
    subprocess.run([*cli, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*cli, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    port = _free_port()
    log = open(data_dir / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [*cli, "runserver", "--noreload", f"127.0.0.1:{port}"], env=env, stdout=log, stderr=log
    )
    # Packs and the report PDF are built by the worker, as in `make demo`.
    worker = subprocess.Popen([*cli, "worker"], env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/", timeout=1)  # noqa: S310
            break
        except OSError:
            time.sleep(0.2)
    else:
        server.terminate()
        worker.terminate()
        raise RuntimeError(f"demo server did not start: {(data_dir / 'server.log').read_text()}")
    yield base
    for process in (server, worker):
        process.terminate()
        process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def axe_violations(page) -> list[dict]:
    """WCAG 2.0/2.1/2.2 A and AA violations reported by axe-core on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return results.response["violations"]


def has_chromium() -> bool:
    return shutil.which("chromium") is not None or Path(CHROMIUM).exists()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def run_tasks(db):
    """Run what is queued for the worker, here and now (returns how many tasks ran)."""
    from scrutiny.core.queue import discover_tasks, run_queued_tasks

    discover_tasks()
    return run_queued_tasks
