"""The tracker's part of an agenda pack: the monitoring report, appendix 1 of its item.

The public pack prints the report as the public reads it (nothing from exempt minutes); the
members' pack prints it in full. Both use the template of the report page.
"""

from __future__ import annotations

from scrutiny.committees.models import AgendaItem, AgendaItemKind, Meeting
from scrutiny.core.access import Audience
from scrutiny.core.packparts import PackPart
from scrutiny.recommendations.reports import monitoring_report_html


def pack_parts(meeting: Meeting, item: AgendaItem, audience: Audience) -> list[PackPart]:
    if item.kind != AgendaItemKind.MONITORING:
        return []
    return [
        PackPart(
            title=f"Monitoring Scrutiny Recommendations - {meeting.date:%-d %B %Y}",
            html=monitoring_report_html(meeting=meeting, user=audience),
            appendix_number=1,
        )
    ]
