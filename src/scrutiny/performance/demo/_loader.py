"""Demo data: every indicator row of the November 2024 performance report (data to October)."""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

from scrutiny.core.actors import Actor, SystemActor
from scrutiny.core.dates import month_end

from .. import services

FILES = resources.files("scrutiny.performance.demo")

DEMO = SystemActor("demo loader")


def _read(name: str) -> tuple[str, bytes]:
    return name, (FILES / name).read_bytes()


def load(actor: Actor = DEMO) -> str:
    """The seed's report, then a section whose values the engine computes from case records,
    then the report printed as the appendix of the 28 November 2024 performance item."""
    return f"{load_seed_report(actor)}; {load_engine_section(actor)}; {attach_to_agenda(actor)}"


def attach_to_agenda(actor: Actor = DEMO) -> str:
    """The seed pack's item 9 prints the report to 31 October 2024 as its Appendix 1 (in place
    of the documents demo's one-line stand-in), as printed when the agenda was published."""
    from scrutiny.committees.models import AgendaItem
    from scrutiny.documents.services import generated_appendix_add

    item = AgendaItem.objects.filter(
        meeting__date=date(2024, 11, 28),
        meeting__panel__slug="children-and-families",
        title="Children and Learning - Performance and Transformation",
    ).first()
    if item is None or item.generated_appendices.filter(number=1).exists():
        return "performance report appendix: nothing to attach"
    generated_appendix_add(actor=actor, item=item, number=1, reference="performance.report:2024-10")
    return "performance report printed as Appendix 1 of item 9 (28 November 2024)"


def load_engine_section(actor: Actor = DEMO) -> str:
    """Indicators valued by the child-level engine from the demo's synthetic authority.

    They sit in a section of their own so the seed's figures stay exactly as published.
    """
    services.catalogue_import(
        sections_file=_read("engine_sections.csv"),
        indicators_file=_read("engine_indicators.csv"),
        actor=actor,
    )
    # The 13 month ends of the seed report's tables, October 2023 to October 2024.
    month_ends = [month_end(2023 + (9 + m) // 12, (9 + m) % 12 + 1) for m in range(13)]
    try:
        summary = services.engine_values_refresh(month_ends=month_ends, actor=actor)
    except services.EntryError as exc:
        return f"engine section not valued ({exc})"
    return f"engine section: {summary.stored} values from case records"


def load_seed_report(actor: Actor = DEMO) -> str:
    """Load (or reload) the seed's November 2024 report; safe to run twice."""
    catalogue = services.catalogue_import(
        sections_file=_read("sections.csv"), indicators_file=_read("indicators.csv"), actor=actor
    )
    # The seed report was published without the counts behind most percentages.
    values = services.monthly_values_import(
        **_file("monthly_values.csv"), actor=actor, published_without_counts=True
    )
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
