"""The seed's education figures imported through the importer (no other demo data)."""

from __future__ import annotations

from importlib import resources

import pytest

from scrutiny.performance import services as performance


@pytest.fixture
def neighbours(db):
    data = (
        resources.files("scrutiny.performance.demo") / "statistical_neighbours.csv"
    ).read_bytes()
    performance.statistical_neighbour_groups_import(
        file_name="statistical_neighbours.csv", data=data, actor="test"
    )


@pytest.fixture
def seed_figures(neighbours):
    from scrutiny.education.demo._loader import load_figures

    return load_figures(actor="test")
