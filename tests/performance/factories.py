from datetime import date
from decimal import Decimal

import factory

from scrutiny.performance.models import (
    Benchmark,
    Comparator,
    Indicator,
    MonthlyValue,
    Polarity,
    Section,
    Target,
    TeamBreakdown,
    Unit,
    ValueSource,
)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    code = factory.Sequence(lambda n: f"section_{n}")
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Section {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    """A percentage indicator, higher is better, imported."""

    class Meta:
        model = Indicator

    code = factory.Sequence(lambda n: f"indicator_{n}")
    section = factory.SubFactory(SectionFactory)
    position = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    definition = "A test measure."
    unit = Unit.PERCENTAGE
    polarity = Polarity.HIGHER_IS_BETTER
    value_source = ValueSource.IMPORTED


class CountIndicatorFactory(IndicatorFactory):
    unit = Unit.COUNT
    polarity = Polarity.LOWER_IS_BETTER


class EngineIndicatorFactory(IndicatorFactory):
    value_source = ValueSource.ENGINE
    engine_code = "assessments_45wd_pct"


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    effective_from = date(2000, 1, 1)
    value = Decimal("80")
    amber_tolerance = Decimal("5")


class MonthlyValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonthlyValue

    indicator = factory.SubFactory(IndicatorFactory)
    month = date(2024, 10, 31)
    value = Decimal("50")
    as_at = factory.SelfAttribute("month")
    source = ValueSource.IMPORTED


class BenchmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benchmark

    indicator = factory.SubFactory(IndicatorFactory)
    year_start = 2023
    comparator = Comparator.STATISTICAL_NEIGHBOURS
    value = Decimal("60.5")
    decimals = 1


class TeamBreakdownFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamBreakdown

    indicator = factory.SubFactory(IndicatorFactory)
    month = date(2024, 9, 30)
    position = factory.Sequence(lambda n: n + 1)
    team = factory.Sequence(lambda n: f"Team {n}")
    numerator = 8
    denominator = 10
