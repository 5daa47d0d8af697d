"""Reading files: PDFs (one and two columns) and text; bad input refused with a clear message."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from scrutiny.paperimport.parsing import parse
from scrutiny.paperimport.reading import read_text, split_columns
from tests.paperimport.pdfs import image_only_pdf, text_to_pdf

FIXTURES = Path(__file__).parent / "fixtures"


def _summary(proposal):
    out = []
    for meeting in proposal.meetings:
        out.append((meeting.part, meeting.panel, meeting.date))
        out += [(a.status, a.name) for a in meeting.attendance]
        out += [(i.number, i.title.lower(), i.page_start, i.page_end) for i in meeting.agenda]
        for minute in meeting.minutes:
            out.append((minute.number, minute.title.lower(), minute.exclusion_categories))
            out += [(minute.number, r.label, " ".join(r.text.split())) for r in minute.resolutions]
    return out


@pytest.mark.parametrize("columns", [1, 2])
def test_minutes_from_a_pdf_read_as_from_the_text(columns):
    text = (FIXTURES / "minutes-2020-01-23.txt").read_text()
    extracted, content_type = read_text("minutes.pdf", text_to_pdf(text, columns=columns))
    assert content_type == "application/pdf"
    assert "Page 1" in extracted  # the footer, which the parser drops
    assert _summary(parse(extracted, "southampton")) == _summary(parse(text, "southampton"))


def test_another_councils_agenda_from_a_pdf():
    text = (FIXTURES / "other-council-agenda.txt").read_text()
    extracted, _ = read_text("agenda.pdf", text_to_pdf(text))
    assert _summary(parse(extracted, None)) == _summary(parse(text, None))


def test_split_columns_reads_the_left_column_first():
    left = ["Present: Councillors A,", "B and C", "", "Apologies: D", "", "1. MINUTES", "Noted."]
    right = ["2. REPORT", "The panel", "considered", "", "RESOLVED that", "it be noted.", ""]
    page = [f"{a:<40}{b}" for a, b in zip(left, right, strict=True)]
    assert split_columns(page) == [*left, *right[:-1]]
    assert split_columns(left) == left  # one column: unchanged


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Meeting", "Date"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty."),
        ("scan.pdf", image_only_pdf(), "scan.pdf: the PDF has no text layer"),
        ("pack.pdf", _xlsx(), "pack.pdf: the name ends in .pdf but the file is a spreadsheet"),
        (
            "pack.pdf",
            b"Minutes of the meeting",
            "pack.pdf: the name ends in .pdf but the file is not a PDF",
        ),
        ("blank.txt", b"  \n\n ", "blank.txt: the file has no text."),
        ("binary.txt", b"\x00\x01\x02abc", "binary.txt: the file is not text and not a PDF."),
        ("broken.pdf", b"%PDF-1.7\nnot really", "broken.pdf: the PDF is damaged"),
    ],
)
def test_bad_input_is_refused_with_the_file_named(name, data, message):
    with pytest.raises(ValidationError) as refused:
        read_text(name, data)
    assert refused.value.messages[0].startswith(message)
    assert refused.value.messages[0].endswith("Nothing was imported.")
