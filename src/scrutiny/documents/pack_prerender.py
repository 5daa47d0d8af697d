"""Papers printed when they are saved or published, so a pack build only merges.

A service that saves or publishes a paper for a person queues ``papers_prerender`` for its meeting (once:
a task already waiting covers later saves). The worker prints every paper of both packs that
is not yet in the paper cache (``pack_papers``); the pack build that follows finds them there.
Printing stays in the worker: a web request only queues.
"""

from __future__ import annotations

from scrutiny.committees.models import Meeting
from scrutiny.core.actors import Actor, SystemActor
from scrutiny.core.queue import enqueue, is_queued, task
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_papers import PaperCache
from scrutiny.documents.pack_printing import pack_plan, paper_htmls


def queue_prerender(*, actor: Actor, meeting: Meeting | int) -> None:
    """After a person saves or publishes a paper. Bulk loads (the demo, imports of past
    papers, which act as the system) leave printing to the first build, which prints what
    is missing in parallel."""
    if isinstance(actor, SystemActor):
        return
    meeting_id = meeting if isinstance(meeting, int) else meeting.pk
    if not is_queued(papers_prerender, meeting_id):
        enqueue(papers_prerender, meeting_id)


@task()
def papers_prerender(meeting_id: int) -> int:
    """Print the meeting's papers for both packs; returns how many were printed now."""
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    cache = PaperCache()
    htmls: list[str] = []
    for variant in AgendaPack.Variant.values:
        htmls.extend(paper_htmls(pack_plan(meeting, variant)))
    return cache.prepare(htmls)
