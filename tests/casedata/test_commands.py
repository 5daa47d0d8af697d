"""The indicators and generate-casedata commands, and recording values with provenance."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from scrutiny.casedata.engine import INDICATORS, compute_indicators
from scrutiny.casedata.models import ImportRun, IndicatorValue
from scrutiny.casedata.services import indicator_values_record
from scrutiny.casedata.store import open_store
from scrutiny.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))


def indicators_csv(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("indicators", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def generate(children: int, seed: int, la: str = "SYN") -> None:
    call_command(
        "generate-casedata",
        "--children",
        str(children),
        "--seed",
        str(seed),
        "--la",
        la,
        stdout=io.StringIO(),
    )


def test_generated_la_is_deterministic_and_plausible():
    generate(3000, seed=7)
    first = indicators_csv("--as-at", "2024-10-31")
    generate(3000, seed=7)  # replaces the LA's records with the same ones
    assert indicators_csv("--as-at", "2024-10-31") == first
    generate(3000, seed=8)
    assert indicators_csv("--as-at", "2024-10-31") != first

    assert [row["code"] for row in first] == sorted(INDICATORS)
    values = {row["code"]: row for row in first}
    pct = values["assessments_45wd_pct"]
    assert pct["value"] == f"{100 * int(pct['numerator']) / int(pct['denominator']):.1f}"
    assert 60 < float(pct["value"]) < 100
    assert 0 < float(values["re_referrals_12m_pct"]["value"]) < 40
    assert int(values["cla_at_date"]["value"]) > 0
    assert values["referrals"]["denominator"] == ""
    assert ImportRun.objects.filter(kind="synthetic").count() == 3
    assert AuditEvent.objects.filter(action="casedata.synthetic_records_generate").count() == 3


def test_csv_leaves_value_empty_for_zero_denominators():
    with open_store() as st:
        st.con.execute(
            "INSERT INTO referrals (la, child, referral_date) VALUES "
            "('X', 'a', DATE '2024-01-10'), ('X', 'a', DATE '2024-02-10'), "
            "('X', 'b', DATE '2024-02-11')"
        )
    rows = {r["code"]: r for r in indicators_csv("--as-at", "2024-03-31", "--format", "csv")}
    assert rows["re_referrals_12m_pct"] == {
        "code": "re_referrals_12m_pct",
        "value": "33.3",
        "numerator": "1",
        "denominator": "3",
    }
    assert rows["referrals"] == {
        "code": "referrals",
        "value": "3",
        "numerator": "3",
        "denominator": "",
    }
    assert rows["assessments_45wd_pct"] == {
        "code": "assessments_45wd_pct",
        "value": "",
        "numerator": "0",
        "denominator": "0",
    }


def test_indicators_command_errors():
    with pytest.raises(CommandError, match="No case-data store"):
        indicators_csv("--as-at", "2024-03-31")
    with open_store():
        pass
    with pytest.raises(CommandError, match="not a date"):
        indicators_csv("--as-at", "31/03/2024")
    with pytest.raises(CommandError, match="Unknown indicator"):
        indicators_csv("--as-at", "2024-03-31", "--codes", "nonsense")


def test_values_are_recorded_with_provenance():
    generate(1500, seed=3)
    results = compute_indicators(date(2024, 9, 30), ["assessments_45wd_pct", "cla_at_date"])
    saved = indicator_values_record(results=results, actor="test")
    assert len(saved) == 2
    stored = IndicatorValue.objects.get(code="assessments_45wd_pct")
    assert stored.as_at == date(2024, 9, 30)
    assert stored.definition_version == INDICATORS["assessments_45wd_pct"].version
    assert stored.records_counted == stored.denominator > 0
    assert sum(t[2] for t in stored.teams) == stored.denominator
    assert AuditEvent.objects.filter(action="casedata.indicator_values_record").count() == 1

    out = io.StringIO()
    call_command(
        "indicators", "--as-at", "2024-09-30", "--codes", "cla_at_date", "--record", stdout=out
    )
    assert IndicatorValue.objects.filter(code="cla_at_date").count() == 2
