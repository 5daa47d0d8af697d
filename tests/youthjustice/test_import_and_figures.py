"""Youth Justice Board tables in, comparator tables out; bad files rejected whole."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from scrutiny.core import evidence
from scrutiny.core.tabular import ImportRejected
from scrutiny.youthjustice.figures import tables_as_at
from scrutiny.youthjustice.models import Value
from scrutiny.youthjustice.services import youth_justice_import

pytestmark = pytest.mark.django_db

GOOD = """Measure,Time period,Period end,Geography type,Area name,Number,Population,Rate
First time entrants,Jan 2023 - Dec 2023,31/12/2023,YJS,Southampton,64,23000,278
First time entrants,Jan 2023 - Dec 2023,31/12/2023,YJS family,Family,,,190
First time entrants,Jan 2023 - Dec 2023,31/12/2023,Region,South East,,,150
First time entrants,Jan 2023 - Dec 2023,31/12/2023,England and Wales,England and Wales,,,149
First time entrants,Jan 2022 - Dec 2022,31/12/2022,YJS,Southampton,80,23000,348
Binary reoffending rate,Apr 2022 - Jun 2022 cohort,30/06/2022,YJS,Southampton,25,75,33.3
Frequency rate,Apr 2022 - Jun 2022 cohort,30/06/2022,YJS,Southampton,,,4.1
Custodial sentences,Jan 2024 - Jun 2024,30/06/2024,YJS,Southampton,3,,3
"""


def test_the_yjb_layout_imports_and_prints_the_service_beside_its_comparators(officer):
    release = youth_justice_import(actor=officer, file_name="yjb.csv", data=GOOD.encode())
    assert release.rows == 8
    tables = {t.measure: t for t in tables_as_at(date(2024, 9, 26))}
    fte = tables["fte_rate"]
    assert fte.period == "Jan 2023 - Dec 2023"
    assert [(c.area_type, c.shown) for c in fte.cells] == [
        ("Youth justice service", "278"),
        ("YJS family average", "190"),
        ("Region", "150"),
        ("England and Wales", "149"),
    ]
    assert fte.earlier == [("Jan 2022 - Dec 2022", "348")]
    assert tables["reoffending_rate"].cells[0].shown == "33.3%"
    assert tables["reoffending_frequency"].cells[0].shown == "4.10"
    assert tables["custodial_sentences"].cells[0].shown == "c"  # a count of 3
    # As at an earlier date, the figures published then.
    assert "custodial_sentences" not in {t.measure for t in tables_as_at(date(2024, 5, 1))}


def test_reimporting_a_period_replaces_its_figures(officer):
    youth_justice_import(actor=officer, file_name="a.csv", data=GOOD.encode())
    youth_justice_import(
        actor=officer, file_name="b.csv", data=GOOD.replace(",278\n", ",279\n").encode()
    )
    value = Value.objects.get(measure="fte_rate", area_type="yjs", period_end=date(2023, 12, 31))
    assert value.value == Decimal("279") and Value.objects.count() == 8


def test_a_bad_file_names_file_row_and_column_and_saves_nothing(officer):
    bad = GOOD.replace("31/12/2022", "31/13/2022").replace(",33.3\n", ",lots\n")
    bad = bad.replace("Region,South East", "County,South East")
    with pytest.raises(ImportRejected) as rejected:
        youth_justice_import(actor=officer, file_name="yjb.csv", data=bad.encode())
    messages = [str(e) for e in rejected.value.errors]
    assert (
        "yjb.csv, row 4, column geography_type: is not YJS, YJS family, Region or England and Wales"
        in messages
    )
    assert "yjb.csv, row 6, column period_end: is not a date (use DD/MM/YYYY)" in messages
    assert any(m.startswith("yjb.csv, row 7, column rate") for m in messages)
    assert Value.objects.count() == 0
    with pytest.raises(ImportRejected, match="problem"):
        youth_justice_import(actor=officer, file_name="yjb.csv", data=b"measure,area\nx,y\n")


def test_only_officers_import(outsider):
    with pytest.raises(PermissionDenied):
        youth_justice_import(actor=outsider, file_name="yjb.csv", data=GOOD.encode())


def test_the_figures_are_evidence_with_a_printable_appendix(officer):
    youth_justice_import(actor=officer, file_name="yjb.csv", data=GOOD.encode())
    item = evidence.resolve("youthjustice.figures:2024-09-26", None)
    assert item.title == "Youth justice figures published to 26 September 2024"
    html = evidence.appendix_html("youthjustice.figures:2024-09-26")
    assert "First-time entrants per 100,000 aged 10-17: Jan 2023 - Dec 2023" in html
    assert evidence.resolve("youthjustice.figures:soon", None) is None


def test_pages_and_the_import_screen(client, officer):
    assert client.get("/youth-justice/").status_code == 200
    assert client.get("/youth-justice/import/").status_code == 302  # sign in first
    client.force_login(officer)
    response = client.post("/youth-justice/import/", {})
    assert response.status_code == 400 and "There is a problem" in response.content.decode()


def test_an_xlsx_table_in_the_same_layout(officer):
    import csv
    import io

    from openpyxl import Workbook

    book = Workbook()
    for row in csv.reader(io.StringIO(GOOD)):
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    release = youth_justice_import(actor=officer, file_name="yjb.xlsx", data=out.getvalue())
    assert release.rows == 8
    assert Value.objects.get(measure="fte_rate", area_type="family").value == Decimal("190")
