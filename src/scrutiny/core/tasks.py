"""The core app's background tasks: building prepared files, and handing on the work of a
worker that stopped (crashed, killed, machine restarted) so that it is retried within a
minute rather than left "building"."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from scrutiny.core import prepared
from scrutiny.core.models import PreparedFile
from scrutiny.core.queue import live_workers, periodic, requeue_if_lost, running_now, task

RECOVER_EVERY = timedelta(seconds=20)
SETTLED = timedelta(seconds=10)  # younger rows may belong to a transaction still open


@task()
def prepared_file_build(pk: int) -> bool:
    return prepared.prepared_file_build(pk)


@periodic(every=RECOVER_EVERY)
@task()
def interrupted_work_recover() -> dict[str, int]:
    """Files left "building" by a worker that stopped go back to "pending", pending files
    with no task waiting or running are queued again, and tasks the database queue shows as
    running on a worker that is gone are marked failed."""
    now = timezone.now()
    for pk in PreparedFile.objects.filter(status=PreparedFile.Status.BUILDING).values_list(
        "pk", flat=True
    ):
        if not running_now(prepared_file_build, pk):
            PreparedFile.objects.filter(pk=pk, status=PreparedFile.Status.BUILDING).update(
                status=PreparedFile.Status.PENDING
            )
    pending = PreparedFile.objects.filter(
        status=PreparedFile.Status.PENDING, requested_at__lte=now - SETTLED
    ).values_list("pk", flat=True)
    requeued = sum(requeue_if_lost(prepared_file_build, pk) for pk in pending)
    return {"requeued": requeued, "abandoned_tasks": _abandoned_tasks_fail()}


def _abandoned_tasks_fail() -> int:
    from django_tasks_db.models import DBTaskResult

    alive = set(live_workers().values_list("worker_id", flat=True))
    failed = 0
    for result in DBTaskResult.objects.filter(status="RUNNING"):
        if result.worker_ids and result.worker_ids[-1] not in alive:
            result.set_failed(RuntimeError("The worker running this task stopped."))
            failed += 1
    return failed
