"""The demo report takes an indicator's values from the child-level engine."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from scrutiny.casedata.engine import compute_indicators
from scrutiny.performance.models import Indicator, MonthlyValue, ValueSource

pytestmark = pytest.mark.django_db


def test_the_demo_values_the_case_records_section_from_the_engine(tmp_path, monkeypatch, client):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path))
    call_command("load_demo", "--apps", "core", "committees", "casedata", "performance")
    indicator = Indicator.objects.get(code="cr_assessments_45wd_pct")
    assert indicator.value_source == ValueSource.ENGINE
    values = MonthlyValue.objects.filter(indicator=indicator).order_by("month")
    assert [v.month for v in values][0] == date(2023, 10, 31)
    assert len(values) == 13 and all(v.source == ValueSource.ENGINE for v in values)
    latest = values.last()
    (result,) = compute_indicators(date(2024, 10, 31), ["assessments_45wd_pct"])
    assert latest.value == Decimal(str(result.value))
    assert (latest.numerator, latest.denominator) == (result.numerator, result.denominator)
    assert latest.provenance  # definition version, records counted, as-at date
    # The seed's own figures are untouched by the engine section.
    seed = MonthlyValue.objects.get(indicator__code="assessments_45d_pct", month=date(2024, 10, 31))
    assert seed.value == Decimal("84") and seed.source != ValueSource.ENGINE
    page = client.get("/performance/").content.decode()
    assert "Computed from case records" in page
    # Missing episodes and return home interviews, with the 72-hour rule said on the figure.
    rhi = MonthlyValue.objects.get(indicator__code="cr_rhi_72h_pct", month=date(2024, 10, 31))
    (expected,) = compute_indicators(date(2024, 10, 31), ["rhi_72h_pct"])
    assert rhi.value == Decimal(str(expected.value)) and rhi.denominator == expected.denominator
    assert rhi.denominator > 0  # the missing episodes counted
    assert "Return home interviews within 72 hours of the return, read as 3 calendar days" in page
