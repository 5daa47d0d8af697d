"""The documents app's background tasks: agenda pack builds and their recovery."""

from __future__ import annotations

from datetime import timedelta

from scrutiny.core.queue import periodic, stranded_builds_requeue, task
from scrutiny.documents.models import AgendaPack

# The build task lives beside the code that queues it; the worker finds it through here.
from scrutiny.documents.pack_builds import agenda_pack_build

__all__ = ["agenda_pack_build", "agenda_packs_recover"]


@periodic(every=timedelta(seconds=20))
@task()
def agenda_packs_recover() -> int:
    """Packs left "building" by a worker that stopped, or queued with no task to build them,
    are queued again."""
    return stranded_builds_requeue(AgendaPack, agenda_pack_build)
