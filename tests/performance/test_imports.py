import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from scrutiny.core.models import AuditEvent
from scrutiny.core.tabular import ImportRejected
from scrutiny.performance import services
from scrutiny.performance.models import (
    Benchmark,
    MonthlyValue,
    StatisticalNeighbourGroup,
    TeamBreakdown,
)

from .factories import CountIndicatorFactory, EngineIndicatorFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def csv_bytes(text):
    return text.strip().encode() + b"\n"


def xlsx_bytes(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def snapshot():
    return (
        sorted(MonthlyValue.objects.values_list("indicator__code", "month", "value")),
        sorted(Benchmark.objects.values_list("indicator__code", "year_start", "value")),
        AuditEvent.objects.count(),
    )


def test_csv_import_creates_and_replaces_values(officer):
    pct = IndicatorFactory(code="assess_pct")
    data = csv_bytes("""
indicator_code,month,value,as_at,numerator,denominator
assess_pct,2024-09,67,2024-10-03,100,150
assess_pct,Oct-24,84%,,126,150
""")
    summary = services.monthly_values_import(file_name="v.csv", data=data, actor=officer)
    assert (summary.created, summary.updated) == (2, 0)
    sep = MonthlyValue.objects.get(indicator=pct, month=date(2024, 9, 30))
    assert (sep.value, sep.numerator, sep.denominator, sep.as_at) == (
        Decimal("67"),
        100,
        150,
        date(2024, 10, 3),
    )
    assert MonthlyValue.objects.get(indicator=pct, month=date(2024, 10, 31)).as_at == date(
        2024, 10, 31
    )
    again = services.monthly_values_import(
        file_name="v2.csv",
        data=csv_bytes(
            "indicator_code,month,value,numerator,denominator\nassess_pct,2024-09,76,114,150"
        ),
        actor=officer,
    )
    assert (again.created, again.updated) == (0, 1)
    assert MonthlyValue.objects.get(indicator=pct, month=date(2024, 9, 30)).value == 76
    assert AuditEvent.objects.filter(action="performance.monthly_values_import").count() == 2


def test_xlsx_import_reads_numbers_and_dates(officer):
    IndicatorFactory(code="visits")
    data = xlsx_bytes(
        [
            ["Indicator code", "Month", "Value", "As at", "Numerator", "Denominator"],
            ["visits", "2024-10", 83, date(2024, 11, 4), 83, 100],
            ["visits", "2024-09", 86.5, None, 173, 200],
        ]
    )
    services.monthly_values_import(file_name="v.xlsx", data=data, actor=officer)
    values = dict(MonthlyValue.objects.values_list("month", "value"))
    assert values == {date(2024, 10, 31): Decimal("83"), date(2024, 9, 30): Decimal("86.5")}


def test_bad_file_is_rejected_with_every_error_and_changes_nothing(officer):
    count = CountIndicatorFactory(code="count")
    IndicatorFactory(code="pct", numerator_indicator=count)  # its counts come from "count"
    EngineIndicatorFactory(code="engine_pct")
    services.monthly_values_import(
        file_name="first.csv",
        data=csv_bytes("indicator_code,month,value\npct,2024-10,50"),
        actor=officer,
    )
    before = snapshot()
    data = csv_bytes("""
indicator_code,month,value,numerator,denominator
pct,2024-09,51,,
nope,2024-10,1,,
pct,2024-13,2,,
count,2024-10,2.5,,
pct,2024-08,abc,,
pct,2024-07,-1,,
pct,2024-06,40,9,3
engine_pct,2024-10,40,,
pct,2024-09,52,,
pct,,,,
""")
    with pytest.raises(ImportRejected) as caught:
        services.monthly_values_import(file_name="bad.csv", data=data, actor=officer)
    found = {(e.row, e.column) for e in caught.value.errors}
    assert found == {
        (3, "indicator_code"),
        (4, "month"),
        (5, "value"),
        (6, "value"),
        (7, "value"),
        (8, "numerator"),
        (9, "indicator_code"),
        (10, "month"),
        (11, "month"),
        (11, "value"),
    }
    assert all(e.file == "bad.csv" for e in caught.value.errors)
    assert "row 3, column indicator_code: no indicator has the code 'nope'" in str(
        caught.value.errors[0]
    )
    assert snapshot() == before  # the valid first row was not saved either


def test_a_percentage_needs_its_counts_or_a_link_to_its_count(officer):
    IndicatorFactory(code="unlinked")
    count = CountIndicatorFactory(code="unregulated")
    IndicatorFactory(code="unregulated_pct", numerator_indicator=count)
    before = snapshot()
    data = csv_bytes("""
indicator_code,month,value,numerator,denominator
unlinked,2024-10,0.9,,
unlinked,2024-09,1.1,5,
unregulated_pct,2024-10,0.9,,
""")
    with pytest.raises(ImportRejected) as caught:
        services.monthly_values_import(file_name="shares.csv", data=data, actor=officer)
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (2, "numerator"),
        (3, "denominator"),
    }
    assert "unless the catalogue links the indicator to its count" in str(caught.value.errors[0])
    assert snapshot() == before
    # A report already published without its counts can be kept, marked as such.
    services.monthly_values_import(
        file_name="published.csv",
        data=csv_bytes("indicator_code,month,value\nunlinked,2024-10,0.9"),
        actor=officer,
        published_without_counts=True,
    )
    value = MonthlyValue.objects.get(indicator__code="unlinked")
    assert value.provenance == {"file": "published.csv", "row": 2, "counts": "not published"}


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("v.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("v.xlsx", b"not a zip", "not a readable .xlsx"),
        ("v.txt", b"a,b", "only .csv and .xlsx"),
        ("v.csv", b"", "empty"),
        ("v.csv", b"indicator_code,month\n", "required column is missing"),
        ("v.csv", b"indicator_code,month,value,colour\n", "unknown column"),
        ("v.csv", b"x" * (5 * 1024 * 1024 + 1), "larger than"),
    ],
)
def test_unreadable_files_are_refused_clearly(officer, name, data, message):
    before = snapshot()
    with pytest.raises(ImportRejected) as caught:
        services.monthly_values_import(file_name=name, data=data, actor=officer)
    assert any(message in str(e) for e in caught.value.errors)
    assert all(str(e).startswith(name) for e in caught.value.errors)
    assert snapshot() == before


