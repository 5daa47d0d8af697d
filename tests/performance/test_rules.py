from decimal import Decimal as D

import pytest

from scrutiny.performance.models import Polarity, Unit
from scrutiny.performance.rules import (
    AMBER,
    DECREASED,
    GREEN,
    IMPROVING,
    INCREASED,
    LEVEL,
    NO_DIRECTION,
    NOT_RATED,
    RED,
    WORSENING,
    decimals_of,
    direction_of_travel,
    format_number,
    rag_rating,
)

HIGH, LOW, NONE = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER, Polarity.NO_JUDGEMENT


@pytest.mark.parametrize(
    ("value", "target", "polarity", "tolerance", "expected"),
    [
        (D("84"), D("81"), HIGH, D("5"), GREEN),
        (D("81"), D("81"), HIGH, D("5"), GREEN),  # meeting the target exactly is green
        (D("76"), D("81"), HIGH, D("5"), AMBER),  # on the tolerance edge
        (D("75.9"), D("81"), HIGH, D("5"), RED),
        (D("588"), D("581"), LOW, D("29.1"), AMBER),
        (D("525"), D("580"), LOW, D("29"), GREEN),
        (D("94"), D("87"), LOW, D("4.4"), RED),
        (D("90"), D("95"), HIGH, None, RED),  # no tolerance: anything short is red
        (D("90"), None, HIGH, D("5"), NOT_RATED),
        (None, D("95"), HIGH, D("5"), NOT_RATED),
        (D("90"), D("95"), NONE, D("5"), NOT_RATED),
    ],
)
def test_rag_rating(value, target, polarity, tolerance, expected):
    assert rag_rating(value, target, polarity, tolerance) == expected


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "decimals", "expected"),
    [
        (D("196"), D("100"), HIGH, 0, IMPROVING),
        (D("1928"), D("1804"), LOW, 0, WORSENING),
        (D("468"), D("473"), LOW, 0, IMPROVING),
        (D("83"), D("86"), HIGH, 0, WORSENING),
        (D("14"), D("14"), LOW, 0, LEVEL),
        (D("22.00"), D("22.09"), LOW, 2, IMPROVING),
        (D("22.004"), D("22.001"), LOW, 2, LEVEL),  # equal at the shown precision
        (D("5"), D("4"), NONE, 0, INCREASED),
        (D("4"), D("5"), NONE, 0, DECREASED),
        (None, D("67"), HIGH, 0, NO_DIRECTION),
    ],
)
def test_direction_of_travel(current, previous, polarity, decimals, expected):
    assert direction_of_travel(current, previous, polarity, decimals) == expected


def test_format_number_keeps_published_precision():
    assert format_number(D("63.9"), 2) == "63.90"
    assert format_number(D("21"), 1, Unit.PERCENTAGE) == "21.0%"
    assert format_number(D("66.666"), 1) == "66.7"
    assert format_number(None, 0) == ""


def test_decimals_of_reads_written_places():
    assert decimals_of("63.90") == 2
    assert decimals_of("588") == 0
