"""Reads for registers of interests: the published register and the full one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scrutiny.committees.models import Person
from scrutiny.core.access import role_for
from scrutiny.interests.models import Interest, InterestSubmission, SubmissionStatus


def may_see_full_register(user: Any, person: Person) -> bool:
    """Officers and the member themself see sensitive interests; no one else does."""
    if role_for(user).sees_everything:
        return True
    return bool(getattr(user, "is_authenticated", False) and person.user_id == user.pk)


@dataclass(frozen=True)
class PublishedRegister:
    current: list[Interest]
    past: list[Interest]
    withheld_count: int  # sensitive interests: only their existence is published

    def __bool__(self) -> bool:
        return bool(self.current or self.past or self.withheld_count)


def published_register(person: Person) -> PublishedRegister:
    """The register as published (Localism Act 2011 s.29): without sensitive interests."""
    entries = list(person.interests.order_by("category", "arose_on", "pk"))
    shown = [e for e in entries if not e.is_sensitive]
    return PublishedRegister(
        current=[e for e in shown if e.is_current],
        past=[e for e in shown if not e.is_current],
        withheld_count=sum(1 for e in entries if e.is_sensitive and e.is_current),
    )


@dataclass(frozen=True)
class FullRegister:
    current: list[Interest]
    past: list[Interest]
    submissions: list[InterestSubmission]

    @property
    def pending(self) -> list[InterestSubmission]:
        return [s for s in self.submissions if s.status == SubmissionStatus.PENDING]


def full_register(person: Person) -> FullRegister:
    """Every entry with its history, and the member's submissions, newest first."""
    entries = list(person.interests.order_by("category", "arose_on", "pk"))
    submissions = list(
        InterestSubmission.objects.filter(person=person)
        .select_related("interest")
        .order_by("-submitted_at", "-pk")
    )
    return FullRegister(
        current=[e for e in entries if e.is_current],
        past=[e for e in entries if not e.is_current],
        submissions=submissions,
    )


def pending_submissions() -> list[InterestSubmission]:
    """Changes waiting for an officer, the earliest notification deadline first."""
    return list(
        InterestSubmission.objects.filter(status=SubmissionStatus.PENDING)
        .select_related("person", "interest")
        .order_by("arose_on", "pk")
    )


def current_interests(people) -> list[Interest]:
    """Current entries of these people: for linking a declaration to the register."""
    return list(
        Interest.objects.filter(person__in=people, ended_on__isnull=True)
        .select_related("person")
        .order_by("person__name", "category", "pk")
    )
