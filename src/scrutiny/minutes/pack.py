"""The minutes' part of an agenda pack: the previous meeting's minutes, for that item.

The public pack prints the minutes as the public reads them; the members' pack prints them in
full (withheld items marked by the pack). Both use the template of the minutes page, and both
print them as submitted for approval ("Draft - to be confirmed"), so approving them later
leaves the pack as it was.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from scrutiny.committees.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from scrutiny.core.access import Audience
from scrutiny.core.models import Council
from scrutiny.core.packparts import PackPart
from scrutiny.minutes.queries import minutes_for, minutes_view


def pack_parts(meeting: Meeting, item: AgendaItem, audience: Audience) -> list[PackPart]:
    if item.kind != AgendaItemKind.PREVIOUS_MINUTES:
        return []
    previous = (
        Meeting.objects.filter(panel_id=meeting.panel_id, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )
    if previous is None:
        return []
    minutes = minutes_for(previous)
    if minutes is None or minutes_view(minutes, Audience.PUBLIC) is None:
        return []  # none, or not published yet: not printed in either pack
    view = minutes_view(minutes, audience)
    # Printed as put to the meeting for approval, whatever has happened to them since: the
    # pack does not change when the panel approves them (ADR 1110).
    html = render_to_string(
        "minutes/_minutes.html",
        {"view": view, "council": Council.load().name, "for_approval": True},
    )
    return [PackPart(title=f"Minutes of the meeting held on {previous.date:%-d %B %Y}", html=html)]
