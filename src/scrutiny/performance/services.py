"""Every write to the performance report: atomic, validated and audited.

The writes live beside what they write: the importers in ``performance.importers``, an
analyst's entry in ``entry``, commentary in ``commentary``, the engine's values in
``engine_refresh``. This module names them all, for the screens, the demo and the commands.
"""

from __future__ import annotations

from .commentary import commentary_edit, commentary_import
from .engine_refresh import IndicatorEngine, RefreshSummary, engine_values_refresh
from .entry import EntryError, monthly_value_enter
from .importers.catalogue import catalogue_import, statistical_neighbour_groups_import
from .importers.common import ImportSummary
from .importers.figures import benchmarks_import, monthly_values_import, team_breakdown_import
from .value_checks import COUNTS_NEEDED, counts_missing

__all__ = [
    "COUNTS_NEEDED",
    "EntryError",
    "ImportSummary",
    "IndicatorEngine",
    "RefreshSummary",
    "benchmarks_import",
    "catalogue_import",
    "commentary_edit",
    "commentary_import",
    "counts_missing",
    "engine_values_refresh",
    "monthly_value_enter",
    "monthly_values_import",
    "statistical_neighbour_groups_import",
    "team_breakdown_import",
]
