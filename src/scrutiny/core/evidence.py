"""Evidence other records can point at: a stable reference for a figure set or a review.

An evidence reference is a string ``"<kind>:<key>"``, for example
``"reviews.figures:2023-04-01..2024-03-31"`` (the case reviews register's figures for a
period) or ``"reviews.case:12"`` (one case review). References are stored as text by whoever
links to evidence (an agenda item's generated appendix, a recommendation's evidence, a
briefing line), and resolved here each time they are shown, so the figures are always the
register's and the access rule is always the owner's.

The app that owns the evidence registers an ``EvidenceKind`` for it (from its AppConfig's
``ready()``):

* ``resolve(key, user)`` returns an ``EvidenceItem`` (title, page address, one-line
  summary) or None when the key names nothing, or nothing this user may see;
* ``appendix_html(key)`` returns the printable appendix (HTML for the agenda pack), which
  must be safe for the public pack: aggregates only, small numbers suppressed; or None if
  the evidence cannot be printed;
* ``choices()`` lists (key, label) pairs to offer on officers' screens;
* ``check(key)`` returns a message when the key is malformed, or None;
* ``trend(key, user, since)`` (optional, for figures over time) returns an ``EvidenceTrend``:
  the figure from the last value known on ``since`` to the latest, as this user may see it
  (small numbers suppressed by the owner's rule), judged improved or worsened through the
  figure's polarity, with the owner's small chart and its data table; or None.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class EvidenceItem:
    reference: str
    title: str
    url: str
    summary: str = ""


@dataclass(frozen=True)
class EvidenceKind:
    name: str  # "<app>.<thing>", the part before the colon
    label: str  # for people: "Case reviews: figures for a period"
    resolve: Callable[[str, Any], EvidenceItem | None]
    appendix_html: Callable[[str], str | None]
    choices: Callable[[], list[tuple[str, str]]] = field(default=lambda: [])
    check: Callable[[str], str | None] = field(default=lambda key: None)
    trend: Callable[[str, Any, Any], EvidenceTrend | None] | None = None
    printable: bool = True  # offered as an agenda appendix (False: linked to, never printed)


@dataclass(frozen=True)
class TrendPoint:
    label: str  # "Aug-24"
    text: str  # as printed for this user ("24%", "c" where suppressed)


IMPROVED, WORSENED, LEVEL = "improved", "worsened", "level"


@dataclass(frozen=True)
class EvidenceTrend:
    reference: str
    title: str
    url: str
    points: list[TrendPoint]
    judgement: str = ""  # IMPROVED, WORSENED, LEVEL, or "" (no judgement or not enough data)
    chart: str = ""  # safe HTML (an SVG) drawn by the owner
    table: str = ""  # safe HTML: the chart's data table

    @property
    def judgement_label(self) -> str:
        return {IMPROVED: "Improved", WORSENED: "Worsened", LEVEL: "No change"}.get(
            self.judgement, "No judgement"
        )


class EvidenceError(ValueError):
    pass


_KINDS: dict[str, EvidenceKind] = {}


def register_evidence_kind(kind: EvidenceKind) -> None:
    existing = _KINDS.get(kind.name)
    if existing is not None and existing is not kind:
        raise ValueError(f"Evidence kind {kind.name!r} is registered twice")
    _KINDS[kind.name] = kind


def evidence_kinds() -> list[EvidenceKind]:
    return sorted(_KINDS.values(), key=lambda k: k.label)


def reference_for(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def parse_reference(reference: str) -> tuple[EvidenceKind, str]:
    """The kind and key of a reference; EvidenceError when it cannot be one."""
    name, sep, key = (reference or "").partition(":")
    kind = _KINDS.get(name)
    if not sep or not key:
        raise EvidenceError("An evidence reference is written kind:key.")
    if kind is None:
        raise EvidenceError(f"There is no kind of evidence called {name!r}.")
    problem = kind.check(key)
    if problem:
        raise EvidenceError(problem)
    return kind, key


def resolve(reference: str, user: Any) -> EvidenceItem | None:
    """What the reference points at, as this user may see it; None if nothing or withheld."""
    try:
        kind, key = parse_reference(reference)
    except EvidenceError:
        return None
    return kind.resolve(key, user)


def trend(reference: str, user: Any, since: Any) -> EvidenceTrend | None:
    """The referenced figure's trend since a date, as this user may see it; None if the kind
    has no trend, the reference names nothing, or it is withheld from the user."""
    try:
        kind, key = parse_reference(reference)
    except EvidenceError:
        return None
    return kind.trend(key, user, since) if kind.trend is not None else None


def appendix_html(reference: str) -> str | None:
    kind, key = parse_reference(reference)
    return kind.appendix_html(key)


def offered_choices(*, printable: bool = True) -> list[tuple[str, list[tuple[str, str]]]]:
    """Evidence offered on officers' screens, grouped by kind: [(kind label, [(ref, label)])];
    ``printable=False`` adds the kinds that are linked to but never printed (indicators)."""
    groups = []
    for kind in evidence_kinds():
        if printable and not kind.printable:
            continue
        options = [(reference_for(kind.name, key), label) for key, label in kind.choices()]
        if options:
            groups.append((kind.label, options))
    return groups
