"""Workflow states: allowed transitions are declared once, with labels, and refused otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError


class TransitionNotAllowed(ValidationError):
    pass


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str


class Workflow:
    """The transitions of one state field. ``transitions`` lists (source, target, label)."""

    def __init__(self, states: Any, transitions: list[tuple[str, str, str]]):
        self.states = states
        self.transitions = [Transition(str(s), str(t), label) for s, t, label in transitions]
        valid = {str(s) for s in states}
        for t in self.transitions:
            if t.source not in valid or t.target not in valid:
                raise ValueError(f"Transition {t} uses an unknown state")

    def allowed_from(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == str(source)]

    def find(self, source: str, target: str) -> Transition | None:
        for t in self.transitions:
            if t.source == str(source) and t.target == str(target):
                return t
        return None

    def check(self, source: str, target: str, *, what: str = "item") -> Transition:
        transition = self.find(source, target)
        if transition is None:
            allowed = ", ".join(self.states(t.target).label for t in self.allowed_from(source))
            raise TransitionNotAllowed(
                f"A {what} cannot go from {self.states(source).label} to "
                f"{self.states(target).label}. "
                + (
                    f"From {self.states(source).label} it can go to: {allowed}."
                    if allowed
                    else f"{self.states(source).label} is a final state."
                )
            )
        return transition
