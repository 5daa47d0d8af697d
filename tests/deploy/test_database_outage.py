"""The database going away for 10 s: pages answer 503, never 500, and the same processes
serve again once it is back. PostgreSQL is reached through a TCP proxy that the test stops
(not the real cluster, which other databases share)."""

from __future__ import annotations

import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.db import connection

from tests.deploy import processes
from tests.deploy.environment import production_environment

pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(processes.postgres_url() is None, reason="needs DATABASE_URL on PostgreSQL"),
]


def _through(proxy: processes.TcpProxy) -> str:
    parts = urlsplit(processes.postgres_url())
    netloc = f"{parts.username or 'postgres'}@127.0.0.1:{proxy.port}"
    return urlunsplit((parts.scheme, netloc, "/" + connection.settings_dict["NAME"], "", ""))


def _statuses(port: int, seconds: float) -> list[int]:
    seen = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        seen.append(processes.get(port, "/")[0])
        time.sleep(0.2)
    return seen


@pytest.mark.django_db(transaction=True)
def test_a_database_outage_gives_503_pages_and_recovery_without_restart(tmp_path):
    parts = urlsplit(processes.postgres_url())
    proxy = processes.TcpProxy((parts.hostname or "127.0.0.1", parts.port or 5432))
    proxy.start()
    port = processes.free_port()
    env = production_environment(tmp_path, DATABASE_URL=_through(proxy))
    log = tmp_path / "serve.log"
    server = processes.start(
        ["serve", f"--bind=127.0.0.1:{port}", "--workers=1", "--threads=4"], env, log
    )
    try:
        processes.wait_until_serving(port, server, log)
        assert set(_statuses(port, 2)) == {200}
        proxy.stop()
        during = _statuses(port, 10)
        assert set(during) == {503}, during
        status, _, body = processes.get(port, "/healthz")
        assert status == 503 and b'"database": {"ok": false' in body
        proxy.start()
        after = _statuses(port, 8)
        assert after[-5:] == [200] * 5, after
        assert server.poll() is None  # the same server, never restarted
    finally:
        processes.stop(server)
        proxy.stop()
    # One warning line per refused request, no tracebacks.
    tracebacks = [line for line in log.read_text().splitlines() if "Traceback" in line]
    assert tracebacks == [], tracebacks[0][:3000]
