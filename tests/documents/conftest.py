"""Fixtures for papers and packs: the demo's 28 November 2024 meeting, real PDFs and DOCX."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date

import pytest
from django.contrib.auth.models import User
from pypdf import PdfReader

from scrutiny.committees.models import Meeting

CANARY = "KS4-PROVISIONAL-2024"


@pytest.fixture(autouse=True)
def _packs_build_in_the_test(settings, tmp_path):
    # Builds are queued for the worker; a test runs them itself (run_tasks, build_pending).
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def november(demo) -> Meeting:
    """The whole demo: the pack prints the minutes and monitoring apps' papers too."""
    return Meeting.objects.get(date=date(2024, 11, 28))


_demo_packs: dict[tuple[str, int], object] = {}


@pytest.fixture
def november_pack(november, shared_demo):
    """``build_pack(november, variant)`` for tests that only read the pack: printed once per
    variant while the shared demo stays as loaded (each test's changes are rolled back), so
    those tests share one print of the whole demo meeting instead of printing it each."""
    from scrutiny.documents.pack_printing import build_pack

    def built(variant: str):
        if not shared_demo.loaded:  # a demo loaded for the test alone: print it afresh
            return build_pack(november, variant)
        key = (variant, shared_demo.loads)
        if key not in _demo_packs:
            _demo_packs[key] = build_pack(november, variant)
        return _demo_packs[key]

    return built


@pytest.fixture
def chair(demo) -> User:
    return User.objects.get(username="barnes-andrews")


@pytest.fixture
def demo_officer(demo) -> User:
    return User.objects.get(username="officer")


@pytest.fixture(scope="session")
def pdf_bytes():
    """A real PDF of `pages` A4 pages, each saying `text` and its own number (made with WeasyPrint)."""
    from weasyprint import HTML

    cache: dict[tuple[int, str], bytes] = {}

    def make(pages: int, text: str) -> bytes:
        if (pages, text) not in cache:
            body = "".join(
                f'<section style="break-before: page">{text} sheet {n}</section>'
                for n in range(1, pages + 1)
            )
            cache[(pages, text)] = HTML(string=f"<html><body>{body}</body></html>").write_pdf()
        return cache[(pages, text)]

    return make


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A minimal but genuine Word document."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>"
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


PAGE_STAMP = re.compile(r"\bPage (\d+)\s*$")


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def numbered_pages(pdf: bytes) -> dict[int, str]:
    """Text of each page keyed by the "Page N" stamped at its foot."""
    found = {}
    for text in pages_text(pdf):
        match = PAGE_STAMP.search(text.strip())
        if match:
            found[int(match.group(1))] = text
    return found


SMALL_SUMMARY = "Report asking the panel to note the budget position."


@pytest.fixture
def small_meeting(db) -> Meeting:
    """A published meeting made here, small enough to print in a second or two: item 1 (a
    report) with two written appendices and an exempt third (the canary, category 7a), item 2
    (monitoring) with one appendix. Categories 1, 3 (Schedule 12A) and 7a exist."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from scrutiny.committees import services as committees
    from scrutiny.committees.models import AgendaItemKind
    from scrutiny.documents import services
    from tests.committees.factories import ExemptCategoryFactory, PanelFactory

    ExemptCategoryFactory(
        code="1", title="Information relating to any individual", is_statutory=True
    )
    ExemptCategoryFactory(
        code="3", title="Information relating to financial or business affairs", is_statutory=True
    )
    confidential = ExemptCategoryFactory(code="7a")
    meeting = committees.meeting_create(
        actor="dso",
        panel=PanelFactory(),
        date=date(2025, 3, 6),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    budget = committees.agenda_item_add(
        actor="dso", meeting=meeting, title="Budget monitoring", summary=SMALL_SUMMARY
    )
    monitoring = committees.agenda_item_add(
        actor="dso",
        meeting=meeting,
        title="Monitoring scrutiny recommendations",
        kind=AgendaItemKind.MONITORING,
    )
    papers = [
        (budget, 1, "Budget table", "<p>BUDGET-TABLE: spend against budget by service.</p>"),
        (budget, 2, "Glossary", "<p>GLOSSARY-OF-TERMS used in the budget report.</p>"),
        (monitoring, 1, "Tracker", "<p>TRACKER-TEXT: recommendations and progress.</p>"),
    ]
    for item, number, title, body in papers:
        services.document_add(
            actor="dso",
            meeting=meeting,
            agenda_item=item,
            number=number,
            title=title,
            body_html=body,
            publish=True,
        )
    services.document_add(
        actor="dso",
        meeting=meeting,
        agenda_item=budget,
        number=3,
        title="Provisional outturn",
        body_html=f"<p>Provisional figures. Reference {CANARY}.</p>",
        is_exempt=True,
        exempt_category=confidential,
        public_interest_reasoning="Shared in confidence until the accounts are audited.",
        publish=True,
    )
    london = ZoneInfo("Europe/London")
    services.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2025, 2, 26, 9, tzinfo=london)
    )
    meeting.refresh_from_db()  # as published
    return meeting


@pytest.fixture
def small_member(small_meeting) -> User:
    """A signed-in councillor on the small meeting's panel."""
    from tests.committees.factories import MembershipFactory, PersonFactory, SeatFactory

    user = User.objects.create_user("small-member", password="pw-member-123")
    MembershipFactory(seat=SeatFactory(panel=small_meeting.panel), person=PersonFactory(user=user))
    return user


@pytest.fixture
def former_member(small_meeting) -> User:
    """A councillor whose seat on the small meeting's panel ended before the meeting."""
    from tests.committees.factories import MembershipFactory, PersonFactory, SeatFactory

    user = User.objects.create_user("former-member", password="pw-former-123")
    MembershipFactory(
        seat=SeatFactory(panel=small_meeting.panel),
        person=PersonFactory(user=user),
        start_date=date(2023, 5, 1),
        end_date=date(2024, 5, 1),
    )
    return user
