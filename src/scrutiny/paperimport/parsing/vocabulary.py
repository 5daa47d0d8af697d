"""The words a council's papers use, kept in data (``vocabularies/*.toml``), not in the parser.

``uk.toml`` holds what UK committee papers share; a council's file adds to each of its lists.
Every entry is a regular expression matched case-insensitively.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

VOCABULARY_DIR = Path(__file__).resolve().parent.parent / "vocabularies"
BASE = "uk"


Layer = dict[str, dict[str, tuple[re.Pattern[str], ...]]]


@dataclass(frozen=True)
class Vocabulary:
    name: str
    layers: tuple[Layer, ...] = field(default_factory=tuple)  # the council's first

    def patterns(self, section: str, key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(p for layer in self.layers for p in layer.get(section, {}).get(key, ()))

    def matches(self, section: str, key: str, text: str) -> re.Match[str] | None:
        for pattern in self.patterns(section, key):
            found = pattern.search(text)
            if found:
                return found
        return None

    def which(self, section: str, text: str) -> str | None:
        """The key whose pattern matches the text; a council's own words are tried first."""
        for layer in self.layers:
            for key, patterns in layer.get(section, {}).items():
                if any(p.search(text) for p in patterns):
                    return key
        return None


def available() -> list[str]:
    return sorted(p.stem for p in VOCABULARY_DIR.glob("*.toml"))


def _read(path: Path) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _resolve(name_or_path: str) -> Path:
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return path
    candidate = VOCABULARY_DIR / f"{name_or_path}.toml"
    if not candidate.exists():
        raise ValueError(f"No vocabulary called {name_or_path!r}; known: {', '.join(available())}.")
    return candidate


@cache
def load(name_or_path: str | None = None) -> Vocabulary:
    """The UK vocabulary, with a council's additions when one is named."""
    raw = [_read(VOCABULARY_DIR / f"{BASE}.toml")]
    if name_or_path and name_or_path != BASE:
        raw.insert(0, _read(_resolve(name_or_path)))
    layers = tuple(
        {
            section: {
                key: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
                for key, patterns in entries.items()
            }
            for section, entries in layer.items()
            if isinstance(entries, dict)
        }
        for layer in raw
    )
    return Vocabulary(name=raw[0].get("name", BASE), layers=layers)
