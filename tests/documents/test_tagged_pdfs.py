"""Accessible PDFs: every kind is tagged (a structure tree screen readers follow), says its
language, and has bookmarks; the merged agenda pack keeps the tags of its parts and has one
bookmark per agenda item and one per paper beneath it."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pypdf import PdfReader

from scrutiny.core.pdf import html_to_pdf
from scrutiny.core.tagged_pdf import Bookmark, TaggedWriter
from scrutiny.documents.pack_printing import build_pack
from tests.documents.conftest import CANARY

pytestmark = pytest.mark.django_db


def _structure(data: bytes) -> tuple[PdfReader, dict]:
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"].get_object()
    assert "/StructTreeRoot" in root, "the PDF has a structure tree"
    assert root["/MarkInfo"]["/Marked"] is True or bool(root["/MarkInfo"]["/Marked"])
    assert str(root["/Lang"]) == "en-GB"
    return reader, root


def _element_types(root) -> list[str]:
    found: list[str] = []

    def walk(node) -> None:
        obj = node.get_object()
        if isinstance(obj, list):
            for kid in obj:
                walk(kid)
        elif hasattr(obj, "get") and "/S" in obj:
            found.append(str(obj["/S"]))
            if "/K" in obj:
                walk(obj.raw_get("/K"))

    walk(root["/StructTreeRoot"].raw_get("/K"))
    return found


def _outline_titles(reader: PdfReader) -> list:
    def titles(items) -> list:
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    return titles(reader.outline)


def _pdfinfo_tagged(data: bytes, tmp_path) -> None:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout


def test_the_agenda_pack_is_tagged_in_english_with_a_bookmark_per_item(november_pack, tmp_path):
    built = november_pack("public")
    reader, root = _structure(built.pdf)
    _pdfinfo_tagged(built.pdf, tmp_path)
    types = _element_types(root)
    assert types[0] == "/Document"
    assert "/H1" in types and "/P" in types and "/Table" in types
    # Every page drawn from the written papers points into the structure tree.
    keys = [p.get("/StructParents") for p in reader.pages]
    assert sum(k is not None for k in keys) >= len(reader.pages) // 2
    assert len({k for k in keys if k is not None}) == sum(k is not None for k in keys)
    titles = _outline_titles(reader)
    flat = [t for t in titles if isinstance(t, str)]
    assert flat[:3] == ["Front sheet", "Public information", "Agenda"]
    items = [t for t in flat[3:]]
    for number, _pages in built.ranges.items():
        assert any(t.startswith(f"{number}. ") for t in items), number
    appendices = [t for t in titles if isinstance(t, list)]
    assert any(any(c.startswith("Appendix") for c in group) for group in appendices)
    assert reader.metadata.title.startswith("Children and Families Scrutiny Panel")
    # A withheld paper is bookmarked by its (public) title only, as its placeholder page says.
    assert CANARY not in " ".join(str(t) for t in titles)
    assert CANARY not in "".join(p.extract_text() for p in reader.pages)


def test_a_rebuilt_pack_from_cached_papers_is_still_tagged(demo, tmp_path):
    from scrutiny.committees.models import Meeting

    november = Meeting.objects.get(date=date(2024, 11, 28))
    build_pack(november, "members")
    again = build_pack(november, "members")  # every paper now from the cache
    _reader, root = _structure(again.pdf)
    assert "/P" in _element_types(root)


def test_the_writer_keeps_the_tags_of_merged_parts_in_page_order():
    first = html_to_pdf('<html lang="en-GB"><body><h1>One</h1><p>First part.</p></body></html>')
    second = html_to_pdf(
        '<html lang="en-GB"><body><h1>Two</h1><table><tr><th>a</th></tr>'
        "<tr><td>1</td></tr></table></body></html>"
    )
    writer = TaggedWriter()
    writer.add_page(PdfReader(io.BytesIO(second)).pages[0])
    writer.add_page(PdfReader(io.BytesIO(first)).pages[0])
    merged = writer.write(title="Merged", bookmarks=[Bookmark("Two", 0), Bookmark("One", 1)])
    reader, root = _structure(merged)
    assert _element_types(root)[:3] == ["/Document", "/H1", "/Span"]
    assert "/Table" in _element_types(root)
    nums = list(root["/StructTreeRoot"]["/ParentTree"]["/Nums"])
    assert [int(k) for k in nums[::2]] == [0, 1]
    assert _outline_titles(reader) == ["Two", "One"]


@pytest.mark.parametrize(
    "url",
    [
        "/minutes/meeting/{meeting}/pdf/",
        "/recommendations/panel/children-and-families/monitoring/2024-11-28/pdf/",
    ],
)
def test_minutes_and_monitoring_pdfs_are_tagged(client, demo, url, tmp_path):
    from django.contrib.auth.models import User

    from scrutiny.committees.models import Meeting

    meeting = Meeting.objects.filter(minutes__published_at__isnull=False).first()
    client.force_login(User.objects.get(username="officer"))
    response = client.get(url.format(meeting=meeting.pk))
    assert response.status_code == 200, response.content[:300]
    data = response.content if not response.streaming else b"".join(response.streaming_content)
    reader, root = _structure(data)
    _pdfinfo_tagged(data, tmp_path)
    assert reader.outline, "headings become bookmarks"


def test_the_performance_report_pdf_is_tagged(demo):
    from scrutiny.performance import pdf, queries

    report = queries.build_report(queries.latest_month(), exact=False)
    data = pdf.html_to_pdf(pdf.report_html(report), base_url=pdf.site_url())
    _reader, root = _structure(data)
    assert "/Table" in _element_types(root)
