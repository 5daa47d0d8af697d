"""The seed's education figures loaded through the importer, and item 8's papers generated.

Files and what in them is published are described in README.md beside this module.
"""

from __future__ import annotations

from datetime import date
from importlib import resources
from typing import Any

from scrutiny.committees.models import Meeting
from scrutiny.core.actors import SystemActor
from scrutiny.core.models import ExemptCategory
from scrutiny.statistics import services as statistics
from scrutiny.statistics.sources import ensure_catalogue, mapping_by_key

from .. import services

ACTOR = SystemActor("demo loader")
FILES = resources.files("scrutiny.education.demo")
IMPORTS = [
    ("ks2-attainment.toml", "ks2_attainment_2022_to_2024.csv"),
    ("absence-autumn-spring.toml", "absence_autumn_spring_2021_to_2024.csv"),
    ("exclusions.toml", "exclusions_2022_23.csv"),
    ("council-termly-exclusions.toml", "council_termly_exclusions_2023_24.csv"),
    ("council-school-groups.toml", "council_ks2_writing_groups_2022_2023.csv"),
]
CONFIDENTIAL = ("council-ks4-provisional.toml", "council_ks4_provisional_2024.csv")
KS4_REASONING = (
    "Provisional results shared in confidence before the national release; releasing them "
    "early would breach that obligation, so the public interest favours withholding them."
)
KS4_NOTES = (
    "Demonstration figures: the provisional results were never published, so these are "
    "invented for the demonstration. Reference KS4-PROVISIONAL-2024."
)
# Item 8 of 28 November 2024: appendix number -> (paper, academic year of its figures).
ITEM_8_PAPERS = {
    1: ("ks2", 2023),
    2: ("ks4", 2023),
    3: ("attendance", 2023),
    6: ("exclusions", 2022),
}


def _import(mapping: str, data_file: str, actor: Any, **extra: Any) -> statistics.ImportSummary:
    shipped = mapping_by_key(f"education/{mapping}")
    assert shipped is not None, mapping
    return statistics.release_import(
        actor=actor,
        mapping_name=mapping,
        mapping_data=shipped.read(),
        file_name=data_file,
        data=(FILES / data_file).read_bytes(),
        replace=True,
        **extra,
    )


def load_figures(actor: Any = ACTOR) -> list[statistics.ImportSummary]:
    ensure_catalogue("scrutiny.education", actor=actor)
    summaries = [_import(mapping, data_file, actor) for mapping, data_file in IMPORTS]
    meeting = Meeting.objects.filter(date=date(2024, 11, 28)).select_related("panel").first()
    if meeting is not None:
        summaries.append(
            _import(
                *CONFIDENTIAL,
                actor,
                panel=meeting.panel,
                meeting=meeting,
                is_confidential=True,
                exempt_category=ExemptCategory.objects.get(code="7a"),
                public_interest_reasoning=KS4_REASONING,
                notes=KS4_NOTES,
            )
        )
    for summary in summaries:
        statistics.release_publish(actor=actor, release=summary.release)
    return summaries


def load() -> str:
    summaries = load_figures()
    meeting = Meeting.objects.filter(date=date(2024, 11, 28)).first()
    papers = 0
    item = meeting.agenda_items.filter(number=8).first() if meeting else None
    if item is not None:
        for number, (kind, year) in ITEM_8_PAPERS.items():
            services.evidence_paper_attach(
                actor=ACTOR, agenda_item=item, number=number, kind=kind, year_start=year
            )
            papers += 1
    values = sum(s.values for s in summaries)
    derived = sum(s.derived for s in summaries)
    return f"{len(summaries)} releases, {values} figures ({derived} neighbour averages), {papers} papers"
