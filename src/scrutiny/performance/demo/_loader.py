"""Demo data: every indicator row of the November 2024 performance report (data to October)."""

from __future__ import annotations

from importlib import resources
from typing import Any

from .. import services

FILES = resources.files("scrutiny.performance.demo")


def _read(name: str) -> tuple[str, bytes]:
    return name, (FILES / name).read_bytes()


def load(actor: Any = None) -> str:
    """Load (or reload) the demo report; safe to run twice."""
    catalogue = services.catalogue_import(
        sections_file=_read("sections.csv"), indicators_file=_read("indicators.csv"), actor=actor
    )
    values = services.monthly_values_import(**_file("monthly_values.csv"), actor=actor)
    benchmarks = services.benchmarks_import(**_file("benchmarks.csv"), actor=actor)
    teams = services.team_breakdown_import(**_file("team_breakdown.csv"), actor=actor)
    commentary = services.commentary_import(**_file("commentary.csv"), actor=actor)
    groups = services.statistical_neighbour_groups_import(
        **_file("statistical_neighbours.csv"),
        actor=actor,
        source="Illustrative grouping in the published table format",
    )
    return (
        f"{catalogue.total} indicators, {values.total} monthly values, "
        f"{benchmarks.total} benchmarks, {teams.total} team rows, "
        f"{commentary.total} commentaries, {groups.total} neighbour group(s)"
    )


def _file(name: str) -> dict[str, Any]:
    file_name, data = _read(name)
    return {"file_name": file_name, "data": data}
