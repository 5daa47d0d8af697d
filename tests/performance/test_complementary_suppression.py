"""No count the public report hides can be worked out from what it shows.

The checks read only what a member of the public is given (the report's cells, team tables
and CSV rows) and recompute every count that can be derived from them: a percentage times
a printed denominator, a denominator minus a numerator, a column total minus its printed
parts. None of those may be a number from 1 to 5.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest

from scrutiny.performance import demo
from scrutiny.performance.models import Indicator, MonthlyValue, Unit
from scrutiny.performance.queries import build_report, report_csv_rows
from scrutiny.performance.suppression import SUPPRESSED

from .factories import CountIndicatorFactory, IndicatorFactory, MonthlyValueFactory

pytestmark = pytest.mark.django_db
OCT = date(2024, 10, 31)


def number(text: str) -> Decimal | None:
    cleaned = text.replace(",", "").rstrip("%").strip()
    try:
        return Decimal(cleaned)
    except ArithmeticError:
        return None


def small(value: Decimal | int | None) -> bool:
    return value is not None and 1 <= value <= 5


def printed_range(text: str, denominator: Decimal) -> tuple[Decimal, Decimal]:
    """Whole numerators a printed percentage of ``denominator`` can stand for."""
    shown = number(text)
    assert shown is not None
    places = len(text.rstrip("%").partition(".")[2])
    half = Decimal(5).scaleb(-places - 1)
    low = max(shown - half, Decimal(0)) * denominator / 100
    high = (shown + half) * denominator / 100
    return low.to_integral_value("ROUND_CEILING"), high.to_integral_value("ROUND_FLOOR")


def assert_public_report_is_safe(month: date) -> None:
    report = build_report(month, exact=False)
    shown: dict[tuple[str, date], str] = {}
    for block in report.sections:
        for row in block.rows:
            for column, cell in zip(block.columns, row.cells, strict=True):
                shown[(row.indicator.code, column)] = cell.text
    indicators = {i.pk: i for i in Indicator.objects.all()}
    for block in report.sections:
        for row in block.rows:
            ind = row.indicator
            if ind.unit != Unit.PERCENTAGE:
                continue
            for column, cell in zip(block.columns, row.cells, strict=True):
                if not cell.text or cell.text == SUPPRESSED:
                    continue
                # A shown percentage never sits beside its hidden count...
                if ind.numerator_indicator_id:
                    count = indicators[ind.numerator_indicator_id].code
                    assert shown.get((count, column)) != SUPPRESSED, (ind.code, column)
                # ...and times any denominator the public can read it cannot be small.
                denominators = [cell.note.denominator if cell.note else ""]
                if ind.denominator_indicator_id:
                    base = indicators[ind.denominator_indicator_id].code
                    denominators.append(shown.get((base, column), ""))
                for text in denominators:
                    den = number(text) if text and text != SUPPRESSED else None
                    if den:
                        low, high = printed_range(cell.text, den)
                        assert high < 1 or low > 5, (ind.code, column, cell.text, text)
    for table in report.team_tables:
        rows = table.rows
        for team, den, num, _pct in rows:
            if SUPPRESSED not in (den, num):
                assert not small(int(den) - int(num)), (table.indicator.code, team)
        for index in (1, 2):  # denominator, numerator columns
            hidden = [r for r in rows if r[index] == SUPPRESSED]
            total = table.total[index - 1]
            if len(hidden) == 1 and total != SUPPRESSED:
                parts = sum(int(r[index]) for r in rows if r[index] != SUPPRESSED)
                assert not small(int(total) - parts), (table.indicator.code, index)
    exported = list(
        csv.DictReader(
            io.StringIO("\n".join(",".join(_q(c) for c in r) for r in report_csv_rows(report)))
        )
    )
    for line in exported:
        for column in ("numerator", "denominator"):
            assert not small(number(line[column]) if line[column] not in ("", SUPPRESSED) else None)
        if line["value"] == SUPPRESSED:
            assert line["numerator"] in ("", SUPPRESSED) and line["denominator"] in ("", SUPPRESSED)


def _q(cell: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell])
    return buffer.getvalue().strip("\r\n")


def test_a_percentage_of_a_hidden_count_is_hidden_too():
    # The statistician's example: 4 of 468 children in unregulated settings is "c", but
    # 0.9% beside it gave the 4 back.
    looked_after = CountIndicatorFactory(code="cla_count")
    unregulated = CountIndicatorFactory(code="cla_unregulated")
    share = IndicatorFactory(
        code="cla_unregulated_pct",
        numerator_indicator=unregulated,
        denominator_indicator=looked_after,
    )
    MonthlyValueFactory(indicator=looked_after, month=OCT, value=Decimal("468"))
    MonthlyValueFactory(indicator=unregulated, month=OCT, value=Decimal("4"))
    MonthlyValueFactory(indicator=share, month=OCT, value=Decimal("0.9"), decimals=1)
    cells = {
        row.indicator.code: row.cells[-1].text
        for block in build_report(OCT, exact=False).sections
        for row in block.rows
    }
    assert cells == {"cla_count": "468", "cla_unregulated": "c", "cla_unregulated_pct": "c"}
    exact = {
        row.indicator.code: row.cells[-1].text
        for block in build_report(OCT, exact=True).sections
        for row in block.rows
    }
    assert exact["cla_unregulated_pct"] == "0.9%"
    assert_public_report_is_safe(OCT)


def test_a_percentage_of_a_printed_denominator_is_hidden_when_its_count_would_be_small():
    referrals = CountIndicatorFactory(code="referrals")
    nfa = IndicatorFactory(code="nfa_pct", denominator_indicator=referrals)
    MonthlyValueFactory(indicator=referrals, month=OCT, value=Decimal("403"))
    MonthlyValueFactory(indicator=nfa, month=OCT, value=Decimal("1"))  # 2 to 6 referrals
    MonthlyValueFactory(indicator=referrals, month=date(2024, 9, 30), value=Decimal("350"))
    MonthlyValueFactory(indicator=nfa, month=date(2024, 9, 30), value=Decimal("12"))
    row = next(
        r for b in build_report(OCT, exact=False).sections for r in b.rows if r.indicator == nfa
    )
    assert [c.text for c in row.cells[-2:]] == ["12%", "c"]


def test_a_rate_on_a_small_count_is_hidden():
    rate = IndicatorFactory(code="cla_rate", unit=Unit.RATE_PER_10K)
    MonthlyValueFactory(
        indicator=rate, month=OCT, value=Decimal("0.7"), decimals=1, numerator=3, denominator=42672
    )
    row = next(r for b in build_report(OCT, exact=False).sections for r in b.rows)
    assert row.cells[-1].text == SUPPRESSED


def test_the_demo_report_gives_no_hidden_count_away(demo_report):
    months = sorted(set(MonthlyValue.objects.values_list("month", flat=True)))
    for month in months[-3:]:
        assert_public_report_is_safe(month)


def test_the_public_csv_carries_provenance_and_no_small_counts(client, demo_report):
    exported = list(
        csv.DictReader(
            io.StringIO(client.get("/performance/report.csv?month=2024-10").content.decode())
        )
    )
    assert {"numerator", "denominator", "as_at", "definition", "source"} <= set(exported[0])
    assert all(r["rag"] != "none" and r["direction"] != "none" for r in exported)
    seed = [r for r in exported if r["indicator_code"] == "cla_count" and r["month"] == "2024-10"]
    assert seed[0]["value"] == "468" and seed[0]["numerator"] == "468"
    assert re.match(r"Imported from monthly_values\.csv, row \d+", seed[0]["source"])
    assert seed[0]["as_at"] == "2024-10-31"


def test_a_generated_authority_valued_by_the_engine_gives_no_hidden_count_away(
    tmp_path, monkeypatch
):
    # A small authority, so that small counts and small team cells are common.
    from scrutiny.casedata.services import synthetic_records_generate
    from scrutiny.casedata.store import open_store

    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path))
    with open_store() as store:
        synthetic_records_generate(children=1500, seed=7, la="SYN", actor="test", store=store)
    demo.load_engine_section()
    assert MonthlyValue.objects.filter(source="engine").count() > 100
    for month in [date(2024, 8, 31), date(2024, 9, 30), OCT]:
        assert_public_report_is_safe(month)
