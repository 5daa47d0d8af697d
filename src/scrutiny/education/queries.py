"""Reads for the education pages: the panel's evidence, as the viewer may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrutiny.performance.access import sees_exact_values
from scrutiny.statistics.models import Measure, Release
from scrutiny.statistics.queries import council_areas, figures, school_groups, withheld_releases

from .catalogue import TOPIC
from .evidence import Block, GroupTable, academic_label, block, exam_year_label, group_table

KEY_STAGE_THEMES = ("Key stage 2 attainment", "Key stage 4 attainment")
THEME_ORDER = (*KEY_STAGE_THEMES, "Attendance", "Suspensions and exclusions")


@dataclass
class Theme:
    title: str
    blocks: list[Block] = field(default_factory=list)
    groups: list[GroupTable] = field(default_factory=list)


@dataclass
class Evidence:
    council: str
    themes: list[Theme]
    withheld: list[Release]
    exact: bool

    @property
    def is_empty(self) -> bool:
        return not any(t.blocks or t.groups for t in self.themes)


def panel_evidence(user: Any, panel: Any = None) -> Evidence:
    """Every education measure with figures for the council, at its latest period; exact small
    numbers only for officers and current members of ``panel``."""
    exact = sees_exact_values(user, panel)
    areas = council_areas()
    groups = school_groups()
    measures = sorted(
        Measure.objects.filter(topic=TOPIC),
        key=lambda m: (THEME_ORDER.index(m.theme) if m.theme in THEME_ORDER else 99, m.position),
    )
    found = figures(user, measures, [*areas.all, *groups])
    themes: dict[str, Theme] = {}
    for measure in measures:
        theme = themes.setdefault(measure.theme, Theme(measure.theme))
        label = exam_year_label if measure.theme in KEY_STAGE_THEMES else academic_label
        held = found.periods_of(measure.code, areas.council.code) if areas.council else []
        for identifier in dict.fromkeys(p.time_identifier for p in held):
            latest = [p for p in held if p.time_identifier == identifier][-1]
            made = block(
                measure=measure, figures=found, areas=areas, period=latest, exact=exact, label=label
            )
            if made is not None:
                made.anchor += f"-{latest.pk}"
                theme.blocks.append(made)
        if groups:
            table = group_table(
                measure=measure,
                figures=found,
                groups=groups,
                england=areas.england,
                exact=exact,
                label=label,
            )
            if table is not None:
                theme.groups.append(table)
    return Evidence(
        council=areas.council.name if areas.council else "",
        themes=[t for t in themes.values() if t.blocks or t.groups],
        withheld=withheld_releases(user, TOPIC),
        exact=exact,
    )


def has_evidence() -> bool:
    return Release.objects.filter(topic=TOPIC, published_at__isnull=False).exists()
