"""The performance app's background work: printing the report PDF, the nightly refresh of
engine-sourced indicators."""

from __future__ import annotations

import logging
from datetime import time

from django.utils import timezone

from scrutiny.core.dates import shift_months
from scrutiny.core.prepared import Built, register_builder
from scrutiny.core.queue import periodic, task

from . import pdf, queries

log = logging.getLogger(__name__)


def report_build(key: str) -> Built:
    month, exact = pdf.parse_prepared_key(key)
    report = queries.build_report(month, exact=exact)
    html = pdf.report_html(report)
    return Built(
        fingerprint=pdf.fingerprint(html),
        content=pdf.html_to_pdf(html, base_url=pdf.site_url()),
        filename=pdf.pdf_file_name(month, exact),
    )


register_builder(pdf.PREPARED_KIND, report_build)


@periodic(daily_at=time(2, 30))
@task()
def engine_values_refresh_nightly() -> int:
    """Recompute the engine-sourced indicators for the last two month ends from the
    case-data store (imports during the day change them)."""
    from scrutiny.performance import services

    last = shift_months(timezone.localdate(), -1)  # the last month that has ended
    month_ends = [shift_months(last, -1), last]
    try:
        summary = services.engine_values_refresh(month_ends=month_ends, actor="nightly refresh")
    except services.EntryError as exc:
        log.warning("nightly engine refresh skipped: %s", exc)
        return 0
    return summary.stored
