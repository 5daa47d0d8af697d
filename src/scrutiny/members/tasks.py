"""The members' side's background work: when an agenda is published, the members' pack is
built and the briefing computed before any member asks; briefings are refreshed each night
until the meeting; notes of members who left are deleted after the retention period."""

from __future__ import annotations

from datetime import time

from django.utils import timezone

from scrutiny.committees.models import Meeting, MeetingStatus
from scrutiny.core.actors import SystemActor
from scrutiny.core.queue import periodic, task
from scrutiny.core.signals import briefing_ready
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_builds import pack_request
from scrutiny.members import services

ACTOR = SystemActor("members' briefing")


@task()
def members_papers_prepare(meeting_id: int) -> int:
    """Queue the members' pack build and compute the briefing (safe to run twice)."""
    meeting = Meeting.objects.select_related("panel").filter(pk=meeting_id).first()
    if meeting is None or not meeting.agenda_is_published:
        return 0
    pack_request(meeting=meeting, variant=AgendaPack.Variant.MEMBERS)
    briefing = services.briefing_refresh(actor=ACTOR, meeting=meeting)
    briefing_ready.send(sender=type(briefing), briefing=briefing)
    return len(briefing.lines)


@periodic(daily_at=time(5, 30))
@task()
def briefings_refresh() -> int:
    """Each morning, the briefing of every published meeting still to come, computed again."""
    today = timezone.localdate()
    meetings = Meeting.objects.filter(status=MeetingStatus.AGENDA_PUBLISHED, date__gte=today)
    count = 0
    for meeting in meetings:
        services.briefing_refresh(actor=ACTOR, meeting=meeting)
        count += 1
    return count


@periodic(daily_at=time(2, 15))
@task()
def notes_purge() -> int:
    """Each night, the notes of members who left the paper's panel beyond the retention period."""
    return services.notes_purge_departed(actor=ACTOR)
