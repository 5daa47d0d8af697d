"""The parts of a minute: speakers, points discussed and resolutions.

Each part has its own services (``speaker_add``, ``resolution_move`` ...), audited as
``minutes.<service>``; deleting and moving follow one pattern (``part_delete``,
``part_move``) keyed by the kind of part (``PartKind``: how it is ordered, what an end is
called, what its deletion records).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from scrutiny.committees.models import Person
from scrutiny.core.actors import Actor
from scrutiny.core.audit import audit_record
from scrutiny.core.versioning import claim_version
from scrutiny.minutes.drafting import (
    bump,
    close_gap,
    end_word,
    is_tracked,
    lock_item,
    normalise_order,
    swap,
)
from scrutiny.minutes.models import DiscussionPoint, MinuteItem, Resolution, Speaker


@dataclass(frozen=True)
class PartKind:
    """How one kind of part is kept in its minute, for deleting and moving it."""

    related: str  # the minute's related name: "speakers"
    field: str  # "order" (renumbered 1, 2, 3 before a swap) or "number" (kept without gaps)
    # What the refusal to move past an end says: (part, its place before, "first"/"last").
    at_end: Callable[[Any, Any, str], str]
    # The part's place as the audit records it after a move ({"to": ...} or from and to).
    place: Callable[[Any], Any]
    # Anything more its deletion records than the minute's pk.
    deleted: Callable[[Any], dict[str, Any]] = lambda part: {}
    refuse_delete: Callable[[Any], str | None] = lambda part: None


SPEAKER = PartKind(
    related="speakers",
    field="order",
    at_end=lambda speaker, _before, end: f"{speaker.name or speaker.title} is already {end}.",
    place=lambda speaker: speaker.order,
)
POINT = PartKind(
    related="points",
    field="order",
    at_end=lambda _point, _before, end: f"That point is already the {end} one.",
    place=lambda point: point.order,
)
RESOLUTION = PartKind(
    related="resolutions",
    field="number",
    at_end=lambda _resolution, before, end: f"Resolution ({before}) is already the {end} one.",
    place=lambda resolution: resolution.numeral,
    deleted=lambda resolution: {"text": resolution.text},
    refuse_delete=lambda resolution: (
        "This resolution is tracked as a recommendation; remove it from the tracker first."
        if is_tracked(Resolution.objects.filter(pk=resolution.pk))
        else None
    ),
)


def part_delete(
    *, actor: Actor, part: Any, kind: PartKind, action: str, revision: int | None
) -> None:
    """Delete a part of a draft minute (audited as ``action``); numbers close up behind it."""
    item = lock_item(actor, part.item, revision)
    if problem := kind.refuse_delete(part):
        raise ValidationError(problem)
    place = getattr(part, kind.field)
    audit_record(
        actor=actor, action=action, target=part, data={"item": item.pk, **kind.deleted(part)}
    )
    part.delete()
    if kind.field == "number":
        close_gap(getattr(item, kind.related).all(), "number", place)
    bump(item)


def part_move(
    *, actor: Actor, part: Any, kind: PartKind, action: str, direction: str, revision: int | None
) -> Any:
    """Swap a part with its neighbour (audited as ``action``); refused at either end."""
    item = lock_item(actor, part.item, revision)
    siblings = getattr(item, kind.related).all()
    if kind.field == "order":
        normalise_order(siblings)
        part.refresh_from_db()
    before = kind.place(part)
    if not swap(siblings, part, kind.field, direction):
        raise ValidationError(kind.at_end(part, before, end_word(direction)))
    bump(item)
    after = {"to": kind.place(part)}
    data = {"from": before, **after} if kind.field == "number" else after
    audit_record(actor=actor, action=action, target=part, data=data)
    return part


# Speakers: "... were in attendance and, with the consent of the Chair, addressed the meeting."


def _speaker_fields(name: str, title: str, person: Person | None) -> tuple[str, str]:
    if person is not None:
        name = name or person.display_name
        title = title or person.job_title
    if not name.strip() and not title.strip():
        raise ValidationError(
            {"name": "Enter the name or the role of the person who addressed the panel."}
        )
    return name.strip(), title.strip()


@transaction.atomic
def speaker_add(
    *,
    actor: Actor,
    item: MinuteItem,
    name: str = "",
    title: str = "",
    person: Person | None = None,
    revision: int | None = None,
) -> Speaker:
    item = lock_item(actor, item, revision)
    name, title = _speaker_fields(name, title, person)
    order = (item.speakers.aggregate(m=Max("order"))["m"] or 0) + 1
    speaker = Speaker.objects.create(item=item, person=person, name=name, title=title, order=order)
    bump(item)
    audit_record(actor=actor, action="minutes.speaker_add", target=speaker, data={"item": item.pk})
    return speaker


@transaction.atomic
def speaker_update(
    *,
    actor: Actor,
    speaker: Speaker,
    name: str,
    title: str,
    revision: int | None = None,
    version: int | None = None,
) -> Speaker:
    item = lock_item(actor, speaker.item, revision)
    speaker.name, speaker.title = _speaker_fields(name, title, None)
    claim_version(speaker, opened=version, actor=actor, what="speaker", fields=["name", "title"])
    bump(item)
    audit_record(
        actor=actor, action="minutes.speaker_update", target=speaker, data={"item": item.pk}
    )
    return speaker


@transaction.atomic
def speaker_delete(*, actor: Actor, speaker: Speaker, revision: int | None = None) -> None:
    part_delete(
        actor=actor,
        part=speaker,
        kind=SPEAKER,
        action="minutes.speaker_delete",
        revision=revision,
    )


@transaction.atomic
def speaker_move(
    *, actor: Actor, speaker: Speaker, direction: str, revision: int | None = None
) -> Speaker:
    return part_move(
        actor=actor,
        part=speaker,
        kind=SPEAKER,
        action="minutes.speaker_move",
        direction=direction,
        revision=revision,
    )


# Points discussed, at level 1 or as sub-points (level 2) of the point above them.


def _point_fields(text: str, level: int) -> str:
    if not text.strip():
        raise ValidationError({"text": "Enter the point discussed."})
    if level not in (1, 2):
        raise ValidationError({"level": "A point is at level 1 or, as a sub-point, level 2."})
    return text.strip()


@transaction.atomic
def discussion_point_add(
    *, actor: Actor, item: MinuteItem, text: str, level: int = 1, revision: int | None = None
) -> DiscussionPoint:
    item = lock_item(actor, item, revision)
    text = _point_fields(text, level)
    if level == 2 and not item.points.exists():
        raise ValidationError({"level": "A sub-point comes under a point: add the point first."})
    order = (item.points.aggregate(m=Max("order"))["m"] or 0) + 1
    point = DiscussionPoint.objects.create(item=item, text=text, level=level, order=order)
    bump(item)
    audit_record(
        actor=actor, action="minutes.discussion_point_add", target=point, data={"item": item.pk}
    )
    return point


@transaction.atomic
def discussion_point_update(
    *,
    actor: Actor,
    point: DiscussionPoint,
    text: str,
    level: int,
    revision: int | None = None,
    version: int | None = None,
) -> DiscussionPoint:
    item = lock_item(actor, point.item, revision)
    point.text = _point_fields(text, level)
    point.level = level
    claim_version(point, opened=version, actor=actor, what="point", fields=["text", "level"])
    bump(item)
    audit_record(
        actor=actor, action="minutes.discussion_point_update", target=point, data={"item": item.pk}
    )
    return point


@transaction.atomic
def discussion_point_delete(
    *, actor: Actor, point: DiscussionPoint, revision: int | None = None
) -> None:
    part_delete(
        actor=actor,
        part=point,
        kind=POINT,
        action="minutes.discussion_point_delete",
        revision=revision,
    )


@transaction.atomic
def discussion_point_move(
    *, actor: Actor, point: DiscussionPoint, direction: str, revision: int | None = None
) -> DiscussionPoint:
    return part_move(
        actor=actor,
        part=point,
        kind=POINT,
        action="minutes.discussion_point_move",
        direction=direction,
        revision=revision,
    )


# Resolutions: numbered (i), (ii), ... within their minute, without gaps.


@transaction.atomic
def resolution_add(
    *, actor: Actor, item: MinuteItem, text: str, revision: int | None = None
) -> Resolution:
    item = lock_item(actor, item, revision)
    if not text.strip():
        raise ValidationError({"text": "Enter the text of the resolution."})
    number = (item.resolutions.aggregate(m=Max("number"))["m"] or 0) + 1
    resolution = Resolution.objects.create(item=item, number=number, text=text.strip())
    bump(item)
    audit_record(
        actor=actor, action="minutes.resolution_add", target=resolution, data={"item": item.pk}
    )
    return resolution


@transaction.atomic
def resolution_update(
    *,
    actor: Actor,
    resolution: Resolution,
    text: str,
    revision: int | None = None,
    version: int | None = None,
) -> Resolution:
    item = lock_item(actor, resolution.item, revision)
    if not text.strip():
        raise ValidationError({"text": "Enter the text of the resolution."})
    resolution.text = text.strip()
    claim_version(resolution, opened=version, actor=actor, what="resolution", fields=["text"])
    bump(item)
    audit_record(
        actor=actor, action="minutes.resolution_update", target=resolution, data={"item": item.pk}
    )
    return resolution


@transaction.atomic
def resolution_delete(*, actor: Actor, resolution: Resolution, revision: int | None = None) -> None:
    part_delete(
        actor=actor,
        part=resolution,
        kind=RESOLUTION,
        action="minutes.resolution_delete",
        revision=revision,
    )


@transaction.atomic
def resolution_move(
    *, actor: Actor, resolution: Resolution, direction: str, revision: int | None = None
) -> Resolution:
    return part_move(
        actor=actor,
        part=resolution,
        kind=RESOLUTION,
        action="minutes.resolution_move",
        direction=direction,
        revision=revision,
    )
