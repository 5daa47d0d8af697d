"""The proposed records: plain data, each with the source lines it came from.

Every record carries ``lines`` (first and last line of the source text, counted from 1) so
the review screen can show it beside its source, and ``uncertain`` (field -> why) for the
fields the parser guessed. Dates and times are ISO strings so a proposal is plain JSON.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(kw_only=True)
class Record:
    lines: list[int] = field(default_factory=lambda: [0, 0])
    uncertain: dict[str, str] = field(default_factory=dict)

    def doubt(self, name: str, why: str) -> None:
        self.uncertain.setdefault(name, why)


@dataclass(kw_only=True)
class PersonRef(Record):
    name: str
    kind: str = "councillor"  # councillor, appointed, other
    role: str = ""  # chair, vice_chair
    title: str = ""  # a job title, or what an appointed member's seat represents
    status: str = ""  # present, apologies (attendance only)


@dataclass(kw_only=True)
class Contact(Record):
    role: str  # a PanelContact role, or "" when the heading is not one we know
    heading: str
    name: str
    telephone: str = ""
    email: str = ""


@dataclass(kw_only=True)
class AgendaEntry(Record):
    number: int | None
    title: str
    kind: str = "report"
    summary: str = ""
    page_start: int | None = None
    page_end: int | None = None
    exempt_categories: list[str] = field(default_factory=list)
    exempt_appendices: list[int] = field(default_factory=list)


@dataclass(kw_only=True)
class ResolutionEntry(Record):
    label: str
    text: str


@dataclass(kw_only=True)
class PointEntry(Record):
    text: str
    level: int = 1


@dataclass(kw_only=True)
class DeclarationEntry(Record):
    name: str
    kind: str  # a minutes DeclarationKind value
    matter: str


@dataclass(kw_only=True)
class SubstitutionEntry(Record):
    member: str
    substitute: str
    reason: str = ""


@dataclass(kw_only=True)
class MinuteEntry(Record):
    number: int | None
    title: str
    kind: str = "report"
    introduction: str = ""
    speakers: list[PersonRef] = field(default_factory=list)
    discussion_intro: str = ""
    points: list[PointEntry] = field(default_factory=list)
    resolutions: list[ResolutionEntry] = field(default_factory=list)
    closing_text: str = ""
    order_of_business_change: str = ""
    declarations: list[DeclarationEntry] = field(default_factory=list)
    is_exempt: bool = False  # taken in private: withheld from the public
    excludes_public: bool = False
    exclusion_categories: list[str] = field(default_factory=list)
    public_interest_reasoning: str = ""


@dataclass(kw_only=True)
class MeetingProposal(Record):
    part: str  # "agenda" (a pack's own meeting) or "minutes" (the meeting minuted)
    panel: str = ""
    date: str | None = None
    start_time: str | None = None
    venue: str = ""
    notice: str = ""
    is_public: bool | None = None
    published_on: str | None = None
    remit: str = ""
    members: list[PersonRef] = field(default_factory=list)
    appointed: list[PersonRef] = field(default_factory=list)
    vacancies: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    agenda: list[AgendaEntry] = field(default_factory=list)
    attendance: list[PersonRef] = field(default_factory=list)
    substitutions: list[SubstitutionEntry] = field(default_factory=list)
    minutes: list[MinuteEntry] = field(default_factory=list)


@dataclass(kw_only=True)
class Proposal:
    kind: str  # "agenda pack", "minutes" or "unrecognised"
    vocabulary: str
    meetings: list[MeetingProposal] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
