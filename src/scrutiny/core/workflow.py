"""Workflow states: allowed transitions are declared once, with labels, and refused otherwise.

A transition may carry guards: functions of the object moving, returning a message when the
move is not allowed yet (for example "Record the publication date first"), or a pair
``(field, message)`` to pin the message on a form's field. Guards sit in the same table as
the transitions, so the rules of a state are read in one place; ``check`` runs them when given
the object. A move that needs more than the object (a recommendation's panel decision needs
the meeting, the date and a reason) passes a small "move" object carrying them as subject.

A transition may also name its owner: the one service allowed to make it (the agenda is
published by the publication service, minutes are approved by the minutes service). ``check``
refuses an owned transition unless the caller says it is that owner (``via``), so a generic
"change the status" path cannot make it; ``generic_from`` lists the transitions anyone may make.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class TransitionNotAllowed(ValidationError):
    pass


Problem = str | tuple[str, str]  # a message, or (field, message)
Guard = Callable[[Any], Problem | None]


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: str
    guards: tuple[Guard, ...] = field(default=(), compare=False)
    owner: str = ""

    def problems(self, subject: Any) -> list[Problem]:
        """The guards' messages for this object; empty when the move is allowed."""
        return [problem for guard in self.guards if (problem := guard(subject))]


class Workflow:
    """The transitions of one state field.

    ``transitions`` lists (source, target, label), (source, target, label, guards) or
    (source, target, label, guards, owner), where guards is a sequence of functions
    ``guard(subject) -> message or None`` and owner names the service that makes the move.
    """

    def __init__(self, states: Any, transitions: Sequence[tuple[Any, ...]]):
        self.states = states
        self.transitions = [
            Transition(
                str(row[0]),
                str(row[1]),
                row[2],
                tuple(row[3]) if len(row) > 3 else (),
                row[4] if len(row) > 4 else "",
            )
            for row in transitions
        ]
        valid = {str(s) for s in states}
        for t in self.transitions:
            if t.source not in valid or t.target not in valid:
                raise ValueError(f"Transition {t} uses an unknown state")

    def allowed_from(self, source: str) -> list[Transition]:
        return [t for t in self.transitions if t.source == str(source)]

    def generic_from(self, source: str) -> list[Transition]:
        """The transitions from ``source`` that no particular service owns."""
        return [t for t in self.allowed_from(source) if not t.owner]

    def find(self, source: str, target: str) -> Transition | None:
        for t in self.transitions:
            if t.source == str(source) and t.target == str(target):
                return t
        return None

    def check(
        self,
        source: str,
        target: str,
        *,
        what: str = "item",
        subject: Any = None,
        via: str = "",
    ) -> Transition:
        """The transition from source to target, or TransitionNotAllowed.

        With ``subject``, the transition's guards are run against it too; their messages are
        raised together as one ValidationError. An owned transition is refused unless ``via``
        names its owner.
        """
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
        if transition.owner and via != transition.owner:
            raise TransitionNotAllowed(
                f"{transition.label} is done through the {transition.owner}, not by changing "
                f"the {what}'s status."
            )
        if subject is not None:
            problems = transition.problems(subject)
            if problems:
                raise _as_error(problems)
        return transition


def _as_error(problems: list[Problem]) -> ValidationError:
    if all(isinstance(p, str) for p in problems):
        return ValidationError(problems)
    by_field: dict[str, list[str]] = {}
    for problem in problems:
        field_name, message = problem if isinstance(problem, tuple) else (NON_FIELD_ERRORS, problem)
        by_field.setdefault(field_name, []).append(message)
    return ValidationError(by_field)
