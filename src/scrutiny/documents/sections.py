"""The agenda pack links on the public meeting page (see scrutiny.core.registry)."""

from __future__ import annotations

from scrutiny.core.access import Level, can_edit
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_views import issues_shown, pack_access


def meeting_section(request, meeting):
    variants = [
        (variant, label)
        for variant, label in AgendaPack.Variant.choices
        if pack_access(request.user, meeting, variant) is Level.CONTENT
    ]
    officer = can_edit(request.user)
    if not variants and not officer:
        return None
    return "documents/_meeting_packs.html", {
        "meeting": meeting,
        "variants": variants,
        "officer": officer,
        "publications": meeting.publications.all(),
        # The public pack's issues as published: "Agenda pack published 20 Nov 2024", then
        # any reissue (withdrawn ones listed, their files kept for officers).
        "issues": issues_shown(meeting, AgendaPack.Variant.PUBLIC) if variants else [],
    }
