"""Turning a reviewed proposal into records, through the services that own them.

``save(...)`` runs every step through the ordinary services (committees, minutes, documents),
so each record is validated and audited as if an officer had typed it. A dry run does the
same inside a transaction that is rolled back: the review screen and ``--dry-run`` show
exactly what saving would create, what already exists and what a service would refuse.
A real save is one transaction: if any step is refused, nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from scrutiny.committees import services as committees
from scrutiny.committees.models import Meeting, MeetingStatus, Panel, PanelContact, Person
from scrutiny.core.actors import Actor
from scrutiny.paperimport import matching

PERSON_KINDS = {"councillor": Person.Kind.COUNCILLOR, "appointed": Person.Kind.APPOINTED}


@dataclass
class Step:
    key: str
    what: str
    action: str  # create, exists, error
    error: str = ""


@dataclass
class Outcome:
    steps: list[Step] = field(default_factory=list)
    meetings: list[int] = field(default_factory=list)

    @property
    def new(self) -> list[Step]:
        return [s for s in self.steps if s.action == "create"]

    @property
    def errors(self) -> list[Step]:
        return [s for s in self.steps if s.action == "error"]

    def by_key(self) -> dict[str, Step]:
        return {s.key: s for s in self.steps}

    def as_dict(self) -> dict[str, Any]:
        return {"steps": [asdict(s) for s in self.steps], "meetings": self.meetings}


class _Rollback(Exception):
    pass


class Run:
    """One pass over a proposal: each step in its own savepoint, its result recorded."""

    def __init__(self, actor: Actor):
        self.actor = actor
        self.outcome = Outcome()
        self.people: dict[tuple[str, str], Person] = {}
        self.new_minutes: list = []

    def step(self, key: str, what: str, call: Callable[[], Any]) -> Any:
        try:
            with transaction.atomic():
                result = call()
        except ValidationError as error:
            self.outcome.steps.append(Step(key, what, "error", " ".join(error.messages)))
            return None
        self.outcome.steps.append(Step(key, what, "create"))
        return result

    def exists(self, key: str, what: str) -> None:
        self.outcome.steps.append(Step(key, what, "exists"))

    def fail(self, key: str, what: str, why: str) -> None:
        self.outcome.steps.append(Step(key, what, "error", why))

    # People ---------------------------------------------------------------------------
    def person(self, key: str, name: str, kind: str, title: str = "") -> Person | None:
        person_kind = PERSON_KINDS.get(kind, Person.Kind.OFFICER)
        kinds: list[str] = (
            [person_kind] if person_kind == Person.Kind.OFFICER else list(PERSON_KINDS.values())
        )
        cache_key = (person_kind, matching.key(name))
        if cache_key in self.people:
            return self.people[cache_key]
        found, _ = matching.find_person(name, kinds)
        if found is None:
            found = self.step(
                key,
                f"Add {_kind_label(person_kind)} {name}",
                lambda: committees.person_create(
                    actor=self.actor, kind=person_kind, name=name, job_title=title
                ),
            )
        if found is not None:
            self.people[cache_key] = found
        return found


def _kind_label(kind: str) -> str:
    return {"councillor": "councillor", "appointed": "appointed member"}.get(kind, "person")


def _local(day: date, at: time = time(9)) -> datetime:
    return datetime.combine(day, at, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _usual(panel: Panel | None, name: str) -> Any:
    """The panel's most frequent start time or venue, for a meeting whose papers omit it."""
    if panel is None:
        return None
    row = (
        Meeting.objects.filter(panel=panel)
        .values(name)
        .annotate(n=Count("pk"))
        .order_by("-n", name)
        .first()
    )
    return row[name] if row else None


def _panel(run: Run, index: int, meeting: dict) -> Panel | None:
    name = meeting.get("panel", "").strip()
    if not name:
        run.fail(f"m{index}.panel", "Choose the panel", "No panel or committee is named.")
        return None
    panel = matching.find_panel(name)
    if panel is not None:
        return panel
    return run.step(
        f"m{index}.panel",
        f"Add the panel {name}",
        lambda: committees.panel_create(actor=run.actor, name=name, remit=meeting.get("remit", "")),
    )


def _meeting(run: Run, index: int, data: dict, panel: Panel) -> tuple[Meeting | None, bool]:
    if not data.get("date"):
        run.fail(f"m{index}.meeting", "Add the meeting", "No meeting date: enter it.")
        return None, False
    day = date.fromisoformat(data["date"])
    existing = Meeting.objects.filter(panel=panel, date=day).order_by("start_time").first()
    label = f"{panel.name}, {day:%-d %B %Y}"
    if existing is not None:
        run.exists(f"m{index}.meeting", f"Meeting of {label}")
        return existing, False
    start = data.get("start_time") or _usual(panel, "start_time")
    if start is None:
        # Refused, but carried on at midnight so the review shows what else would be saved.
        run.fail(f"m{index}.start_time", f"Start time of {label}", "Enter the start time.")
        start = time(0)
    start_time = start if isinstance(start, time) else time.fromisoformat(start)
    created = run.step(
        f"m{index}.meeting",
        f"Add the meeting of {label}",
        lambda: committees.meeting_create(
            actor=run.actor,
            panel=panel,
            date=day,
            start_time=start_time,
            venue=data.get("venue") or _usual(panel, "venue") or "",
            is_public=data.get("is_public") is not False,
            notice=data.get("notice", ""),
            with_standard_items=False,
        ),
    )
    return created, created is not None


