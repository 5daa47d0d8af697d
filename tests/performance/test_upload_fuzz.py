"""Corrupt workbooks and hostile CSV through the officers' upload page: always a clear 400
naming the file (and the row where there is one), never a server error, nothing saved."""

from __future__ import annotations

import io
import random
import re
import zipfile

import pytest
from openpyxl import Workbook

from scrutiny.core.models import AuditEvent
from scrutiny.performance.models import MonthlyValue

from .factories import CountIndicatorFactory

pytestmark = pytest.mark.django_db


def _workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["indicator_code", "month", "value"])
    for month in range(1, 11):
        sheet.append(["contacts", f"2024-{month:02d}", 100 + month])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rezip(data: bytes, change) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {i.filename: source.read(i) for i in source.infolist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _truncate_sheet(members):
    members[SHEET] = members[SHEET][: len(members[SHEET]) * 2 // 3]


def _bad_number(members):
    members[SHEET] = re.sub(rb"<v>10[0-9]</v>", b"<v>NaN</v>", members[SHEET], count=1)


def _garbled_rows(members):
    members[SHEET] = members[SHEET].replace(b"<row ", b"<row <", 2)


def _no_workbook_part(members):
    del members["xl/workbook.xml"]


CORRUPT = [_truncate_sheet, _bad_number, _garbled_rows, _no_workbook_part]


@pytest.mark.parametrize("change", CORRUPT, ids=[c.__name__.strip("_") for c in CORRUPT])
def test_corrupt_workbooks_give_a_clear_400(officer_client, change):
    CountIndicatorFactory(code="contacts")
    before = MonthlyValue.objects.count(), AuditEvent.objects.count()
    upload = io.BytesIO(_rezip(_workbook(), change))
    upload.name = "values.xlsx"
    response = officer_client.post("/performance/import/", {"kind": "values", "file": upload})
    assert response.status_code == 400
    html = response.content.decode()
    assert "values.xlsx" in html and "nothing has been changed" in html
    assert "Traceback" not in html
    assert (MonthlyValue.objects.count(), AuditEvent.objects.count()) == before


def test_a_stale_dimension_hides_no_rows(officer_client):
    CountIndicatorFactory(code="contacts")

    def stale(members):
        members[SHEET] = re.sub(
            rb'<dimension ref="[^"]+" ?/>', b'<dimension ref="A1:C2"/>', members[SHEET]
        )

    upload = io.BytesIO(_rezip(_workbook(), stale))
    upload.name = "values.xlsx"
    response = officer_client.post("/performance/import/", {"kind": "values", "file": upload})
    assert response.status_code == 200
    assert MonthlyValue.objects.count() == 10


def test_a_decompression_bomb_is_refused_before_it_expands(officer_client):
    bomb = _rezip(_workbook(), lambda m: m.update({"xl/media/zeros.bin": b"\0" * (300 << 20)}))
    assert len(bomb) < 2 * 1024 * 1024
    upload = io.BytesIO(bomb)
    upload.name = "values.xlsx"
    response = officer_client.post("/performance/import/", {"kind": "values", "file": upload})
    assert response.status_code == 400 and "expands to" in response.content.decode()


HOSTILE = ["9" * 400, "x" * 131_073, "0001-01", "2024-13", "1e309", "NaN", '"', "\x00", "-1"]


def test_seeded_fuzz_of_csv_and_xlsx_uploads(officer_client):
    CountIndicatorFactory(code="contacts")
    rng = random.Random(852)
    base_csv = "indicator_code,month,value,as_at,numerator,denominator\n" + "".join(
        f"contacts,2024-{m:02d},{100 + m},2024-{m:02d}-28,,\n" for m in range(1, 10)
    )
    base_xlsx = _workbook()
    for round_number in range(60):
        if round_number % 2:
            text = base_csv
            spots = [m.span(1) for m in re.finditer(r"(?:^|,)([^,\n]+)", text)]
            start, end = rng.choice(spots)
            data = (text[:start] + rng.choice(HOSTILE) + text[end:]).encode()
            name = "values.csv"
        else:
            raw = bytearray(base_xlsx)
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            data, name = bytes(raw), "values.xlsx"
        before = MonthlyValue.objects.count()
        upload = io.BytesIO(data)
        upload.name = name
        response = officer_client.post("/performance/import/", {"kind": "values", "file": upload})
        assert response.status_code in (200, 400), round_number
        if response.status_code == 400:
            assert MonthlyValue.objects.count() == before
            assert name in response.content.decode()
