"""/healthz for the load balancer, and the 503 page while the database is away."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from scrutiny.core.models import WorkerHeartbeat
from scrutiny.core.queue import enqueue
from scrutiny.core.tasks import interrupted_work_recover

pytestmark = pytest.mark.django_db


def _beat(seconds_ago: float = 1) -> None:
    seen = timezone.now() - timedelta(seconds=seconds_ago)
    WorkerHeartbeat.objects.update_or_create(
        worker_id="w1", defaults={"started_at": seen, "seen_at": seen}
    )


def test_healthy_with_a_live_worker_and_a_short_queue(client):
    _beat()
    response = client.get("/healthz")
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert set(report["checks"]) == {"database", "casedata_store", "worker", "queue"}
    assert report["checks"]["worker"]["heartbeat_age_seconds"] < 5
    assert response["Cache-Control"] == "no-store"


def test_unhealthy_without_a_worker(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "heartbeat_age_seconds": None}
    _beat(seconds_ago=120)
    assert client.get("/healthz").status_code == 503


def test_unhealthy_when_the_oldest_queued_task_waits_too_long(client):
    from django_tasks_db.models import DBTaskResult

    _beat()
    enqueue(interrupted_work_recover)
    assert client.get("/healthz").json()["checks"]["queue"]["oldest_queued_seconds"] < 5
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"]["oldest_queued_seconds"] >= 3600


def test_answered_before_host_checks_and_the_https_redirect(client, settings):
    _beat()
    settings.SECURE_SSL_REDIRECT = True
    settings.ALLOWED_HOSTS = ["scrutiny.example.gov.uk"]
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/", HTTP_HOST="scrutiny.example.gov.uk").status_code == 301


def test_database_errors_are_a_503_page_not_a_500(monkeypatch):
    from scrutiny.public import views

    def broken(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "render", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_other_errors_are_still_a_500(monkeypatch):
    from scrutiny.public import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views, "render", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    assert "problem with the service" in response.content.decode()
