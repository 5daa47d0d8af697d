"""Shared fixtures: the demo data, users of each role, and a live demo server for browsers."""

from __future__ import annotations

import fcntl
import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import transaction

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
SHARED_DEMO_GROUP = "shared-demo"
SERVER_START_SECONDS = 180


class SharedDemo:
    """The whole demo, loaded once and shared by the tests that read it.

    Loading the demo takes tens of seconds, so it is loaded into the test database inside a
    transaction that stays open while consecutive demo tests run: each test runs in a savepoint
    of it (pytest-django's usual per-test rollback), so what one test changes, the next never
    sees. The collection hook below runs the demo tests one after another at the end of the
    database tests; the transaction is rolled back (the database left empty) before the first
    test that does not ask for the demo. Were a demo test to run after that, it loads the demo
    for itself.
    """

    def __init__(self, blocker) -> None:
        self._blocker = blocker
        self._atomic: transaction.Atomic | None = None
        self.loads = 0

    @property
    def loaded(self) -> bool:
        return self._atomic is not None

    def load(self) -> None:
        if self._atomic is not None:
            return
        with self._blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                call_command("load_demo", stdout=io.StringIO())
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self._atomic = atomic
        self.loads += 1

    def release(self) -> None:
        if self._atomic is None:
            return
        atomic, self._atomic = self._atomic, None
        with self._blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


_shared_demo: SharedDemo | None = None


@pytest.fixture(scope="session")
def shared_demo(django_db_setup, django_db_blocker):
    """The session's one loaded demo (see SharedDemo); ask for `demo` in a test."""
    global _shared_demo
    _shared_demo = SharedDemo(django_db_blocker)
    _shared_demo.load()
    yield _shared_demo
    _shared_demo.release()
    _shared_demo = None


