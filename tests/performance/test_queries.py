from datetime import date
from decimal import Decimal

import pytest

from scrutiny.performance.queries import build_report, indicator_history
from scrutiny.performance.suppression import SUPPRESSED

from .factories import (
    BenchmarkFactory,
    CountIndicatorFactory,
    IndicatorFactory,
    MonthlyValueFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
OCT, SEP = date(2024, 10, 31), date(2024, 9, 30)


def only_row(report):
    return next(row for block in report.sections for row in block.rows)


def test_percentage_on_a_small_numerator_is_hidden_with_its_rating():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, value=Decimal("80"))
    MonthlyValueFactory(
        indicator=indicator,
        month=OCT,
        value=Decimal("7.5"),
        decimals=1,
        numerator=3,
        denominator=40,
    )
    MonthlyValueFactory(
        indicator=indicator, month=SEP, value=Decimal("85"), numerator=34, denominator=40
    )
    public = only_row(build_report(OCT, exact=False))
    assert public.cells[-1].text == SUPPRESSED and public.cells[-1].value is None
    assert public.cells[-2].text == "85%"
    assert not public.rating.is_rated and public.direction.code == "none"
    exact = only_row(build_report(OCT, exact=True))
    assert exact.cells[-1].text == "7.5%"
    assert exact.rating.code == "red" and exact.direction.code == "worsening"


def test_count_of_zero_or_six_is_shown_to_the_public():
    indicator = CountIndicatorFactory()
    MonthlyValueFactory(indicator=indicator, month=SEP, value=Decimal("0"))
    MonthlyValueFactory(indicator=indicator, month=OCT, value=Decimal("6"))
    row = only_row(build_report(OCT, exact=False))
    assert [c.text for c in row.cells[-2:]] == ["0", "6"]


def test_target_in_force_is_the_latest_before_the_month():
    indicator = IndicatorFactory()
    TargetFactory(indicator=indicator, effective_from=date(2000, 1, 1), value=Decimal("70"))
    TargetFactory(indicator=indicator, effective_from=date(2024, 10, 1), value=Decimal("90"))
    TargetFactory(indicator=indicator, effective_from=date(2025, 4, 1), value=Decimal("95"))
    MonthlyValueFactory(indicator=indicator, month=OCT, value=Decimal("80"))
    MonthlyValueFactory(indicator=indicator, month=SEP, value=Decimal("80"))
    assert only_row(build_report(OCT, exact=True)).target_text == "90%"
    assert only_row(build_report(SEP, exact=True)).target_text == "70%"


def test_report_columns_and_comparator_for_the_chart():
    indicator = IndicatorFactory()
    MonthlyValueFactory(indicator=indicator, month=date(2022, 10, 31), value=Decimal("50"))
    MonthlyValueFactory(indicator=indicator, month=OCT, value=Decimal("60"))
    BenchmarkFactory(indicator=indicator, year_start=2022, value=Decimal("55.0"))
    BenchmarkFactory(indicator=indicator, year_start=2023, value=Decimal("57.25"), decimals=2)
    report = build_report(OCT, exact=True)
    block = report.sections[0]
    assert block.column_labels[:2] == ["Oct-22", "Oct-23"] and len(block.columns) == 14
    assert "Neighbours 2023/24" in only_row(report).chart
    assert "57.25%" in only_row(report).chart_table


def test_indicator_history_is_complete_and_ordered():
    indicator = IndicatorFactory()
    for month in (date(2023, 1, 31), date(2022, 10, 31), OCT):
        MonthlyValueFactory(indicator=indicator, month=month)
    history = indicator_history(indicator.code, exact=False)
    assert [m for m, _c, _v in history.months] == [date(2022, 10, 31), date(2023, 1, 31), OCT]
    assert indicator_history("missing", exact=False) is None
