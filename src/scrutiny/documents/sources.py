"""Adapters that print other apps' papers into the pack, for apps without their own pack.py.

- the minutes app: the minutes of the panel's previous meeting, for the previous-minutes item;
- the recommendations app: the monitoring table, as appendix 1 of the monitoring item.

Each renders the app's own template (the same one its pages use). Where the public and the
complete versions differ (exempt minutes or recommendations), both are returned, one per pack.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from scrutiny.committees.models import AgendaItem, AgendaItemKind, Meeting, MeetingStatus
from scrutiny.core.access import Role
from scrutiny.core.models import Council
from scrutiny.documents.hooks import PackPart


class PackReader:
    """Who reads the members' pack content: sees what officers see (role cached for access)."""

    is_authenticated = True
    is_superuser = True
    is_staff = True
    is_anonymous = False
    pk = None
    _scrutiny_role = Role.ADMIN


def _both_versions(title: str, public_html: str, complete_html: str, **extra) -> list[PackPart]:
    if public_html == complete_html:
        return [PackPart(title=title, html=public_html, **extra)]
    return [
        PackPart(title=title, html=public_html, variant="public", **extra),
        PackPart(title=title, html=complete_html, variant="members", **extra),
    ]


def minutes_parts(meeting: Meeting, item: AgendaItem) -> list[PackPart]:
    if item.kind != AgendaItemKind.PREVIOUS_MINUTES:
        return []
    from scrutiny.minutes.queries import minutes_for, minutes_view

    previous = (
        Meeting.objects.filter(panel_id=meeting.panel_id, date__lt=meeting.date)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("-date", "-start_time")
        .first()
    )
    if previous is None:
        return []
    minutes = minutes_for(previous)
    if minutes is None:
        return []
    public = minutes_view(minutes, None)
    if public is None:  # not published yet
        return []
    council = Council.load().name

    def render(view) -> str:
        return render_to_string("minutes/_minutes.html", {"view": view, "council": council})

    title = f"Minutes of the meeting held on {previous.date:%-d %B %Y}"
    return _both_versions(title, render(public), render(minutes_view(minutes, PackReader())))


def monitoring_parts(meeting: Meeting, item: AgendaItem) -> list[PackPart]:
    if item.kind != AgendaItemKind.MONITORING:
        return []
    from scrutiny.recommendations.reports import monitoring_report_html

    title = f"Monitoring Scrutiny Recommendations - {meeting.date:%-d %B %Y}"
    return _both_versions(
        title,
        monitoring_report_html(meeting=meeting),
        monitoring_report_html(meeting=meeting, user=PackReader()),
        appendix_number=1,
    )


ADAPTERS = {
    "scrutiny.minutes": minutes_parts,
    "scrutiny.recommendations": monitoring_parts,
}
