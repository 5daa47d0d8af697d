import pytest

from scrutiny.performance.suppression import is_small, suppress_team_table


@pytest.mark.parametrize(
    ("count", "small"), [(0, False), (1, True), (5, True), (6, False), (None, False)]
)
def test_small_counts_are_1_to_5(count, small):
    assert is_small(count) is small


def _columns_safe(cells):
    """No column has exactly one hidden cell (the total would reveal it)."""
    for field in ("numerator", "denominator"):
        hidden = [c for c in cells if getattr(c, f"{field}_hidden")]
        assert len(hidden) != 1, field


def test_single_small_cell_gets_a_partner():
    cells = suppress_team_table([("A", 3, 10), ("B", 9, 19), ("C", 7, 20)])
    hidden = {c.team for c in cells if c.numerator_hidden}
    assert hidden == {"A", "C"}  # C is the next smallest numerator
    assert all(not c.denominator_hidden for c in cells)
    _columns_safe(cells)


def test_small_denominator_hides_its_numerator_and_percentage():
    cells = suppress_team_table([("A", 2, 3), ("B", 10, 12), ("C", 9, 9), ("D", 30, 40)])
    a = cells[0]
    assert a.denominator_hidden and a.numerator_hidden and a.percentage_hidden
    _columns_safe(cells)


def test_nothing_small_nothing_hidden():
    cells = suppress_team_table([("A", 6, 20), ("B", 8, 22)])
    assert not any(c.numerator_hidden or c.denominator_hidden for c in cells)


def test_a_small_complement_hides_the_numerator_and_a_partner():
    # A: 38 of 40 seen in time gives away the 2 children not seen: numerator hidden (the
    # denominator stays), and one more numerator so the column total cannot give it back.
    cells = suppress_team_table([("A", 38, 40), ("B", 10, 30), ("C", 14, 30)])
    hidden = {c.team for c in cells if c.numerator_hidden}
    assert hidden == {"A", "B"}
    assert not any(c.denominator_hidden for c in cells)
    assert cells[0].percentage_hidden
    _columns_safe(cells)


def test_seed_team_table_is_safe():
    from csv import DictReader
    from importlib import resources

    text = (resources.files("scrutiny.performance.demo") / "team_breakdown.csv").read_text()
    rows = [
        (r["team"], int(r["numerator"]), int(r["denominator"]))
        for r in DictReader(text.splitlines())
    ]
    cells = suppress_team_table(rows)
    _columns_safe(cells)
    for cell, (_team, numerator, denominator) in zip(cells, rows, strict=True):
        if 1 <= numerator <= 5 or 1 <= denominator - numerator <= 5:
            assert cell.numerator_hidden
        if 1 <= denominator <= 5:
            assert cell.denominator_hidden and cell.percentage_hidden