def _uses_shared_demo(item: pytest.Item) -> bool:
    return "shared_demo" in getattr(item, "fixturenames", ())


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    fixtures = getattr(item, "fixturenames", ())
    return "transactional_db" in fixtures or "live_server" in fixtures


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the tests that read the shared demo one after another, after the other database
    tests (pytest-django has put those first) and before the transactional ones.

    Under pytest-xdist (`make test` runs two workers with ``--dist loadgroup``) they form one
    group, so one worker runs them all in a row on its one loaded demo while the other worker
    runs the rest; otherwise a worker would release and reload the demo between them."""
    position = {id(item): n for n, item in enumerate(items)}
    for item in items:
        if _uses_shared_demo(item) and not _is_transactional(item):
            item.add_marker(pytest.mark.xdist_group(SHARED_DEMO_GROUP))

    def key(item: pytest.Item) -> tuple[int, int]:
        if _uses_shared_demo(item) and not _is_transactional(item):
            return (0, 1)
        return (0, 0) if position[id(item)] < first_other else (1, 0)

    def is_plain_db(item: pytest.Item) -> bool:
        fixtures = getattr(item, "fixturenames", ())
        uses_db = "db" in fixtures or item.get_closest_marker("django_db") is not None
        return uses_db and not _is_transactional(item)

    first_other = next((n for n, item in enumerate(items) if not is_plain_db(item)), len(items))
    items.sort(key=key)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    result = yield
    if _shared_demo is not None and (nextitem is None or not _uses_shared_demo(nextitem)):
        _shared_demo.release()
    return result


@pytest.fixture
def demo(request, shared_demo, db):
    """The whole Southampton demo, as `make demo` loads it (shared: see SharedDemo)."""
    if _is_transactional(request.node):
        pytest.fail("the shared demo is for tests that run in a transaction; load it yourself")
    if not shared_demo.loaded:
        # Only when tests run out of the collection order (a demo test after a test without).
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


def _demo_environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(SCRUTINY_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="scrutiny.settings")
    return env


_CLI = [sys.executable, "-m", "scrutiny.cli"]


@contextmanager
def _serving(data_dir: Path, *, worker: bool):
    """`scrutiny runserver` (and the worker) on the data directory, until the block ends."""
    env = _demo_environment(data_dir)
    port = _free_port()
    with open(data_dir / "server.log", "w") as log:
        processes = [
            subprocess.Popen(
                [*_CLI, "runserver", "--noreload", f"127.0.0.1:{port}"],
                env=env,
                stdin=subprocess.DEVNULL,  # an xdist worker's stdin is its channel
                stdout=log,
                stderr=log,
            )
        ]
        if worker:  # packs and the report PDF are built by the worker, as in `make demo`
            processes.append(
                subprocess.Popen(
                    [*_CLI, "worker"], env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log
                )
            )
        try:
            base = f"http://127.0.0.1:{port}"
            # Start-up (imports and system checks) is slow on a busy machine, as when two
            # test workers start their servers at once: wait by the clock, not by tries.
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                try:
                    urllib.request.urlopen(base + "/", timeout=5)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline or processes[0].poll() is not None:
                        raise RuntimeError(
                            f"demo server did not start: {(data_dir / 'server.log').read_text()}"
                        ) from None
                    time.sleep(0.2)
            yield base
        finally:
            for process in processes:
                process.terminate()
                process.wait(timeout=10)


@pytest.fixture(scope="session")
def pristine_demo(tmp_path_factory) -> Path:
    """A data directory with the demo loaded as `make demo` loads it (SQLite and the case-data
    store), never served: servers run on copies of it.

    Under pytest-xdist the workers share one: the first to need it loads it (holding a lock
    in the run's common temporary directory), the others wait and copy it."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return _load_pristine_demo(tmp_path_factory.mktemp("demo-pristine"))
    shared = tmp_path_factory.getbasetemp().parent  # the same for every worker of the run
    data_dir, done = shared / "demo-pristine", shared / "demo-pristine.done"
    with open(shared / "demo-pristine.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.exists():
                shutil.rmtree(data_dir, ignore_errors=True)
                _load_pristine_demo(data_dir)
                done.touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return data_dir


def _load_pristine_demo(data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    env = _demo_environment(data_dir)
    subprocess.run([*_CLI, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*_CLI, "load_demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    return data_dir


def _copy_of(pristine: Path, tmp_path_factory, name: str) -> Path:
    data_dir = tmp_path_factory.mktemp(name)
    shutil.copytree(pristine, data_dir, dirs_exist_ok=True)
    return data_dir


@pytest.fixture(scope="session")
def demo_server(pristine_demo, tmp_path_factory):
    """The demo served by `scrutiny runserver` and the worker on a fresh SQLite database, as
    `make demo` does, for the whole session: tests read it and leave it as they found it."""
    with _serving(_copy_of(pristine_demo, tmp_path_factory, "demo-data"), worker=True) as base:
        yield base


@pytest.fixture(scope="module")
def writable_demo_server(pristine_demo, tmp_path_factory):
    """A demo server of the module's own, for tests that change what other browser tests read
    (a copy of the loaded demo: nothing is loaded twice)."""
    with _serving(_copy_of(pristine_demo, tmp_path_factory, "demo-writable"), worker=False) as base:
        yield base


@pytest.fixture
def live_app(request, transactional_db, settings) -> str:
    """pytest-django's live server on the test database, for browser tests of data the test
    makes itself (with factories or an app's loader); the database is emptied afterwards.

    The live server's media handler parses MEDIA_URL when it starts, and the project leaves
    MEDIA_URL unset (uploads are never served directly), so give it a path for the start-up.
    """
    if settings.MEDIA_URL is None:
        settings.MEDIA_URL = "/test-media-not-served/"
    return request.getfixturevalue("live_server").url


@pytest.fixture
def live_page(live_app, browser):
    """A page in the session's browser for `live_app`: closed before the database is emptied."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


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
    # The next page is there when this returns (wait_for_load_state alone can see the form's).
    with page.expect_navigation():
        page.click("button[type=submit]")


def expect_text(page, text: str) -> None:
    """Wait until the page shows ``text`` (Playwright's expect): right after a click that
    navigates, ``page.content()`` can still be the page being left."""
    from playwright.sync_api import expect

    expect(page.locator("body")).to_contain_text(text)


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


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached public page (core.pagecache): the rolled-back records
    of an earlier test must not be served to this one."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def run_tasks(db):
    """Run what is queued for the worker, here and now (returns how many tasks ran)."""
    from scrutiny.core.queue import discover_tasks, run_queued_tasks

    discover_tasks()
    return run_queued_tasks
