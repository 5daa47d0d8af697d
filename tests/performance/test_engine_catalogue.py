"""Engine rows of the report take name, definition, unit and polarity from the engine's
catalogue, the one place they are written."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest

from scrutiny.casedata.indicators import catalogue
from scrutiny.core.tabular import ImportRejected, read_table
from scrutiny.performance import services
from scrutiny.performance.engine_catalogue import engine_definition
from scrutiny.performance.models import Indicator, Unit, ValueSource

from .factories import EngineIndicatorFactory

pytestmark = pytest.mark.django_db

DEMO = resources.files("scrutiny.performance.demo")
SECTIONS = ("sections.csv", b"code,position,title\ncr,1,From case records\n")
HEADER = "code,section_code,position,name,definition,unit,polarity,value_source,engine_code\n"


def demo_file(name: str) -> tuple[str, bytes]:
    return name, (DEMO / name).read_bytes()


def test_the_demo_engine_rows_are_the_engines_definitions(officer):
    services.catalogue_import(
        sections_file=demo_file("engine_sections.csv"),
        indicators_file=demo_file("engine_indicators.csv"),
        actor=officer,
    )
    rows = Indicator.objects.filter(value_source=ValueSource.ENGINE)
    assert rows.count() == 8
    engine = catalogue()
    for row in rows:
        entry = engine[row.engine_code]
        assert (row.name, row.definition) == (entry.name, entry.definition)
        assert row.unit == engine_definition(row.engine_code).unit
        assert row.polarity == entry.polarity
    # The short-break rule a second copy had lost is in the definition shown.
    looked_after = rows.get(engine_code="cla_at_date")
    assert "short breaks" in looked_after.definition


def test_the_demo_file_types_none_of_them_a_second_time():
    table = read_table(*demo_file("engine_indicators.csv"))
    for _number, cells in table.rows:
        assert cells["value_source"] == "engine"
        assert not any(cells[c].strip() for c in ("name", "definition", "unit", "polarity"))


def catalogue_import(rows: str, officer):
    return services.catalogue_import(
        sections_file=SECTIONS, indicators_file=("i.csv", (HEADER + rows).encode()), actor=officer
    )


def test_a_copy_that_disagrees_with_the_engine_is_refused(officer):
    with pytest.raises(ImportRejected) as caught:
        catalogue_import(
            "a,cr,1,,,count,lower_is_better,engine,assessments_45wd_pct\n"
            "b,cr,2,,,,,engine,no_such_indicator\n",
            officer,
        )
    errors = {(e.row, e.column): e.message for e in caught.value.errors}
    assert set(errors) == {(2, "unit"), (2, "polarity"), (3, "engine_code")}
    assert "'percentage'" in errors[(2, "unit")] and "leave the cell empty" in errors[(2, "unit")]
    assert "no indicator 'no_such_indicator'" in errors[(3, "engine_code")]
    assert not Indicator.objects.exists()


def test_a_copy_that_agrees_is_accepted_and_blanks_are_filled(officer):
    name = catalogue()["cla_rate"].name
    catalogue_import(f'r,cr,1,"{name}",,,,engine,cla_rate\n', officer)
    row = Indicator.objects.get(code="r")
    assert (row.name, row.unit, row.decimals) == (name, Unit.RATE_PER_10K, 1)


def test_the_refresh_brings_an_engine_row_up_to_the_catalogue(officer):
    stale = EngineIndicatorFactory(code="stale", name="Old name", definition="Old words")

    class Engine:
        def compute_indicator_series(self, as_ats, codes):
            return {}

    services.engine_values_refresh(month_ends=[date(2024, 10, 31)], actor=officer, engine=Engine())
    stale.refresh_from_db()
    entry = catalogue()["assessments_45wd_pct"]
    assert (stale.name, stale.definition) == (entry.name, entry.definition)
