"""Pure comparison rules: gaps, pupils needed, quartile bands, direction through polarity."""

from decimal import Decimal as D

from scrutiny.statistics.comparisons import Figure, additional_pupils, direction, gap, quartile_band


def test_gap_is_value_minus_comparator_in_points():
    assert gap(Figure(D("55.7")), Figure(D("60.4"))) == D("-4.7")
    assert gap(Figure(None, "c"), Figure(D("60.4"))) is None


def test_pupils_needed_round_up_and_pupils_above_round_down():
    below = additional_pupils(Figure(D("69.2"), numerator=2000, cohort=2890), Figure(D("69.7")))
    assert (below.count, below.needed) == (15, True)  # 14.33 pupils short: 15 needed
    above = additional_pupils(Figure(D("69.3"), numerator=2003, cohort=2890), Figure(D("67.9")))
    assert (above.count, above.above) == (40, True)  # 40.69 above: 40 whole pupils
    from_rate = additional_pupils(Figure(D("50.0"), cohort=100), Figure(D("52.5")))
    assert from_rate.count == 3  # without the count, from the published percentage
    assert additional_pupils(Figure(D("50.0")), Figure(D("52.5"))) is None  # no cohort


def test_quartile_bands_a_best_to_d_worst():
    assert [quartile_band(r, 150) for r in (1, 37, 38, 75, 76, 113, 150)] == list("AABBCDD")
    assert quartile_band(None, 150) == "" and quartile_band(5, None) == ""


def test_direction_reads_through_polarity():
    down = (Figure(D("21.4")), Figure(D("23.2")))
    assert direction(*down, "lower_is_better", 1).code == "improving"
    assert direction(*down, "higher_is_better", 1).code == "worsening"
