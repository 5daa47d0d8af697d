"""Importing published statistics through a mapping file: values, neighbour averages and
every kind of bad input reported by file, row and column with nothing stored."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from scrutiny.core.tabular import ImportRejected
from scrutiny.statistics import services
from scrutiny.statistics.models import Area, AreaLevel, Release, Value
from tests.statistics.factories import (
    COUNCIL_MAPPING,
    DFE_HEADER,
    HOME,
    MAPPING,
    MeasureFactory,
    la_row,
    national_row,
    neighbour_group,
    neighbour_rows,
)

HEADER = DFE_HEADER + ",pt_rwm,t_rwm,t_elig"
NEIGHBOUR_VALUES = ["54.5", "58.0", "56.0", "58.9", "55.1", "57.4", "56.3", "58.5", "55.4", "55.9"]


@pytest.fixture
def rwm(db):
    return MeasureFactory(code="rwm")


def csv_file(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


def run(data: bytes, name: str = "ks2.csv", mapping: bytes = MAPPING, **extra):
    return services.release_import(
        actor="test",
        mapping_name="ks2.toml",
        mapping_data=mapping,
        file_name=name,
        data=data,
        **extra,
    )


def rejected(data: bytes, name: str = "ks2.csv", mapping: bytes = MAPPING) -> list:
    with pytest.raises(ImportRejected) as caught:
        run(data, name, mapping)
    assert Release.objects.count() == 0 and Value.objects.count() == 0
    assert Area.objects.count() == 0
    return caught.value.errors


def test_values_and_the_neighbour_average_from_the_neighbour_table(rwm):
    neighbour_group()
    summary = run(
        csv_file(
            national_row("202324", "60.4", ":", ":"),
            la_row("202324", *HOME, "55.7", "1610", "2890"),
            *[r + ",:,:" for r in neighbour_rows("202324", NEIGHBOUR_VALUES)],
        )
    )
    assert summary.values == 13 and summary.derived == 1
    release = summary.release
    assert release.published_at is None, "imported figures wait for an officer to publish them"
    home = Value.objects.get(area__code=HOME[1])
    assert (home.value, home.numerator, home.cohort) == (Decimal("55.7"), 1610, 2890)
    average = Value.objects.get(area__level=AreaLevel.STATISTICAL_NEIGHBOURS)
    assert average.value == Decimal("56.6") and average.derived
    assert average.basis == {"neighbours": [f"{n}" for n in range(801, 811)], "of": 10}
    assert average.area.code == f"SN:{HOME[1]}"
    assert Value.objects.get(area__code="E92000001").value == Decimal("60.4")


def test_a_missing_neighbour_is_left_out_of_the_mean_and_recorded(rwm):
    neighbour_group()
    values = NEIGHBOUR_VALUES[:9] + ["c"]
    run(
        csv_file(
            la_row("202324", *HOME, "55.7", ":", ":"),
            *[r + ",:,:" for r in neighbour_rows("202324", values)],
        )
    )
    average = Value.objects.get(area__level=AreaLevel.STATISTICAL_NEIGHBOURS)
    assert len(average.basis["neighbours"]) == 9 and average.basis["of"] == 10
    assert average.value == (sum(Decimal(v) for v in values[:9]) / 9).quantize(Decimal("0.0001"))


def test_suppressed_and_unavailable_figures_are_kept_as_symbols(rwm):
    run(csv_file(la_row("202324", *HOME, "c", "c", "4")))
    value = Value.objects.get()
    assert value.value is None and value.symbol == "c" and value.cohort == 4


def test_reimporting_a_release_needs_replace_and_unpublishes_it(rwm):
    first = run(csv_file(la_row("202324", *HOME, "55.7", ":", ":"))).release
    services.release_publish(actor="test", release=first)
    with pytest.raises(ImportRejected) as caught:
        run(csv_file(la_row("202324", *HOME, "56.0", ":", ":")))
    assert "already imported" in caught.value.errors[0].message
    again = run(csv_file(la_row("202324", *HOME, "56.0", ":", ":")), replace=True)
    assert again.replaced == 1 and again.release.pk == first.pk
    assert again.release.published_at is None
    assert Value.objects.get().value == Decimal("56.0")


def test_council_layout_with_school_groups(rwm):
    data = (
        b"time_period,time_identifier,area_type,area_code,area_name,rwm_percent,rwm_pupils,pupils\n"
        b"202223,Academic year,School group,writing-schools,Writing intervention schools,69.9,"
        b"300,429\n"
        b"202223,Academic year,Local authority,E06000045,Southampton,70.2,2000,2849\n"
    )
    summary = run(data, "groups.csv", COUNCIL_MAPPING)
    assert summary.release.is_provisional
    group = Area.objects.get(code="writing-schools")
    assert group.level == AreaLevel.SCHOOL_GROUP and group.name == "Writing intervention schools"


def test_xlsx_in_the_council_layout(rwm):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        [
            "time_period",
            "time_identifier",
            "area_type",
            "area_code",
            "area_name",
            "rwm_percent",
            "rwm_pupils",
            "pupils",
        ]
    )
    sheet.append([202324, "Academic year", "National", "E92000001", "England", 60.4, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    run(buffer.getvalue(), "provisional.xlsx", COUNCIL_MAPPING)
    assert Value.objects.get().value == Decimal("60.4")


def test_wrong_periods_are_named_by_row_and_column(rwm):
    errors = rejected(
        csv_file(
            la_row("2023/24", *HOME, "55.7", ":", ":"),
            la_row("202325", *HOME, "55.7", ":", ":"),
            la_row("202324", *HOME, "55.7", ":", ":", identifier="Spring term"),
        )
    )
    assert [(e.file, e.row, e.column) for e in errors] == [
        ("ks2.csv", 2, "time_period"),
        ("ks2.csv", 3, "time_period"),
        ("ks2.csv", 4, "time_identifier"),
    ]
    assert "202324" in errors[0].message and "follow on" in errors[1].message


def test_unknown_levels_and_codes_are_refused(rwm):
    errors = rejected(
        csv_file(
            la_row("202324", "85", HOME[1], HOME[2], "55.7", ":", ":"),
            la_row("202324", HOME[0], "X06000045", HOME[2], "55.7", ":", ":"),
            la_row("202324", *HOME, "55.7", ":", ":").replace("Local authority", "Galaxy"),
        )
    )
    assert [(e.row, e.column) for e in errors] == [
        (2, "old_la_code"),
        (3, "new_la_code"),
        (4, "geographic_level"),
    ]
    assert "three-digit" in errors[0].message and "X06000045" in errors[1].message


def test_bad_figures_counts_and_duplicates(rwm):
    errors = rejected(
        csv_file(
            la_row("202324", *HOME, "155.7", ":", ":"),
            la_row("202223", *HOME, "fifty", ":", ":"),
            la_row("202122", *HOME, "50.0", "3000", "2890"),
            la_row("202021", *HOME, "50.0", ":", ":"),
            la_row("202021", *HOME, "51.0", ":", ":"),
        )
    )
    assert [(e.row, e.column) for e in errors] == [
        (2, "pt_rwm"),
        (3, "pt_rwm"),
        (4, "t_rwm"),
        (6, "pt_rwm"),
    ]
    assert "row 5" in errors[3].message


def test_missing_columns_and_more_cells_than_headings(rwm):
    errors = rejected(csv_file("x", header=DFE_HEADER + ",pt_rwm"))
    assert {(e.row, e.column) for e in errors} >= {(1, "t_rwm"), (1, "t_elig")}
    errors = rejected(csv_file(la_row("202324", *HOME, "55.7", ":", ":", "extra")))
    assert (errors[0].row, errors[0].message) == (2, "more cells than headings")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ks2.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("ks2.csv", b'time_period,"unclosed\n202324,"x', ""),
        ("ks2.xlsx", b"PK\x03\x04 not really a workbook", "not a readable .xlsx"),
        ("ks2.ods", b"anything", "only .csv and .xlsx"),
        ("ks2.csv", b"", "empty"),
    ],
)
def test_unreadable_files_are_refused_without_a_traceback(rwm, name, data, message):
    errors = rejected(data, name)
    assert errors and errors[0].file == name and message in str(errors[0])


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        (b"[release\ncode = 1", "not a valid TOML"),
        (MAPPING.replace(b'"rwm"', b'"unknown-measure"'), "not a known measure"),
        (MAPPING.replace(b'layout = "dfe"', b'layout = "other"'), "release.layout"),
        (MAPPING.replace(b'"Test release"', b"3"), "release.title"),
        (b'[release]\ncode="x"\ntitle="x"\ntopic="x"\nlayout="dfe"\n', "no [[measures]]"),
    ],
)
def test_mapping_problems_name_the_mapping_file(rwm, mapping, message):
    errors = rejected(csv_file(la_row("202324", *HOME, "55.7", ":", ":")), mapping=mapping)
    assert errors[0].file == "ks2.toml" and message in errors[0].message


def test_computed_ranks_follow_polarity(db):
    MeasureFactory(code="rwm")
    lower = MeasureFactory(code="absence", polarity="lower_is_better")
    mapping = (
        MAPPING
        + b"""rank = "computed"

[[measures]]
measure = "absence"
value = "absence"
rank = "computed"
"""
    )
    rows = [
        la_row(
            "202324", f"8{n:02d}", f"E060000{n:02d}", f"LA {n}", f"{50 + n}", ":", ":", f"{10 - n}"
        )
        for n in range(1, 9)
    ]
    run(csv_file(*rows, header=HEADER + ",absence"), mapping=mapping)
    best = Value.objects.get(measure__code="rwm", area__code="E06000008")
    assert (best.rank, best.ranked_out_of) == (1, 8)
    assert Value.objects.get(measure=lower, area__code="E06000008").rank == 1


def test_only_officers_import(rwm, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.release_import(
            actor=outsider,
            mapping_name="m.toml",
            mapping_data=MAPPING,
            file_name="f.csv",
            data=csv_file(),
        )
