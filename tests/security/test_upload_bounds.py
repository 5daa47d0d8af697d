"""Zipped uploads are bounded before parsing: expanded size, text size, parts; the row cap
applies while a spreadsheet is read."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.core import tabular
from scrutiny.documents.models import Document
from tests.committees.factories import AgendaItemFactory, PublishedMeetingFactory
from tests.documents.conftest import docx_bytes
from tests.security.sweep import council

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _bomb(expanded_mb: int) -> bytes:
    """A genuine-looking .docx whose document.xml expands to ``expanded_mb`` MB."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                run = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
                data = data.replace(b"<w:body>", b"<w:body>" + run * (expanded_mb * 1040))
            archive.writestr(info.filename, data)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_word_bomb_is_refused_before_it_is_converted(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = council()
    item = AgendaItemFactory(meeting=PublishedMeetingFactory(panel=people.panel))
    bomb = _bomb(20)
    assert len(bomb) < 200_000  # small on the wire, 20 MB of text once expanded

    def never(*args, **kwargs):
        raise AssertionError("the bomb reached the converter")

    monkeypatch.setattr("mammoth.convert_to_html", never)
    response = people.client("officer").post(
        f"/documents/items/{item.pk}/upload/report/",
        {"title": "Report", "file": SimpleUploadedFile("report.docx", bomb, DOCX_TYPE)},
    )
    assert response.status_code == 200
    assert "report.docx: the file&#x27;s text expands to 20." in response.content.decode()
    assert not Document.objects.exists()


def test_too_many_parts_are_refused(settings):
    settings.SCRUTINY_MAX_ARCHIVE_ENTRIES = 10
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(11):
            archive.writestr(f"part{n}.xml", "<a/>")
    with pytest.raises(tabular.ImportRejected) as refused:
        tabular.read_table("figures.xlsx", buffer.getvalue())
    assert "holds 11 parts; the limit is 10" in str(refused.value.errors[0])


def _workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["indicator_code", "month", "value"])
    for n in range(rows):
        sheet.append(["cla_rate", date(2024, 10, 1), n])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_spreadsheet_that_expands_too_far_is_refused_unread(settings, monkeypatch):
    settings.SCRUTINY_MAX_XLSX_EXPANDED_BYTES = 100_000
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: pytest.fail("was parsed"))
    with pytest.raises(tabular.ImportRejected) as refused:
        tabular.read_table("figures.xlsx", _workbook(5_000))
    error = refused.value.errors[0]
    assert error.file == "figures.xlsx"
    assert "not a readable .xlsx workbook: the file expands to 1 MB" in error.message


def test_the_row_cap_applies_while_reading(monkeypatch):
    monkeypatch.setattr(tabular, "MAX_ROWS", 100)
    with pytest.raises(tabular.ImportRejected) as refused:
        tabular.read_table("figures.xlsx", _workbook(1_000))
    error = refused.value.errors[0]
    assert error.row == 102 and "more than 100 rows" in error.message  # stopped there
