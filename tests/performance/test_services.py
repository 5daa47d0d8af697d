from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from scrutiny.core.models import AuditEvent
from scrutiny.performance import services
from scrutiny.performance.models import (
    Commentary,
    ImportBatch,
    MonthlyValue,
    TeamBreakdown,
    ValueSource,
)

from .factories import (
    CountIndicatorFactory,
    EngineIndicatorFactory,
    IndicatorFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


def test_analyst_enters_and_corrects_a_value_with_audit(officer):
    indicator = IndicatorFactory()
    services.monthly_value_enter(
        indicator=indicator,
        month=date(2024, 9, 1),
        value=Decimal("67"),
        actor=officer,
        numerator=100,
        denominator=150,
    )
    services.monthly_value_enter(
        indicator=indicator,
        month=date(2024, 9, 30),
        value=Decimal("76"),
        actor=officer,
        numerator=114,
        denominator=150,
    )
    value = MonthlyValue.objects.get(indicator=indicator)
    assert (value.month, value.value, value.source) == (date(2024, 9, 30), 76, "entered")
    events = AuditEvent.objects.filter(action="performance.monthly_value_enter")
    assert events.count() == 2
    assert events.order_by("pk").last().data["previous"] == "67.0000"
    assert events.first().actor == officer


@pytest.mark.parametrize(
    ("factory", "kwargs", "message"),
    [
        (EngineIndicatorFactory, {"value": Decimal("5")}, "child-level records"),
        (CountIndicatorFactory, {"value": Decimal("2.5")}, "whole number"),
        (IndicatorFactory, {"value": Decimal("-1")}, "negative"),
        (IndicatorFactory, {"value": Decimal("5"), "numerator": 4, "denominator": 3}, "larger"),
        (IndicatorFactory, {"value": Decimal("0.9")}, "numerator and denominator"),
        (IndicatorFactory, {"value": Decimal("0.9"), "numerator": 4}, "numerator and denominator"),
    ],
)
def test_entry_refusals_save_nothing(officer, factory, kwargs, message):
    indicator = factory()
    with pytest.raises(services.EntryError, match=message):
        services.monthly_value_enter(
            indicator=indicator, month=date(2024, 10, 31), actor=officer, **kwargs
        )
    assert not MonthlyValue.objects.exists()
    assert not AuditEvent.objects.exists()


def test_commentary_edit_is_audited(officer):
    section = SectionFactory()
    services.commentary_edit(
        section=section,
        month=date(2024, 10, 5),
        desired_outcome=" a ",
        progress_analysis="- one\n- two",
        actor=officer,
    )
    services.commentary_edit(
        section=section,
        month=date(2024, 10, 31),
        desired_outcome="b",
        progress_analysis="",
        actor=officer,
    )
    commentary = Commentary.objects.get()
    assert (commentary.month, commentary.desired_outcome) == (date(2024, 10, 31), "b")
    assert AuditEvent.objects.filter(action="performance.commentary_edit").count() == 2


@dataclass
class FakeResult:
    code: str
    value: float | None
    numerator: int | None
    denominator: int | None
    teams: list = field(default_factory=list)
    provenance: dict = field(default_factory=dict)


class FakeEngine:
    """Stands in for scrutiny.casedata.engine (not merged when this was written)."""

    def __init__(self):
        self.calls = []

    def compute_indicator_series(self, as_ats, codes):
        self.calls.append((tuple(as_ats), tuple(codes)))
        return {as_at: self.at(as_at) for as_at in as_ats}

    def at(self, as_at):
        if as_at.month == 8:
            return [FakeResult("assessments_45wd_pct", None, 0, 0)]
        # Shaped like scrutiny.casedata.engine.IndicatorResult: float counts, team tuples
        # (team, numerator, denominator) where a denominator may be fractional or missing.
        return [
            FakeResult(
                "assessments_45wd_pct",
                76.0,
                114.0,
                150.0,
                teams=[
                    ("Jigsaw 1", 8.0, 8.0),
                    ("CRS", 1.0, 2.0),
                    ("Part-time pool", 3.0, 1.5),
                    ("Unallocated", 2.0, None),
                ],
                provenance={"definition": "v1", "as_at": as_at, "records": 150},
            ),
            FakeResult("unrelated_code", 1.0, 1, 1),
        ]


def test_engine_refresh_stores_values_with_provenance_and_teams(officer):
    engine_indicator = EngineIndicatorFactory(code="assess_engine")
    IndicatorFactory(code="imported_one")
    engine = FakeEngine()
    summary = services.engine_values_refresh(
        month_ends=[date(2024, 8, 31), date(2024, 9, 15)], actor=officer, engine=engine
    )
    # One call for the whole series.
    assert engine.calls == [((date(2024, 8, 31), date(2024, 9, 30)), ("assessments_45wd_pct",))]
    assert summary.stored == 1 and summary.empty == ["assess_engine 2024-08"]
    value = MonthlyValue.objects.get(indicator=engine_indicator)
    assert (value.month, value.value, value.numerator, value.denominator, value.source) == (
        date(2024, 9, 30),
        Decimal("76"),
        114,
        150,
        ValueSource.ENGINE,
    )
    refresh = ImportBatch.objects.get(kind="engine_values_refresh")
    assert value.provenance == {
        "definition": "v1",
        "as_at": "2024-09-30",
        "records": 150,
        "refresh": refresh.pk,
    }
    assert value.decimals == 1  # shown as 76.0, as the engine rounds percentages
    assert sorted(TeamBreakdown.objects.values_list("team", "numerator", "denominator")) == [
        ("CRS", 1, 2),
        ("Jigsaw 1", 8, 8),
    ]
    assert AuditEvent.objects.filter(action="performance.engine_values_refresh").exists()


def test_engine_team_mapping_form_and_store_missing(officer):
    indicator = EngineIndicatorFactory()

    class MappingEngine:
        def compute_indicator_series(self, as_ats, codes):
            return {as_at: self.at(as_at) for as_at in as_ats}

        def at(self, as_at):
            return [
                FakeResult(
                    "assessments_45wd_pct",
                    50.0,
                    1,
                    2,
                    teams={"A": {"numerator": 1, "denominator": 2}},
                )
            ]

    services.engine_values_refresh(
        month_ends=[date(2024, 10, 31)], actor=officer, engine=MappingEngine()
    )
    assert list(
        TeamBreakdown.objects.filter(indicator=indicator).values_list(
            "team", "numerator", "denominator"
        )
    ) == [("A", 1, 2)]

    class NoStore:
        def compute_indicator_series(self, as_ats, codes):
            raise RuntimeError("no case-data store")

    with pytest.raises(services.EntryError, match="no case-data store"):
        services.engine_values_refresh(
            month_ends=[date(2024, 11, 30)], actor=officer, engine=NoStore()
        )
    assert MonthlyValue.objects.filter(indicator=indicator).count() == 1
