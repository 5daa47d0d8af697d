"""The Redis task backend (SCRUTINY_TASKS=redis): the same worker runs what is queued."""

from __future__ import annotations

import os
import socket
import subprocess
import time

import pytest

from tests.deploy import processes
from tests.deploy.environment import CLI

REDIS = ("127.0.0.1", 6379)


def _redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not _redis_up(), reason="no Redis at 127.0.0.1:6379")


def test_a_message_queued_through_redis_is_sent_by_the_worker(tmp_path):
    env = dict(os.environ)
    env.update(
        SCRUTINY_DATA_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        SCRUTINY_TASKS="redis",
        # A database of its own on a shared server, emptied first and after.
        SCRUTINY_REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/13",
        DJANGO_SETTINGS_MODULE="scrutiny.settings",
    )
    env.pop("EMAIL_HOST", None)

    def run(*args):
        done = subprocess.run([*CLI, *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    flush = "import django_rq; django_rq.get_connection('default').flushdb()"
    run("migrate", "--noinput", "-v0")
    run("shell", "-c", flush)
    worker = processes.start(["worker", "--no-schedule"], env, tmp_path / "worker.log")
    try:
        run(
            "shell",
            "-c",
            "from tests.committees.factories import PanelFactory\n"
            "from scrutiny.notifications.services import subscription_request\n"
            "subscription_request(email='resident@example.org', panel=PanelFactory())",
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if "Confirm your email alerts" in (tmp_path / "worker.log").read_text():
                break
            time.sleep(0.5)
        log = (tmp_path / "worker.log").read_text()
        assert "Confirm your email alerts" in log, log[-3000:]
        assert "RQBackend" in log
        assert '"status": "sent"' in run(
            "shell", "-c", "import json; from scrutiny.notifications.models import Message; "
            "print(json.dumps({'status': Message.objects.get().status}))",
        )  # fmt: skip
    finally:
        processes.stop(worker)
        run("shell", "-c", flush)
