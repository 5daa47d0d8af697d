"""Generated papers in the agenda pack (see scrutiny.core.packparts): each prints, with its
charts, in place of its appendix; a withheld one prints as "Document is Confidential" in the
public pack. An appendix an officer has replaced by hand since prints as the document."""

from __future__ import annotations

from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.access import Audience
from scrutiny.core.packparts import PackPart

from .models import EvidencePaper


def pack_parts(meeting: Meeting, item: AgendaItem, audience: Audience) -> list[PackPart]:
    papers = EvidencePaper.objects.filter(
        document__agenda_item=item, document__published_at__isnull=False
    ).select_related("document__exempt_category", "document__agenda_item__exempt_category")
    return [
        PackPart(
            title=paper.document.title,
            html=paper.html,
            exempt_category=paper.document.withholding_category
            if paper.document.is_withheld()
            else None,
            appendix_number=paper.document.number,
        )
        for paper in papers
        if paper.is_current  # replaced by hand since: the document prints as it now is
    ]
