"""The documents app's background tasks: agenda pack builds and their recovery."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from scrutiny.core.queue import periodic, requeue_if_lost, running_now, task
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.packs import pack_build

SETTLED = timedelta(seconds=10)  # younger rows may belong to a transaction still open


@task()
def agenda_pack_build(pack_id: int) -> bool:
    return pack_build(pack_id) is not None


@periodic(every=timedelta(seconds=20))
@task()
def agenda_packs_recover() -> int:
    """Packs left "building" by a worker that stopped go back to "pending"; pending packs
    with no task waiting or running for them are queued again."""
    now = timezone.now()
    for pk in AgendaPack.objects.filter(status=AgendaPack.Status.BUILDING).values_list(
        "pk", flat=True
    ):
        if not running_now(agenda_pack_build, pk):
            AgendaPack.objects.filter(pk=pk, status=AgendaPack.Status.BUILDING).update(
                status=AgendaPack.Status.PENDING, requested_at=now - SETTLED
            )
    pending = AgendaPack.objects.filter(
        status=AgendaPack.Status.PENDING, requested_at__lte=now - SETTLED
    )
    return sum(
        requeue_if_lost(agenda_pack_build, pk) for pk in pending.values_list("pk", flat=True)
    )