def test_benchmarks_import_and_errors(officer):
    IndicatorFactory(code="rate")
    services.benchmarks_import(
        file_name="b.csv",
        data=csv_bytes("""
indicator_code,year,comparator,value
rate,2023-24,statistical_neighbours,669.1
rate,22/23,England,63.90
"""),
        actor=officer,
    )
    values = {(b.year_start, b.comparator): (b.value, b.decimals) for b in Benchmark.objects.all()}
    assert values == {
        (2023, "statistical_neighbours"): (Decimal("669.1"), 1),
        (2022, "england"): (Decimal("63.90"), 2),
    }
    before = snapshot()
    with pytest.raises(ImportRejected) as caught:
        services.benchmarks_import(
            file_name="b.csv",
            data=csv_bytes("""
indicator_code,year,comparator,value
rate,2023-25,england,1
rate,2023-24,county,1
"""),
            actor=officer,
        )
    assert {(e.row, e.column) for e in caught.value.errors} == {(2, "year"), (3, "comparator")}
    assert snapshot() == before


def test_team_breakdown_import_replaces_the_month(officer):
    IndicatorFactory(code="assess")
    services.team_breakdown_import(
        file_name="t.csv",
        data=csv_bytes("""
indicator_code,month,team,denominator,numerator
assess,2024-09,Jigsaw 1,8,8
assess,2024-09,CRS,2,1
"""),
        actor=officer,
    )
    services.team_breakdown_import(
        file_name="t.csv",
        data=csv_bytes("""
indicator_code,month,team,denominator,numerator
assess,2024-09,Jigsaw 2,7,5
"""),
        actor=officer,
    )
    assert list(TeamBreakdown.objects.values_list("team", flat=True)) == ["Jigsaw 2"]
    with pytest.raises(ImportRejected) as caught:
        services.team_breakdown_import(
            file_name="t.csv",
            data=csv_bytes("indicator_code,month,team,denominator,numerator\nassess,2024-09,X,3,4"),
            actor=officer,
        )
    assert [(e.row, e.column) for e in caught.value.errors] == [(2, "numerator")]


def test_statistical_neighbour_table_in_published_format(officer):
    services.statistical_neighbour_groups_import(
        file_name="sn.csv",
        data=csv_bytes("""
LA number,LA name,Region,SN1,SN2,SN3,SN4,SN5,SN6,SN7,SN8,SN9,SN10
852,Southampton,South East,851,879,801,887,866,831,874,846,810,892
"""),
        actor=officer,
    )
    group = StatisticalNeighbourGroup.objects.get(la_number="852")
    assert len(group.neighbours) == 10 and group.neighbours[0] == "851"
    with pytest.raises(ImportRejected) as caught:
        services.statistical_neighbour_groups_import(
            file_name="sn.csv",
            data=csv_bytes("""
LA number,Region,SN1,SN2,SN3,SN4,SN5,SN6,SN7,SN8,SN9,SN10
851,South East,852,879,801,887,866,831,874,846,810,852
85,South East,852,879,801,887,866,831,874,846,810,
"""),
            actor=officer,
        )
    assert {(e.row, e.column) for e in caught.value.errors} == {
        (2, "sn1"),
        (3, "la_number"),
        (3, "sn10"),
    }
    assert StatisticalNeighbourGroup.objects.count() == 1


def test_benchmarks_from_xlsx(officer):
    IndicatorFactory(code="cpp_rate")
    data = xlsx_bytes(
        [
            ["indicator_code", "year", "comparator", "value"],
            ["cpp_rate", "2023/24", "region", 42.9],
            ["cpp_rate", "2023-24", "council", "54.80"],
        ]
    )
    services.benchmarks_import(file_name="b.xlsx", data=data, actor=officer)
    assert {b.comparator: b.value for b in Benchmark.objects.all()} == {
        "region": Decimal("42.9"),
        "council": Decimal("54.80"),
    }


def test_catalogue_errors_name_rows_and_columns(officer):
    from scrutiny.performance.models import Indicator

    sections = ("s.csv", csv_bytes("code,position,title\nfh,1,Family Help"))
    indicators = (
        "i.csv",
        csv_bytes("""
code,section_code,position,name,definition,unit,polarity,value_source,target,amber_tolerance,engine_code
a,fh,1,A,Def,count,lower_is_better,imported,5,1,
b,zz,2,B,Def,litres,up,engine,,2,
"""),
    )
    with pytest.raises(ImportRejected) as caught:
        services.catalogue_import(sections_file=sections, indicators_file=indicators, actor=officer)
    assert {(e.file, e.row, e.column) for e in caught.value.errors} == {
        ("i.csv", 3, "section_code"),
        ("i.csv", 3, "unit"),
        ("i.csv", 3, "polarity"),
        ("i.csv", 3, "engine_code"),
        ("i.csv", 3, "amber_tolerance"),
    }
    assert not Indicator.objects.exists()
