"""Measures, neighbour groups and small files in the DfE and council layouts."""

from __future__ import annotations

import factory

from scrutiny.performance.models import Polarity, StatisticalNeighbourGroup
from scrutiny.statistics.models import Measure, Unit

DFE_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name"
)
NEIGHBOURS = [f"{n}" for n in range(801, 811)]  # LA numbers 801-810
HOME = ("852", "E06000045", "Southampton")


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"measure-{n}")
    topic = "education"
    theme = "Key stage 2 attainment"
    name = factory.LazyAttribute(lambda m: f"Measure {m.code}")
    short_name = factory.LazyAttribute(lambda m: m.code)
    unit = Unit.PERCENTAGE
    decimals = 1
    polarity = Polarity.HIGHER_IS_BETTER
    cohort_label = "pupils"


def neighbour_group() -> StatisticalNeighbourGroup:
    return StatisticalNeighbourGroup.objects.create(
        la_number=HOME[0], la_name=HOME[2], region="South East", neighbours=NEIGHBOURS
    )


def la_row(
    period: str, number: str, code: str, name: str, *values: str, identifier: str = "Academic year"
) -> str:
    cells = [
        period,
        identifier,
        "Local authority",
        "E92000001",
        "England",
        "E12000008",
        "South East",
        number,
        code,
        name,
        *values,
    ]
    return ",".join(cells)


def national_row(period: str, *values: str, identifier: str = "Academic year") -> str:
    return ",".join(
        [period, identifier, "National", "E92000001", "England", "", "", "", "", "", *values]
    )


def neighbour_rows(period: str, values: list[str]) -> list[str]:
    return [
        la_row(period, number, f"E060000{int(number) - 780:02d}", f"Neighbour {number}", value)
        for number, value in zip(NEIGHBOURS, values, strict=True)
    ]


MAPPING = b"""
[release]
code = "test-release"
title = "Test release"
topic = "education"
layout = "dfe"

[[measures]]
measure = "rwm"
value = "pt_rwm"
numerator = "t_rwm"
cohort = "t_elig"
"""

COUNCIL_MAPPING = b"""
[release]
code = "council-test"
title = "Council figures"
topic = "education"
layout = "council"
provisional = true

[[measures]]
measure = "rwm"
value = "rwm_percent"
numerator = "rwm_pupils"
cohort = "pupils"
"""
