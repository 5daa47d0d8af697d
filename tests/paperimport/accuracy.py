"""Field-by-field comparison of parsed papers with the records the demo loaders hold.

Each field becomes a set of facts (tuples); precision is the share of proposed facts that
the demo holds, recall the share of the demo's facts that were proposed. The universe is the
demo's records of the meetings whose papers are among the fixtures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scrutiny.paperimport.parsing import parse

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = {
    "pack-2024-09-26.txt": {"agenda": [date(2024, 9, 26)], "minutes": [date(2024, 8, 8)]},
    "pack-2024-11-28.txt": {"agenda": [date(2024, 11, 28)], "minutes": [date(2024, 9, 26)]},
    "minutes-2020-01-23.txt": {"agenda": [], "minutes": [date(2020, 1, 23)]},
    "sscp-yearly-report-2022-23.txt": {"agenda": [], "minutes": []},
    "young-peoples-service-report-2023.txt": {"agenda": [], "minutes": []},
}
FIELDS = [
    "meeting dates",
    "present",
    "apologies",
    "substitutes",
    "agenda items",
    "agenda page ranges",
    "minute numbers",
    "resolutions",
    "exempt categories",
]


def norm(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip().rstrip(".").casefold()


def proposed_facts(proposals) -> dict[str, set]:
    facts: dict[str, set] = {name: set() for name in FIELDS}
    for proposal in proposals:
        for meeting in proposal.meetings:
            day = date.fromisoformat(meeting.date) if meeting.date else None
            facts["meeting dates"].add((meeting.part, day))
            for ref in meeting.attendance:
                if ref.status in ("present", "apologies"):
                    facts[ref.status].add((day, norm(ref.name)))
            for sub in meeting.substitutions:
                facts["substitutes"].add((day, norm(sub.member), norm(sub.substitute)))
            for item in meeting.agenda:
                facts["agenda items"].add((day, item.number, norm(item.title)))
                if item.page_start:
                    facts["agenda page ranges"].add(
                        (day, item.number, item.page_start, item.page_end)
                    )
                for code in item.exempt_categories:
                    facts["exempt categories"].add((day, code))
            for minute in meeting.minutes:
                facts["minute numbers"].add((day, minute.number, norm(minute.title)))
                for resolution in minute.resolutions:
                    facts["resolutions"].add((day, minute.number, norm(resolution.text)))
                for code in minute.exclusion_categories:
                    facts["exempt categories"].add((day, code))
    return facts


def demo_facts() -> dict[str, set]:
    from scrutiny.committees.models import Meeting
    from scrutiny.minutes.models import Minutes

    facts: dict[str, set] = {name: set() for name in FIELDS}
    agenda_days = {d for seed in SEEDS.values() for d in seed["agenda"]}
    minutes_days = {d for seed in SEEDS.values() for d in seed["minutes"]}
    for meeting in Meeting.objects.filter(date__in=agenda_days):
        facts["meeting dates"].add(("agenda", meeting.date))
        for item in meeting.agenda_items.all():
            facts["agenda items"].add((meeting.date, item.number, norm(item.title)))
            if item.page_start:
                facts["agenda page ranges"].add(
                    (meeting.date, item.number, item.page_start, item.page_end)
                )
        for document in meeting.documents.filter(is_exempt=True).select_related("exempt_category"):
            facts["exempt categories"].add((meeting.date, document.exempt_category.code))
    for minutes in Minutes.objects.filter(meeting__date__in=minutes_days).select_related("meeting"):
        day = minutes.meeting.date
        facts["meeting dates"].add(("minutes", day))
        for attendance in minutes.meeting.attendances.select_related("person"):
            facts[attendance.status].add((day, norm(attendance.person.name)))
        for sub in minutes.meeting.substitutions.select_related("member", "substitute"):
            facts["substitutes"].add((day, norm(sub.member.name), norm(sub.substitute.name)))
        for item in minutes.items.prefetch_related("resolutions", "exclusion_categories"):
            facts["minute numbers"].add((day, item.number, norm(item.title)))
            for resolution in item.resolutions.all():
                facts["resolutions"].add((day, item.number, norm(resolution.text)))
            for category in item.exclusion_categories.all():
                facts["exempt categories"].add((day, category.code))
    return facts


@dataclass
class Score:
    field: str
    expected: int
    proposed: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def parse_fixtures(vocabulary: str = "southampton"):
    return {name: parse((FIXTURES / name).read_text(), vocabulary) for name in SEEDS}


def scores(proposals) -> tuple[list[Score], dict[str, tuple[set, set]]]:
    got, want = proposed_facts(proposals), demo_facts()
    table, misses = [], {}
    for name in FIELDS:
        matched = got[name] & want[name]
        table.append(Score(name, len(want[name]), len(got[name]), len(matched)))
        misses[name] = (got[name] - want[name], want[name] - got[name])
    return table, misses


def table_markdown(table: list[Score]) -> str:
    rows = [
        "| field | in the demo | proposed | matched | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for s in table:
        rows.append(
            f"| {s.field} | {s.expected} | {s.proposed} | {s.matched} | {s.precision:.2f} | {s.recall:.2f} |"
        )
    return "\n".join(rows)
