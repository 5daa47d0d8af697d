"""The documents app's background tasks: agenda pack builds, printing published issues and
papers ahead of a pack, and their recovery."""

from __future__ import annotations

from datetime import timedelta

from scrutiny.core.queue import periodic, stranded_builds_requeue, task
from scrutiny.documents.models import AgendaPack, PackIssue

# The build task lives beside the code that queues it; the worker finds it through here.
from scrutiny.documents.pack_builds import agenda_pack_build
from scrutiny.documents.pack_issues import pack_issue_build
from scrutiny.documents.pack_prerender import papers_prerender

__all__ = ["agenda_pack_build", "agenda_packs_recover", "pack_issue_build", "papers_prerender"]


@periodic(every=timedelta(seconds=20))
@task()
def agenda_packs_recover() -> int:
    """Packs left "building" by a worker that stopped, or queued with no task to build them,
    are queued again."""
    return stranded_builds_requeue(AgendaPack, agenda_pack_build) + stranded_builds_requeue(
        PackIssue, pack_issue_build
    )
