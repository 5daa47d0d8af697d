"""The agenda pack: order, page ranges equal to the real pages, padding, exempt handling."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.core.models import ExemptCategory
from scrutiny.core.packparts import PackPart
from scrutiny.documents import services
from scrutiny.documents.models import Document
from scrutiny.documents.pack_printing import build_pack, pack_plan
from tests.documents.conftest import CANARY, numbered_pages, pages_text

pytestmark = pytest.mark.django_db
BLANK = "This page is intentionally left blank"


def item_heading(number: int) -> str:
    return f"Agenda Item {number}"


def assert_ranges_match_pages(built, expected_items):
    pages = numbered_pages(built.pdf)
    assert sorted(pages) == list(range(1, built.numbered_pages + 1)), (
        "every numbered page is stamped once"
    )
    agenda_text = next(
        t for t in pages_text(built.pdf) if "Agenda" in t and "EDUCATION OUTCOMES" in t.upper()
    )
    ordered = sorted(built.ranges.items(), key=lambda kv: kv[1])
    assert [number for number, _ in ordered] == expected_items
    for position, (number, (first, last)) in enumerate(ordered):
        assert first % 2 == 1, f"item {number} starts on an odd page"
        assert item_heading(number) in pages[first]
        assert f"Pages {first} - {last}" in agenda_text
        if position + 1 < len(ordered):
            assert ordered[position + 1][1][0] == last + 1
        else:
            assert last == built.numbered_pages
        for page in range(first, last + 1):
            assert (
                any(item_heading(n) in pages[page] for n in (number,))
                or BLANK in pages[page]
                or "Agenda Item" not in pages[page]
            )


def test_demo_pack_reproduces_the_seed_structure(november_pack):
    built = november_pack("public")
    texts = pages_text(built.pdf)
    front = texts[0]
    assert (
        "Children and Families Scrutiny Panel" in front and "Thursday, 28th November, 2024" in front
    )
    assert "5.30 pm" in front and "PLEASE NOTE TIME OF MEETING" in front.upper()
    assert (
        "Councillor Barnes-Andrews (Chair)" in front
        and "Vacancy - Primary Parent Governor" in front
    )
    assert "Ed Grimshaw" in front and "023 8083 3886" in front
    whole = "\n".join(texts)
    assert "PUBLIC INFORMATION" in whole.upper() and "Dates of meetings" in whole
    # Items 6 (minutes of 26 September), 8, 9 and 10 carry papers; 1-5 and 7 do not.
    assert_ranges_match_pages(built, [6, 8, 9, 10])
    pages = numbered_pages(built.pdf)
    assert "26 September 2024" in pages[1]
    first_8 = built.ranges[8][0]
    assert (
        "EDUCATION OUTCOMES AND CONTEXT" in pages[first_8]
        and "DECISION-MAKER" in pages[first_8].upper()
    )
    assert "Document is Confidential" in whole
    assert len(built.pdf) > 0 and built.page_count == len(texts)
    # The front matter is padded so that Page 1 is a right-hand page.
    assert (built.page_count - built.numbered_pages) % 2 == 0


def test_members_pack_ranges_also_match_and_exempt_pages_are_marked(november_pack):
    built = november_pack("members")
    assert_ranges_match_pages(built, [6, 8, 9, 10])
    canary_pages = [t for t in numbered_pages(built.pdf).values() if CANARY in t]
    assert canary_pages, "the members' pack is complete"
    for text in canary_pages:
        assert "NOT FOR PUBLICATION - Category 7a of paragraph 10.4" in text


def test_public_pack_never_contains_the_exempt_appendix(november_pack):
    built = november_pack("public")
    assert CANARY not in "\n".join(pages_text(built.pdf))
    assert CANARY.encode() not in built.pdf
    confidential = [t for t in pages_text(built.pdf) if "Document is Confidential" in t]
    assert len(confidential) == 1 and "Category 7a" in confidential[0]


def test_padding_pages_say_they_are_blank_and_keep_items_on_odd_pages(november_pack):
    built = november_pack("public")
    pages = numbered_pages(built.pdf)
    blanks = [n for n, t in pages.items() if BLANK in t]
    assert blanks, "the demo has odd-length papers"
    assert all(n % 2 == 0 for n in blanks)


def test_uploaded_pdf_appendix_is_merged_and_numbered(small_meeting, officer, pdf_bytes):
    item = small_meeting.agenda_items.get(number=2)
    services.document_add(
        actor=officer,
        meeting=small_meeting,
        agenda_item=item,
        number=2,
        title="Scanned dashboard",
        upload=SimpleUploadedFile("dashboard.pdf", pdf_bytes(3, "DASHBOARD-UPLOAD")),
        publish=True,
    )
    built = build_pack(small_meeting, "public")
    pages = numbered_pages(built.pdf)
    uploaded = sorted(n for n, t in pages.items() if "DASHBOARD-UPLOAD" in t)
    assert len(uploaded) == 3 and uploaded[0] % 2 == 1
    assert uploaded == list(range(uploaded[0], uploaded[0] + 3))
    first, last = built.ranges[2]
    assert first <= uploaded[0] and uploaded[-1] <= last
    assert BLANK in pages[uploaded[-1] + 1]  # three pages, then a padding page


def test_exempt_uploaded_pdf_is_one_confidential_page_in_public_and_marked_for_members(
    small_meeting, officer, pdf_bytes
):
    item = small_meeting.agenda_items.get(number=2)
    services.document_add(
        actor=officer,
        meeting=small_meeting,
        agenda_item=item,
        number=2,
        title="Named case audit",
        upload=SimpleUploadedFile("audit.pdf", pdf_bytes(4, "EXEMPT-PDF-CANARY")),
        publish=True,
        is_exempt=True,
        exempt_category=ExemptCategory.objects.get(code="1"),
        public_interest_reasoning="Identifies individual children.",
    )
    public = build_pack(small_meeting, "public")
    assert "EXEMPT-PDF-CANARY" not in "\n".join(pages_text(public.pdf))
    members = build_pack(small_meeting, "members")
    marked = [t for t in pages_text(members.pdf) if "EXEMPT-PDF-CANARY" in t]
    assert len(marked) == 4
    assert all(
        "NOT FOR PUBLICATION - Category 1 of paragraph 1 of Part 1 of Schedule 12A" in t
        for t in marked
    )
    assert (
        members.numbered_pages == public.numbered_pages + 2
    )  # four pages instead of one plus its blank


def test_a_released_exempt_appendix_is_printed_in_the_public_pack(small_meeting, officer):
    from datetime import date

    confidential = Document.objects.get(meeting=small_meeting, is_exempt=True)
    assert CANARY not in "\n".join(pages_text(build_pack(small_meeting, "public").pdf))
    before = pack_plan(small_meeting, "public").fingerprint
    services.document_set_exempt(
        actor=officer,
        document=confidential,
        is_exempt=True,
        exempt_category=confidential.exempt_category,
        public_interest_reasoning=confidential.public_interest_reasoning,
        release_after=date(2025, 1, 31),
        reason="National results published",
    )
    assert pack_plan(small_meeting, "public").fingerprint != before
    assert CANARY in "\n".join(pages_text(build_pack(small_meeting, "public").pdf))


def test_other_apps_add_parts_through_the_hook(november, monkeypatch, pdf_bytes):
    category = ExemptCategory.objects.get(code="7a")
    services.document_add(
        actor="dso",
        meeting=november,
        agenda_item=november.agenda_items.get(number=6),
        kind=Document.Kind.MINUTES,
        title="Stand-in",
        body_html="<p>STAND-IN-MINUTES</p>",
        publish=True,
    )

    def minutes_and_monitoring(meeting, item, audience):
        if item.kind == "previous_minutes":
            return [PackPart(title="Minutes of 26 September 2024", html="<p>HOOK-MINUTES</p>")]
        if item.kind == "monitoring":
            return [
                PackPart(title="Tracker", pdf=pdf_bytes(1, "HOOK-TRACKER")),
                PackPart(
                    title="Withheld note", html="<p>HOOK-SECRET</p>", exempt_category=category
                ),
            ]
        return []

    monkeypatch.setattr(
        "scrutiny.documents.pack_printing.pack_part_providers", lambda: [minutes_and_monitoring]
    )
    built = build_pack(november, "public")
    whole = "\n".join(pages_text(built.pdf))
    assert "HOOK-MINUTES" in whole and "HOOK-TRACKER" in whole and "HOOK-SECRET" not in whole
    # The stand-in minutes document steps aside when an app supplies the minutes.
    assert "STAND-IN-MINUTES" not in whole
    assert_ranges_match_pages(built, [6, 8, 9, 10])
    assert "HOOK-SECRET" in "\n".join(pages_text(build_pack(november, "members").pdf))


def test_fingerprint_depends_on_content_not_on_time(small_meeting, officer):
    first = pack_plan(small_meeting, "public").fingerprint
    assert pack_plan(small_meeting, "public").fingerprint == first
    assert pack_plan(small_meeting, "members").fingerprint != first
    appendix = Document.objects.get(meeting=small_meeting, agenda_item__number=1, number=1)
    services.document_replace(
        actor=officer,
        document=appendix,
        reason="Corrected figure",
        body_html="<p>Corrected table.</p>",
    )
    assert pack_plan(small_meeting, "public").fingerprint != first


def test_rebuild_renders_only_changed_papers_from_the_cache(small_meeting, officer, tmp_path):
    from scrutiny.documents.pack_printing import PaperCache

    cache = PaperCache(tmp_path / "papers")
    first = build_pack(small_meeting, "public", cache)
    cached = set(cache.directory.glob("*.pdf"))
    # Each written paper, the blank page and the three parts of the front matter.
    assert (
        len(cached) == sum(1 for p in pack_plan(small_meeting, "public").papers if p.html) + 1 + 3
    )
    again = build_pack(small_meeting, "public", cache)
    assert set(cache.directory.glob("*.pdf")) == cached
    assert again.pdf == first.pdf  # reproducible: the same plan prints the same bytes
    appendix = Document.objects.get(meeting=small_meeting, agenda_item__number=1, number=1)
    services.document_replace(
        actor=officer, document=appendix, reason="Revised", body_html="<p>REVISED-TABLE</p>"
    )
    changed = build_pack(small_meeting, "public", cache)
    assert len(set(cache.directory.glob("*.pdf")) - cached) == 1
    assert "REVISED-TABLE" in "\n".join(pages_text(changed.pdf))


def test_minutes_and_monitoring_table_come_from_their_apps(november_pack):
    built = november_pack("public")
    pages = numbered_pages(built.pdf)
    first_6, last_6 = built.ranges[6]
    minutes = "\n".join(pages[n] for n in range(first_6, last_6 + 1))
    assert "MINUTES OF THE MEETING HELD ON 26 SEPTEMBER" in minutes.replace("\n", " ")
    item_10 = "\n".join(pages[n] for n in range(built.ranges[10][0], built.ranges[10][1] + 1))
    assert "Scrutiny Monitoring" in item_10
    # The demo's written stand-in for appendix 1 gives way to the real table.
    assert "the action taken on each" not in item_10
    assert item_10.index("Appendix 1: Monitoring") < item_10.index("Appendix 2: Re-referrals")


def test_papers_of_an_item_taken_in_private_are_withheld_everywhere(client, small_meeting, officer):
    from scrutiny.committees import services as committees
    from tests.documents.conftest import SMALL_SUMMARY

    item = small_meeting.agenda_items.get(number=1)
    public = "\n".join(pages_text(build_pack(small_meeting, "public").pdf))
    assert "GLOSSARY-OF-TERMS" in public and SMALL_SUMMARY in public.replace("\n", " ")
    committees.agenda_item_set_exempt(
        actor=officer,
        item=item,
        is_exempt=True,
        exempt_category=ExemptCategory.objects.get(code="3"),
        exempt_reasons="Contract prices.",
    )
    glossary = Document.objects.get(agenda_item=item, number=2)
    assert not glossary.is_exempt and glossary.is_withheld()
    public = "\n".join(pages_text(build_pack(small_meeting, "public").pdf))
    assert "GLOSSARY-OF-TERMS" not in public
    assert SMALL_SUMMARY not in public.replace("\n", " ")  # the item's summary
    members = "\n".join(pages_text(build_pack(small_meeting, "members").pdf))
    assert "GLOSSARY-OF-TERMS" in members
    response = client.get(f"/documents/{glossary.pk}/")
    assert response.status_code == 403 and "Category 3" in response.content.decode()


def test_word_appendix_and_urgent_supplementary_item_in_the_pack(db):
    from datetime import date, datetime, time
    from zoneinfo import ZoneInfo

    from scrutiny.committees import services as committees
    from tests.committees.factories import PanelFactory
    from tests.documents.conftest import docx_bytes

    london = ZoneInfo("Europe/London")
    meeting = committees.meeting_create(
        actor="dso",
        panel=PanelFactory(),
        date=date(2025, 1, 2),
        start_time=time(17, 30),
        venue="Civic Centre",
    )
    item = committees.agenda_item_add(actor="dso", meeting=meeting, title="Budget")
    services.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2024, 12, 20, 9, tzinfo=london)
    )
    late = committees.agenda_item_add(actor="dso", meeting=meeting, title="Winter pressures")
    services.agenda_item_mark_urgent(
        actor="dso", item=late, reasons="Figures arrived on 23 December."
    )
    services.document_add(
        actor="dso",
        meeting=meeting,
        agenda_item=late,
        number=1,
        title="Bed numbers",
        upload=SimpleUploadedFile("beds.docx", docx_bytes(["WORD-APPENDIX-TEXT"])),
    )
    services.agenda_publish(
        actor="dso", meeting=meeting, when=datetime(2024, 12, 23, 9, tzinfo=london)
    )
    built = build_pack(meeting, "public")
    text = "\n".join(pages_text(built.pdf))
    assert "WORD-APPENDIX-TEXT" in text
    assert "Urgent item (supplementary agenda): Figures arrived on 23 December." in text
    assert list(built.ranges) == [late.number] and item.documents.count() == 0


def test_papers_print_offline_without_fetching_anything(small_meeting, monkeypatch, tmp_path):
    # Were the SVG fetched, WeasyPrint would print its text into the pack.
    secret = tmp_path / "secret.svg"
    secret.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="50">'
        '<text x="5" y="30">LOCAL-FILE-CONTENT</text></svg>'
    )

    def with_image(meeting, item, audience):
        if item.kind != "monitoring":
            return []
        html = (
            f'<p>IMAGE-PART</p><img src="file://{secret}"><object data="file://{secret}"></object>'
        )
        return [PackPart(title="With links", html=html)]

    monkeypatch.setattr(
        "scrutiny.documents.pack_printing.pack_part_providers", lambda: [with_image]
    )
    text = "\n".join(pages_text(build_pack(small_meeting, "public").pdf))
    assert "IMAGE-PART" in text and "LOCAL-FILE-CONTENT" not in text
