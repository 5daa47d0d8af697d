"""Saving the minutes part of a proposal: attendance, substitutes and each minute."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from scrutiny.committees import services as committees
from scrutiny.committees.models import Attendance, Meeting, Substitution
from scrutiny.core.models import ExemptCategory
from scrutiny.minutes import services as minutes_services
from scrutiny.minutes.models import Minutes
from scrutiny.paperimport import matching

if TYPE_CHECKING:  # the run is passed in by scrutiny.paperimport.saving, which calls this
    from scrutiny.paperimport.saving import Run


def minutes(run: Run, index: int, data: dict, meeting: Meeting) -> None:
    record = Minutes.objects.filter(meeting=meeting).first()
    if record is None:
        record = run.step(
            f"m{index}.minutes",
            f"Start the minutes of {meeting.date:%-d %B %Y}",
            lambda: minutes_services.minutes_create(actor=run.actor, meeting=meeting),
        )
        if record is None:
            return
        run.new_minutes.append(record)
    else:
        run.exists(f"m{index}.minutes", f"Minutes of {meeting.date:%-d %B %Y}")
    _attendance(run, index, data, record)
    _substitutions(run, index, data, meeting)
    # A minute taken in private is withheld under the categories of the exclusion before it.
    withheld_under: list[str] = []
    for position, entry in enumerate(data.get("minutes", [])):
        if entry.get("excludes_public"):
            withheld_under = entry.get("exclusion_categories", [])
        if not entry.get("skip"):
            _minute(run, f"m{index}.minute.{position}", entry, record, withheld_under)


def _attendance(run: Run, index: int, data: dict, record: Minutes) -> None:
    for position, ref in enumerate(data.get("attendance", [])):
        if ref.get("skip") or ref.get("status") not in Attendance.Status.values:
            continue
        key = f"m{index}.attendance.{position}"
        what = f"{ref['name']}: {ref['status']}"
        person = run.person(key + ".person", ref["name"], ref.get("kind", "councillor"))
        if person is None:
            continue
        if Attendance.objects.filter(meeting=record.meeting, person=person).exists():
            run.exists(key, what)
            continue
        run.step(
            key,
            what,
            partial(
                minutes_services.minutes_record_attendance,
                actor=run.actor,
                minutes=record,
                person=person,
                status=ref["status"],
            ),
        )


def _substitutions(run: Run, index: int, data: dict, meeting: Meeting) -> None:
    for position, sub in enumerate(data.get("substitutions", [])):
        if sub.get("skip"):
            continue
        key = f"m{index}.substitutions.{position}"
        what = f"{sub['substitute']} substituting for {sub['member']}"
        member = run.person(key + ".member", sub["member"], "councillor")
        substitute = run.person(key + ".substitute", sub["substitute"], "councillor")
        if member is None or substitute is None:
            continue
        if Substitution.objects.filter(meeting=meeting, member=member).exists():
            run.exists(key, what)
            continue
        run.step(
            key,
            what,
            partial(
                committees.substitution_appoint,
                actor=run.actor,
                meeting=meeting,
                member=member,
                substitute=substitute,
                reason=sub.get("reason", "")[:300],
            ),
        )


def _minute(run: Run, key: str, entry: dict, record: Minutes, withheld_under: list[str]) -> None:
    number = entry.get("number")
    what = f"Minute {number or ''} {entry['title']}".replace("  ", " ")
    if number is not None and record.items.filter(number=number).exists():
        run.exists(key, what)
        return
    private = None
    if entry.get("is_exempt"):
        private = ExemptCategory.objects.filter(code__in=withheld_under).first()
        if private is None:
            run.fail(key, what, "No exclusion with an exempt category comes before this minute.")
            return
    codes = entry.get("exclusion_categories", []) if entry.get("excludes_public") else []
    categories = list(ExemptCategory.objects.filter(code__in=codes))
    if len(categories) != len(set(codes)):
        known = {c.code for c in categories}
        missing = ", ".join(c for c in codes if c not in known)
        run.fail(key, what, f"Exempt category {missing} is not one of the council's categories.")
        return

    def add() -> None:
        item = minutes_services.minute_item_add(
            actor=run.actor,
            minutes=record,
            title=entry["title"],
            number=number,
            agenda_item=matching.find_agenda_item(
                record.meeting, entry["title"], entry.get("kind", "report")
            ),
            introduction=entry.get("introduction", ""),
            discussion_intro=entry.get("discussion_intro", "")[:200],
            order_of_business_change=entry.get("order_of_business_change", ""),
            closing_text=entry.get("closing_text", ""),
            is_exempt=private is not None,
            exempt_category=private,
        )
        for speaker in entry.get("speakers", []):
            minutes_services.speaker_add(
                actor=run.actor, item=item, name=speaker["name"], title=speaker.get("title", "")
            )
        for point in entry.get("points", []):
            minutes_services.discussion_point_add(
                actor=run.actor, item=item, text=point["text"], level=point.get("level", 1)
            )
        for resolution in entry.get("resolutions", []):
            if not resolution.get("skip"):
                minutes_services.resolution_add(actor=run.actor, item=item, text=resolution["text"])
        if categories:
            minutes_services.minute_item_set_exclusion(
                actor=run.actor,
                item=item,
                categories=categories,
                public_interest_reasoning=entry.get("public_interest_reasoning", ""),
            )
        for declaration in entry.get("declarations", []):
            person = run.person(key + ".declaration", declaration["name"], "councillor")
            if person is not None:
                minutes_services.declaration_record(
                    actor=run.actor,
                    minutes=record,
                    person=person,
                    kind=declaration["kind"],
                    matter=declaration["matter"],
                    item=item,
                )

    run.step(key, what, add)
