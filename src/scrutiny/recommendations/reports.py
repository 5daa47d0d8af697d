"""The monitoring report as a reusable piece of HTML.

``monitoring_report_html(meeting=...)`` returns the "Scrutiny Monitoring - <date>" table for a
meeting (or ``panel=`` and ``on=`` for any date). The agenda-pack builder includes it as an
appendix; the page and the PDF render the same template.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.template.loader import render_to_string

from scrutiny.committees.models import Meeting, Panel
from scrutiny.recommendations.queries import MonitoringReport, monitoring_report


def monitoring_report_for(
    *,
    meeting: Meeting | None = None,
    panel: Panel | None = None,
    on: date | None = None,
    user: Any = None,
) -> MonitoringReport:
    if meeting is not None:
        panel, on = meeting.panel, meeting.date
    if panel is None or on is None:
        raise ValueError("Give a meeting, or a panel and a date.")
    return monitoring_report(panel, on, user=user)


def monitoring_report_html(
    *,
    meeting: Meeting | None = None,
    panel: Panel | None = None,
    on: date | None = None,
    user: Any = None,
) -> str:
    """The monitoring table as an HTML fragment (a <section>), public version unless ``user``
    is given. Styling is plain and self-contained so it prints inside an agenda pack."""
    report = monitoring_report_for(meeting=meeting, panel=panel, on=on, user=user)
    return render_to_string("recommendations/_monitoring_table.html", {"report": report})
