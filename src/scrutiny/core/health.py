"""``/healthz`` for the load balancer, and the page shown while the database is away.

The health check is answered by the first middleware, before host checking and the HTTPS
redirect, so a load balancer can probe a process directly by its address over plain HTTP.
It tells the database, the stores other apps register (the case-data store), the newest worker heartbeat and the oldest
queued task; 200 when all are well, 503 when any is not.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template.loader import render_to_string

from scrutiny.core import registry

log = logging.getLogger("scrutiny.health")

HEALTH_PATH = "/healthz"


def _seconds(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        connection.close()
        return {"ok": False, "error": exc.__class__.__name__}
    return {"ok": True, "vendor": connection.vendor}


def _worker(database_ok: bool) -> tuple[dict, dict]:
    if not database_ok:
        unknown = {"ok": False, "error": "database unavailable"}
        return unknown, unknown
    from scrutiny.core import queue

    age = queue.newest_heartbeat_age()
    worker = {
        "ok": age is not None and age <= _seconds("SCRUTINY_HEALTH_WORKER_MAX_AGE", 30),
        "heartbeat_age_seconds": None if age is None else round(age, 1),
    }
    waiting = queue.oldest_queued_age()
    tasks = {
        "ok": waiting is None or waiting <= _seconds("SCRUTINY_HEALTH_QUEUE_MAX_AGE", 600),
        "oldest_queued_seconds": None if waiting is None else round(waiting, 1),
        "backend": settings.TASKS_BACKEND,
    }
    return worker, tasks


def health_report() -> dict:
    database = _database()
    worker, tasks = _worker(database["ok"])
    checks = {"database": database}
    for name, check in registry.health_checks.entries():  # the stores other apps keep
        checks[name] = check()
    checks.update(worker=worker, queue=tasks)
    healthy = all(check["ok"] for check in checks.values())
    return {"status": "ok" if healthy else "unhealthy", "checks": checks}


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH:
            return self.get_response(request)
        report = health_report()
        response = HttpResponse(
            json.dumps(report),
            content_type="application/json",
            status=200 if report["status"] == "ok" else 503,
        )
        response["Cache-Control"] = "no-store"
        return response


def unavailable_response(status: int = 503) -> HttpResponse:
    # Rendered without the request's context: it must not touch the database.
    response = HttpResponse(render_to_string("core/unavailable.html"), status=status)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """handler500: the database being away is a 503 (try again shortly), not a fault."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        log.warning("database unavailable: %s %s answered 503", request.method, request.path)
        connection.close()
        return unavailable_response()
    return HttpResponse(render_to_string("core/server_error.html"), status=500)