def _agenda(run: Run, index: int, data: dict, meeting: Meeting) -> None:
    for position, item in enumerate(data.get("agenda", [])):
        key = f"m{index}.agenda.{position}"
        what = f"Agenda item {item.get('number')} {item.get('title')}"
        if item.get("skip"):
            continue
        if meeting.agenda_items.filter(number=item.get("number")).exists():
            run.exists(key, what)
            continue
        expected = meeting.agenda_items.count() + 1
        if item.get("number") not in (None, expected):
            run.fail(key, what, f"It would be numbered {expected}: an earlier item is missing.")
            continue
        run.step(
            key,
            what,
            partial(
                committees.agenda_item_add,
                actor=run.actor,
                meeting=meeting,
                title=item["title"],
                kind=item.get("kind") or "report",
                summary=item.get("summary", ""),
                page_start=item.get("page_start"),
                page_end=item.get("page_end"),
            ),
        )


def _held(run: Run, index: int, data: dict, meeting: Meeting) -> Meeting:
    """A past meeting: its agenda was published (on the printed date, if any) and it was held."""
    from scrutiny.documents.services import agenda_publication_record_past

    meeting.refresh_from_db()
    if meeting.status == MeetingStatus.SCHEDULED:
        printed = data.get("published_on")
        when = _local(date.fromisoformat(printed)) if printed else _local(meeting.date, time(0))

        def publish() -> None:
            agenda_publication_record_past(actor=run.actor, meeting=meeting, when=when)

        run.step(
            f"m{index}.published", f"Record the agenda as published on {when:%-d %B %Y}", publish
        )
        meeting.refresh_from_db()
    if meeting.status == MeetingStatus.AGENDA_PUBLISHED and meeting.date <= timezone.localdate():
        run.step(
            f"m{index}.held",
            "Record that the meeting was held",
            lambda: committees.meeting_transition(
                actor=run.actor, meeting=meeting, to=MeetingStatus.HELD
            ),
        )
        meeting.refresh_from_db()
    return meeting


def _front_sheet(run: Run, index: int, data: dict, panel: Panel) -> None:
    for group in ("members", "appointed"):
        for position, ref in enumerate(data.get(group, [])):
            if not ref.get("skip"):
                run.person(f"m{index}.{group}.{position}", ref["name"], ref.get("kind", group))
    for position, contact in enumerate(data.get("contacts", [])):
        role = contact.get("role")
        if contact.get("skip") or not contact.get("name") or role not in PanelContact.Role.values:
            continue
        key = f"m{index}.contacts.{position}"
        if PanelContact.objects.filter(panel=panel, role=role).exists():
            run.exists(key, f"{contact['heading']}: the panel's contact is already set")
            continue
        person = run.person(key + ".person", contact["name"], "officer", contact["heading"])
        if person is not None:
            run.step(
                key,
                f"{contact['heading']}: {contact['name']}",
                partial(
                    committees.panel_contact_set,
                    actor=run.actor,
                    panel=panel,
                    role=role,
                    person=person,
                ),
            )


def run_proposal(run: Run, proposal: dict) -> None:
    from scrutiny.paperimport import saving_minutes

    for index, data in enumerate(proposal.get("meetings", [])):
        if data.get("skip"):
            continue
        panel = _panel(run, index, data)
        if panel is None:
            continue
        meeting, created = _meeting(run, index, data, panel)
        if meeting is None:
            continue
        run.outcome.meetings.append(meeting.pk)
        if data["part"] == "agenda":
            _front_sheet(run, index, data, panel)
            if created or meeting.status == MeetingStatus.SCHEDULED:
                _agenda(run, index, data, meeting)
            else:
                for position, item in enumerate(data.get("agenda", [])):
                    if not meeting.agenda_items.filter(number=item.get("number")).exists():
                        run.fail(
                            f"m{index}.agenda.{position}",
                            f"Agenda item {item.get('number')} {item.get('title')}",
                            "The agenda of this meeting was published before: add items there.",
                        )
                    else:
                        run.exists(
                            f"m{index}.agenda.{position}",
                            f"Agenda item {item.get('number')} {item.get('title')}",
                        )
            if created:
                _held(run, index, data, meeting)
        else:
            meeting = _held(run, index, data, meeting)
            saving_minutes.minutes(run, index, data, meeting)


def save(
    proposal: dict, *, actor: Actor, dry_run: bool, after: Callable[[Run], None] | None = None
):
    """Run the proposal; a dry run rolls everything back. Refusals fail a real save."""
    run = Run(actor)
    try:
        with transaction.atomic():
            run_proposal(run, proposal)
            if after is not None:
                after(run)
            if dry_run:
                raise _Rollback
            if run.outcome.errors:
                raise ValidationError(
                    [f"{s.what}: {s.error}" for s in run.outcome.errors]
                    + ["Nothing was saved. Correct these records or leave them out."]
                )
    except _Rollback:
        pass
    return run.outcome
