"""Background work through Django's tasks API (the django-tasks backport on Django 5.2).

Slow work goes to ``<app>/tasks.py``: a function decorated with ``@task()`` there, queued
with ``enqueue(that_task, ...)`` from a service or view and never run inside a request.
Arguments are JSON (ids, not objects); a task re-reads what it needs and must be safe to run
twice (a task interrupted by a crash is run again). Periodic work is a task decorated with
``@periodic(every=...)`` or ``@periodic(daily_at=...)`` as well. ``scrutiny worker`` imports
every app's tasks module, runs queued tasks, keeps a heartbeat and enqueues periodic tasks
when due (``scrutiny tick`` does the last from cron instead). Tests run what is queued with
``run_queued_tasks()``.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule
from django_tasks import task, task_backends
from django_tasks.base import Task

from scrutiny.core.models import PeriodicRun, WorkerHeartbeat

__all__ = ["enqueue", "periodic", "run_queued_tasks", "task"]

HEARTBEAT_EVERY = timedelta(seconds=5)
# A worker not heard from for this long is taken to have stopped; what it was doing is
# handed to another worker by the recovery tasks (so within a minute of a crash).
WORKER_GONE_AFTER = timedelta(seconds=20)


@dataclass(frozen=True)
class Periodic:
    task: Task
    every: timedelta | None = None
    daily_at: time | None = None

    @property
    def name(self) -> str:
        return self.task.module_path

    def due(self, last: datetime | None, now: datetime) -> bool:
        if last is None:
            return True
        if self.every is not None:
            return now - last >= self.every
        assert self.daily_at is not None
        local = timezone.localtime(now)
        boundary = timezone.make_aware(datetime.combine(local.date(), self.daily_at))
        if boundary > now:
            boundary -= timedelta(days=1)
        return last < boundary


PERIODIC: dict[str, Periodic] = {}


def periodic(*, every: timedelta | None = None, daily_at: time | None = None) -> Callable:
    """Run a task every so often, or once a day at a local time (put above ``@task()``)."""
    if (every is None) == (daily_at is None):
        raise ValueError("Give either every= or daily_at=.")

    def register(queued: Task) -> Task:
        entry = Periodic(task=queued, every=every, daily_at=daily_at)
        PERIODIC[entry.name] = entry
        return queued

    return register


def discover_tasks() -> None:
    """Import every Scrutiny app's tasks module, so that its tasks and schedules register."""
    for config in apps.get_app_configs():
        if config.name.startswith("scrutiny.") and module_has_submodule(config.module, "tasks"):
            import_module(f"{config.name}.tasks")


def _uses_this_database(backend: Any) -> bool:
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(backend, DatabaseBackend)


def enqueue(queued: Task, *args: Any, **kwargs: Any) -> None:
    """Queue a task. With the database backend the row is written in the caller's
    transaction (so it exists exactly when the change that asked for it does); other
    backends are sent the task once the transaction commits."""
    backend = queued.get_backend()
    if _uses_this_database(backend) or not transaction.get_connection().in_atomic_block:
        queued.enqueue(*args, **kwargs)
    else:
        transaction.on_commit(lambda: queued.enqueue(*args, **kwargs))


# --- the worker's bookkeeping -------------------------------------------------------------


@dataclass
class WorkerState:
    worker_id: str
    started_at: datetime
    current: dict


def heartbeat(state: WorkerState) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=state.worker_id,
        defaults={
            "hostname": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": state.started_at,
            "seen_at": timezone.now(),
            "current": state.current,
        },
    )
    # Rows of workers long gone are of no use to anyone.
    WorkerHeartbeat.objects.filter(seen_at__lt=timezone.now() - timedelta(days=7)).delete()


def live_workers(now: datetime | None = None):
    return WorkerHeartbeat.objects.filter(seen_at__gte=(now or timezone.now()) - WORKER_GONE_AFTER)


def running_now(queued: Task, *args: Any) -> bool:
    """Whether a live worker is running this task with these arguments at this moment."""
    wanted = {"path": queued.module_path, "args": list(args)}
    return any(
        {"path": w.current.get("path"), "args": w.current.get("args")} == wanted
        for w in live_workers()
    )


