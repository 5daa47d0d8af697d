"""``scrutiny worker``: runs queued tasks, keeps a heartbeat and enqueues periodic tasks."""

from __future__ import annotations

import logging
import os
import socket
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.signals import task_finished, task_started

from scrutiny.core import queue
from scrutiny.core.models import WorkerHeartbeat

log = logging.getLogger("scrutiny.worker")


class Command(BaseCommand):
    help = "Run the task worker (packs, prepared files, email, reminders, nightly refresh)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="do not enqueue periodic tasks (when `scrutiny tick` runs from cron instead)",
        )
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued now, then exit"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )
        parser.add_argument(
            "--check-only", action="store_true", help="check the configuration and exit"
        )

    def handle(self, *args, no_schedule=False, batch=False, interval=1.0, check_only=False, **o):
        queue.discover_tasks()
        if check_only:
            self.stdout.write(
                f"Worker ready: {queue.backend_label()}, {len(queue.PERIODIC)} periodic task(s)."
            )
            return
        host = socket.gethostname()
        worker_id = f"{host[:30]}-{os.getpid()}-{get_random_string(8)}"
        state = queue.WorkerState(worker_id=worker_id, started_at=timezone.now(), current={})
        queue.heartbeat(state)
        self._follow_tasks(state)
        ticker = threading.Thread(
            target=self._tick, args=(state, not no_schedule), name="worker-ticker", daemon=True
        )
        ticker.start()
        log.info(
            "worker %s started: %s, %d periodic task(s)%s",
            worker_id,
            queue.backend_label(),
            len(queue.PERIODIC),
            "" if not no_schedule else " (not scheduled here)",
        )
        try:
            if batch:
                if not no_schedule:
                    queue.schedule_due()
                queue.run_queued_tasks(worker_id)
            elif settings.TASKS_BACKEND == "redis":
                self._run_rq(worker_id)
            else:
                self._run_database(worker_id, interval)
        finally:
            state.current = {"stopping": True}
            close_old_connections()
            WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()
            log.info("worker %s stopped", worker_id)

    def _follow_tasks(self, state: queue.WorkerState) -> None:
        """The heartbeat says which task is running, so that recovery leaves it alone."""

        def started(sender, task_result, **kwargs):
            state.current = {
                "path": task_result.task.module_path,
                "args": list(task_result.args),
                "started_at": timezone.now().isoformat(),
            }
            queue.heartbeat(state)

        def finished(sender, task_result, **kwargs):
            state.current = {}

        task_started.connect(started, weak=False)
        task_finished.connect(finished, weak=False)

    def _tick(self, state: queue.WorkerState, schedule: bool) -> None:
        every = queue.HEARTBEAT_EVERY.total_seconds()
        while True:
            try:
                queue.heartbeat(state)
                if schedule:
                    queue.schedule_due()
            except Exception:  # the database may be away for a while; keep beating
                log.warning("worker heartbeat failed", exc_info=True)
                connection.close()
            time.sleep(every)

    def _run_database(self, worker_id: str, interval: float) -> None:
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id[:64],
            excluded_queue_names=[],
        )
        worker.configure_signals()
        while worker.running:
            try:
                worker.run()
            except (OperationalError, InterfaceError):
                # The database is away (restart, failover): wait for it, never exit.
                log.warning("worker lost the database; retrying in 5 s")
                connection.close()
                time.sleep(5)

    def _run_rq(self, worker_id: str) -> None:
        import django_rq

        # In-process (no fork per job), so the heartbeat can say what is running.
        worker = django_rq.get_worker(
            *settings.TASKS["default"]["QUEUES"],
            worker_class="rq.SimpleWorker",
            job_class="django_tasks_rq.backend.Job",
            name=worker_id,
        )
        worker.work(with_scheduler=True)
