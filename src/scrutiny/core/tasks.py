"""The core app's background tasks: building prepared files, and handing on the work of a
worker that stopped (crashed, killed, machine restarted) so that it is retried within a
minute rather than left "building"."""

from __future__ import annotations

from datetime import timedelta

from scrutiny.core.models import PreparedFile

# The build task lives beside the code that queues it; the worker finds it through here.
from scrutiny.core.prepared import prepared_file_build
from scrutiny.core.queue import live_workers, periodic, stranded_builds_requeue, task

__all__ = ["interrupted_work_recover", "prepared_file_build"]

RECOVER_EVERY = timedelta(seconds=20)


@periodic(every=RECOVER_EVERY)
@task()
def interrupted_work_recover() -> dict[str, int]:
    """Files left "building" by a worker that stopped, or queued with no task to build them,
    are queued again; tasks the database queue shows as running on a worker that is gone
    are marked failed."""
    return {
        "requeued": stranded_builds_requeue(PreparedFile, prepared_file_build),
        "abandoned_tasks": _abandoned_tasks_fail(),
    }


def _abandoned_tasks_fail() -> int:
    from django_tasks_db.models import DBTaskResult

    alive = set(live_workers().values_list("worker_id", flat=True))
    failed = 0
    for result in DBTaskResult.objects.filter(status="RUNNING"):
        if result.worker_ids and result.worker_ids[-1] not in alive:
            result.set_failed(RuntimeError("The worker running this task stopped."))
            failed += 1
    return failed


@task()
def account_email_send(to: str, subject: str, body: str) -> bool:
    """An account message (password reset): sent by the worker, never inside the request."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()
    return True