def is_queued(queued: Task, *args: Any) -> bool:
    """Whether this task with these arguments is waiting in the queue."""
    backend = queued.get_backend()
    if _uses_this_database(backend):
        from django_tasks_db.models import DBTaskResult

        waiting = DBTaskResult.objects.filter(status="READY", task_path=queued.module_path)
        return any(
            list(r.args_kwargs.get("args", [])) == list(args) for r in waiting.only("args_kwargs")
        )
    if backend.__class__.__name__ == "RQBackend":
        import django_rq

        for name in backend.queues:
            for job in django_rq.get_queue(name).get_jobs():
                if job.func_name == queued.module_path and list(job.args) == list(args):
                    return True
    return False


def requeue_if_lost(queued: Task, *args: Any) -> bool:
    """Queue the task again unless it is waiting or running: for work whose own record
    says it is still to do (a pack "pending") after its task was lost. True if queued."""
    if running_now(queued, *args) or is_queued(queued, *args):
        return False
    enqueue(queued, *args)
    return True


SETTLED = timedelta(seconds=10)  # younger rows may belong to a transaction still open


def stranded_builds_requeue(model: Any, build: Task) -> int:
    """For work kept as rows with a "pending"/"building" status, a ``requested_at`` time and
    a build task taking the row's id (agenda packs, prepared files): rows left "building" by
    a worker that stopped go back to "pending", and pending rows with no task waiting or
    running for them are queued again. Returns how many were queued."""
    now = timezone.now()
    for pk in model.objects.filter(status="building").values_list("pk", flat=True):
        if not running_now(build, pk):
            model.objects.filter(pk=pk, status="building").update(
                status="pending", requested_at=now - SETTLED
            )
    pending = model.objects.filter(status="pending", requested_at__lte=now - SETTLED)
    return sum(requeue_if_lost(build, pk) for pk in pending.values_list("pk", flat=True))


def schedule_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic task that is due; a conditional update lets only one of
    several workers (or cron) enqueue it. Returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, entry in sorted(PERIODIC.items()):
        run, _ = PeriodicRun.objects.get_or_create(name=name)
        if not entry.due(run.last_enqueued_at, now):
            continue
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(
                name=name, last_enqueued_at=run.last_enqueued_at
            ).update(last_enqueued_at=now)
            if claimed:
                enqueue(entry.task)
                enqueued.append(name)
    return enqueued


# --- health ---------------------------------------------------------------------------------


def newest_heartbeat_age(now: datetime | None = None) -> float | None:
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)
    seen = newest.first()
    return None if seen is None else ((now or timezone.now()) - seen).total_seconds()


def oldest_queued_age(now: datetime | None = None) -> float | None:
    """Seconds the oldest task ready to run has been waiting (None: nothing waiting)."""
    now = now or timezone.now()
    backend = task_backends["default"]
    if _uses_this_database(backend):
        from django_tasks_db.models import DBTaskResult

        ready = DBTaskResult.objects.ready()
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        return None if oldest is None else (now - oldest).total_seconds()
    if backend.__class__.__name__ == "RQBackend":
        import django_rq

        ages = []
        for name in backend.queues:
            jobs = django_rq.get_queue(name).get_jobs(0, 1)
            if jobs and jobs[0].enqueued_at:
                ages.append((now - jobs[0].enqueued_at.replace(tzinfo=now.tzinfo)).total_seconds())
        return max(ages) if ages else None
    return None


# --- running tasks here ---------------------------------------------------------------------


def run_queued_tasks(worker_id: str = "in-process") -> int:
    """Run every task waiting in the database queue, in this process, then return how many
    ran (tests, and `scrutiny worker --batch`). Tasks a task queues run too. The tasks
    backend's own claim and run steps, without its loop's connection handling (which would
    close a connection the caller's transaction is still using)."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction

    if not _uses_this_database(task_backends["default"]):
        raise RuntimeError("Queued tasks can be run in-process only with the database backend.")
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with exclusive_transaction(DBTaskResult.objects.db):
            claimed = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if claimed is not None:
                claimed.claim(worker_id)
        if claimed is None:
            return ran
        worker.run_task(claimed)
        ran += 1


def backend_label() -> str:
    return task_backends["default"].__class__.__name__
