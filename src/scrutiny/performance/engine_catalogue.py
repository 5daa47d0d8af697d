"""The engine's catalogue as the report's indicators read it.

An indicator valued by the engine takes its name, definition, unit and polarity from the
engine's catalogue (``scrutiny.casedata.indicators``), the one place they are written: a
catalogue file leaves those cells empty, and a value it does give must agree with the
engine's, so no second copy can drift from what the engine counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from scrutiny.casedata import indicators as engine_catalogue

from .models import Polarity, Unit

UNITS = {
    engine_catalogue.COUNT: Unit.COUNT,
    engine_catalogue.PERCENTAGE: Unit.PERCENTAGE,
    engine_catalogue.RATE: Unit.RATE_PER_10K,
    engine_catalogue.AVERAGE: Unit.AVERAGE,
}
# Places the engine rounds each unit to.
DECIMALS = {Unit.COUNT: 0, Unit.PERCENTAGE: 1, Unit.RATE_PER_10K: 1, Unit.AVERAGE: 2}


@dataclass(frozen=True)
class EngineDefinition:
    name: str
    definition: str
    unit: str
    polarity: str
    decimals: int
    source: str
    version: str

    def fields(self) -> dict[str, str]:
        """The cells a catalogue file leaves to the engine."""
        return {
            "name": self.name,
            "definition": self.definition,
            "unit": self.unit,
            "polarity": self.polarity,
        }


def engine_definition(code: str) -> EngineDefinition | None:
    """The engine's definition of an indicator code, in the report's terms; None if the
    engine has no such indicator."""
    entry = engine_catalogue.catalogue().get(code)
    if entry is None:
        return None
    unit = UNITS[entry.unit]
    return EngineDefinition(
        name=entry.name,
        definition=entry.definition,
        unit=unit,
        polarity=Polarity(entry.polarity),
        decimals=DECIMALS[unit],
        source=entry.source,
        version=entry.version,
    )
