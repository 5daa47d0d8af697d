"""End to end: the demo's 28 November 2024 pack prints item 8's appendices generated from the
imported figures, and withholds the confidential key stage 4 appendix from the public."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from scrutiny.committees.models import Meeting
from scrutiny.documents.pack_printing import build_pack, pack_plan


@pytest.fixture(autouse=True)
def _packs_in_the_test(settings, tmp_path):
    settings.SCRUTINY_PACK_BACKGROUND = False
    settings.MEDIA_ROOT = tmp_path / "media"


def text_of(pdf: bytes) -> str:
    words = " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", words)


def test_the_demo_pack_prints_the_generated_appendices(demo):
    meeting = Meeting.objects.get(date=date(2024, 11, 28))
    item = meeting.agenda_items.get(number=8)
    generated = {d.number: d for d in item.documents.filter(evidence_paper__isnull=False)}
    assert sorted(generated) == [1, 2, 3, 6]
    assert generated[2].is_withheld() and not generated[1].is_withheld()
    assert generated[1].version == 2, "the stand-in appendix is kept as version 1"
    public = text_of(build_pack(meeting, "public").pdf)
    assert "Appendix 1: 2024 Key Stage 2 Outcomes" in public
    assert "136 more of the 2,890 pupils" in public and "(56.6%)" in public
    assert "Appendix 3: Attendance Data and Summary" in public
    assert "6,885 of 32,144 enrolments" in public and "572 fewer" in public
    assert "Appendix 6: Exclusions and Suspensions - Summary" in public
    assert "0.07%" in public and "(0.08%)" in public
    assert "Document is Confidential" in public
    assert "KS4-PROVISIONAL-2024" not in public and "Attainment 8" not in public
    members = " ".join(p.html or "" for p in pack_plan(meeting, "members").papers)
    assert "Attainment 8" in members and "KS4-PROVISIONAL-2024" in members
