"""Production settings come from the environment and are secure unless switched off."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.deploy.environment import CLI, production_environment

SHOW = (
    "import json; from django.conf import settings as s; print(json.dumps({n: getattr(s, n, None) "
    "for n in %r}))"
)
SECURE = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "CSRF_TRUSTED_ORIGINS",
    "ALLOWED_HOSTS",
    "DEBUG",
]


def _settings(env: dict[str, str]) -> dict:
    code = "import django; django.setup(); " + SHOW % SECURE
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_debug_off_is_secure_by_default(tmp_path):
    values = _settings(production_environment(tmp_path))
    assert values["DEBUG"] is False
    for name in ("SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"):
        assert values[name] is True, name
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["CSRF_TRUSTED_ORIGINS"] == ["https://scrutiny.example.gov.uk"]
    assert values["ALLOWED_HOSTS"] == ["scrutiny.example.gov.uk"]


def test_each_https_setting_can_be_switched_off(tmp_path):
    env = production_environment(
        tmp_path,
        SECURE_SSL_REDIRECT="off",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="off",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Protocol,on",
    )
    values = _settings(env)
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTOCOL", "on"]


def _start(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"SECRET_KEY": ""}, "development key"),
        ({"SECRET_KEY": "insecure-development-key-change-me"}, "development key"),
        ({"SECRET_KEY": "short-key"}, "too short"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is empty"),
    ],
)
def test_refuses_to_start_insecurely(tmp_path, change, message):
    env = production_environment(tmp_path, **change)
    for command in (["check"], ["serve", "--check-only"], ["worker", "--check-only"]):
        done = _start(env, *command)
        assert done.returncode != 0, command
        assert message in done.stderr, (command, done.stderr[-500:])


def test_development_key_allowed_only_when_running_locally(tmp_path):
    env = production_environment(tmp_path, SECRET_KEY="", SCRUTINY_LOCAL="on")
    done = _start(env, "check")
    assert done.returncode == 0, done.stderr[-2000:]


def test_check_deploy_reports_nothing_in_the_documented_configuration(tmp_path):
    done = _start(production_environment(tmp_path), "check", "--deploy", "--fail-level", "DEBUG")
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "System check identified no issues" in done.stdout, done.stdout
    assert "WARNING" not in done.stdout + done.stderr


def test_serve_and_worker_start_in_the_documented_configuration(tmp_path):
    env = production_environment(tmp_path)
    served = _start(env, "serve", "--check-only", "--bind=127.0.0.1:8299")
    assert served.returncode == 0, served.stderr[-2000:]
    assert "gunicorn scrutiny.wsgi:application" in served.stdout
    assert "--worker-class=gthread" in served.stdout
    worker = _start(env, "worker", "--check-only")
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert "DatabaseBackend" in worker.stdout
