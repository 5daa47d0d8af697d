"""Every change to minutes: atomic, validated and audited.

Draft minutes may be edited freely. Once the panel approves them as a correct record they are
locked: the only change left is an amendment agreed at a later meeting, kept with its history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Model, QuerySet
from django.utils import timezone

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import (
    MINUTES_APPROVAL,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Person,
)
from scrutiny.core import signals
from scrutiny.core.actors import Actor, require_officer, user_of
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory
from scrutiny.core.versioning import claim_version
from scrutiny.interests.models import Interest
from scrutiny.minutes.models import (
    MINUTES_WORKFLOW,
    Amendment,
    Declaration,
    DeclarationKind,
    DiscussionPoint,
    MinuteItem,
    Minutes,
    MinutesStatus,
    Resolution,
    Speaker,
)

EDITABLE_ITEM_FIELDS = (
    "title",
    "introduction",
    "discussion_intro",
    "order_of_business_change",
    "closing_text",
)


def _require_draft(minutes: Minutes) -> None:
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(
            f"The minutes of {minutes.meeting.date:%-d %B %Y} have been approved as a correct "
            "record and are locked. Record an amendment agreed by the panel instead."
        )


def _lock(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__panel").get(pk=minutes.pk)


def _lock_item(actor: Actor, item: MinuteItem, revision: int | None) -> MinuteItem:
    """Authorise, lock the draft minutes and the minute, and refuse a stale form."""
    require_officer(actor)
    minutes = _lock(item.minutes)
    _require_draft(minutes)
    locked = MinuteItem.objects.select_for_update().get(pk=item.pk)
    locked.minutes = minutes
    if revision is not None and revision != locked.revision:
        raise ValidationError(
            f"Minute {locked.number} was changed by someone else after you opened it. "
            "Reload the page to see their changes, then make yours again."
        )
    return locked


def _bump(item: MinuteItem) -> None:
    MinuteItem.objects.filter(pk=item.pk).update(revision=F("revision") + 1)
    item.revision += 1


def _swap(queryset: QuerySet, obj: Model, field: str, direction: str) -> bool:
    """Swap ``obj`` with its neighbour in ``queryset`` ordered by ``field``.

    Returns False at either end. Numbers stay unique: the first is parked at 0 meanwhile.
    """
    if direction not in ("up", "down"):
        raise ValidationError({"direction": "Move a part up or down."})
    value = getattr(obj, field)
    if direction == "up":
        neighbour = queryset.filter(**{f"{field}__lt": value}).order_by(f"-{field}").first()
    else:
        neighbour = queryset.filter(**{f"{field}__gt": value}).order_by(field).first()
    if neighbour is None:
        return False
    other = getattr(neighbour, field)
    rows = queryset.model._default_manager
    rows.filter(pk=obj.pk).update(**{field: 0})
    rows.filter(pk=neighbour.pk).update(**{field: value})
    rows.filter(pk=obj.pk).update(**{field: other})
    setattr(obj, field, other)
    return True


def _close_gap(queryset: QuerySet, field: str, after: int) -> None:
    """Number on from ``after`` without a gap, lowest first so numbers stay unique."""
    for pk in (
        queryset.filter(**{f"{field}__gt": after}).order_by(field).values_list("pk", flat=True)
    ):
        queryset.model.objects.filter(pk=pk).update(**{field: F(field) - 1})


def _normalise_order(queryset: QuerySet) -> None:
    """Give parts ordered by (order, pk) the orders 1, 2, 3 ... so that swaps are exact."""
    for position, pk in enumerate(queryset.order_by("order", "pk").values_list("pk", flat=True), 1):
        queryset.model.objects.filter(pk=pk).update(order=position)


def _first_number(meeting: Meeting) -> int:
    """Minute numbers run on through the municipal year."""
    earlier = MinuteItem.objects.filter(
        minutes__meeting__panel_id=meeting.panel_id,
        minutes__meeting__date__lt=meeting.date,
    )
    if meeting.municipal_year_id:
        earlier = earlier.filter(minutes__meeting__municipal_year_id=meeting.municipal_year_id)
    return (earlier.aggregate(m=Max("number"))["m"] or 0) + 1


@transaction.atomic
def minutes_create(*, actor: Actor, meeting: Meeting, from_agenda: bool = False) -> Minutes:
    """Start the minutes of a held meeting; ``from_agenda`` adds one minute per agenda item.

    A minute started from an exempt agenda item inherits its category and reasons, and is
    withheld from the public until an officer releases it.
    """
    require_officer(actor)
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            f"Minutes can only be started for a meeting that has been held; this meeting is "
            f"{meeting.get_status_display().lower()}."
        )
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError("This meeting already has minutes.")
    minutes = Minutes.objects.create(meeting=meeting)
    audit_record(
        actor=actor,
        action="minutes.minutes_create",
        target=minutes,
        to_state=minutes.status,
        data={"from_agenda": from_agenda},
    )
    if from_agenda:
        for agenda_item in meeting.agenda_items.select_related("exempt_category").order_by(
            "number"
        ):
            minute_item_add(
                actor=actor,
                minutes=minutes,
                title=agenda_item.title,
                agenda_item=agenda_item,
                is_exempt=agenda_item.is_exempt,
                exempt_category=agenda_item.exempt_category,
                exempt_reasons=agenda_item.exempt_reasons,
            )
    return minutes


@transaction.atomic
def minute_item_add(
    *,
    actor: Actor,
    minutes: Minutes,
    title: str,
    number: int | None = None,
    agenda_item: AgendaItem | None = None,
    introduction: str = "",
    discussion_intro: str = "",
    order_of_business_change: str = "",
    closing_text: str = "",
    is_exempt: bool = False,
    exempt_category: ExemptCategory | None = None,
    exempt_reasons: str = "",
) -> MinuteItem:
    require_officer(actor)
    minutes = _lock(minutes)
    _require_draft(minutes)
    if not title.strip():
        raise ValidationError({"title": "Enter the title of the minute."})
    if agenda_item is not None and agenda_item.meeting_id != minutes.meeting_id:
        raise ValidationError({"agenda_item": "That agenda item belongs to another meeting."})
    if agenda_item is not None and agenda_item.is_exempt and not is_exempt:
        # The agenda item was taken in private: so is its minute, until an officer releases it.
        is_exempt, exempt_category = True, agenda_item.exempt_category
        exempt_reasons = exempt_reasons or agenda_item.exempt_reasons
    if is_exempt and exempt_category is None:
        raise ValidationError(
            {"exempt_category": "A minute taken in private needs its exempt category."}
        )
    if number is None:
        highest = minutes.items.aggregate(m=Max("number"))["m"]
        number = highest + 1 if highest else _first_number(minutes.meeting)
    elif minutes.items.filter(number=number).exists():
        raise ValidationError({"number": f"Minute {number} already exists."})
    item = MinuteItem.objects.create(
        minutes=minutes,
        number=number,
        agenda_item=agenda_item,
        title=title.strip(),
        introduction=introduction,
        discussion_intro=discussion_intro,
        order_of_business_change=order_of_business_change,
        closing_text=closing_text,
        is_exempt=is_exempt,
        exempt_category=exempt_category if is_exempt else None,
        exempt_reasons=exempt_reasons.strip() if is_exempt else "",
    )
    audit_record(
        actor=actor,
        action="minutes.minute_item_add",
        target=item,
        to_state="exempt" if is_exempt else "public",
        data={"minutes": minutes.pk},
    )
    return item


@transaction.atomic
def minute_item_update(
    *, actor: Actor, item: MinuteItem, revision: int | None = None, **changes: str
) -> MinuteItem:
    unknown = set(changes) - set(EDITABLE_ITEM_FIELDS)
    if unknown:
        raise ValidationError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    item = _lock_item(actor, item, revision)
    if "title" in changes and not changes["title"].strip():
        raise ValidationError({"title": "Enter the title of the minute."})
    before = {name: getattr(item, name) for name in changes}
    for name, value in changes.items():
        setattr(item, name, value.strip() if name == "title" else value)
    item.save(update_fields=list(changes))
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_update",
        target=item,
        data={"changed": sorted(n for n in changes if before[n] != getattr(item, n))},
    )
    return item


@transaction.atomic
def minute_item_delete(*, actor: Actor, item: MinuteItem, revision: int | None = None) -> None:
    """Remove a minute from draft minutes; the minutes after it are numbered on without a gap."""
    item = _lock_item(actor, item, revision)
    if _tracked(item.resolutions.all()):
        raise ValidationError(
            f"A resolution of minute {item.number} is tracked as a recommendation; "
            "remove it from the tracker first."
        )
    number, minutes, label = item.number, item.minutes, str(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_delete",
        target=item,
        data={"minutes": minutes.pk, "number": number, "title": label},
    )
    item.delete()
    _close_gap(minutes.items.all(), "number", number)


@transaction.atomic
def minute_item_move(
    *, actor: Actor, item: MinuteItem, direction: str, revision: int | None = None
) -> MinuteItem:
    """Move a minute up or down: it swaps numbers with its neighbour."""
    item = _lock_item(actor, item, revision)
    before = item.number
    if not _swap(item.minutes.items.all(), item, "number", direction):
        raise ValidationError(f"Minute {before} is already the {_end(direction)} minute.")
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_move",
        target=item,
        data={"from": before, "to": item.number},
    )
    return item


def _end(direction: str) -> str:
    return "first" if direction == "up" else "last"


@transaction.atomic
def minute_item_set_exempt(
    *,
    actor: Actor,
    item: MinuteItem,
    is_exempt: bool,
    exempt_category: ExemptCategory | None = None,
    exempt_reasons: str = "",
    reason: str = "",
) -> MinuteItem:
    """Change whether a minute is exempt, also after approval: access, not the record, changes.

    Making a minute exempt withholds it again even if it had been released.
    """
    require_officer(actor)
    _lock(item.minutes)
    item = MinuteItem.objects.select_for_update().select_related("minutes").get(pk=item.pk)
    if is_exempt and exempt_category is None:
        raise ValidationError(
            {"exempt_category": "A minute taken in private needs its exempt category."}
        )
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for changing the exemption."})
    before = "exempt" if item.is_exempt else "public"
    item.is_exempt = is_exempt
    item.exempt_category = exempt_category if is_exempt else None
    item.exempt_reasons = exempt_reasons.strip() if is_exempt else ""
    item.released_at, item.release_reason = None, ""
    item.save(
        update_fields=[
            "is_exempt",
            "exempt_category",
            "exempt_reasons",
            "released_at",
            "release_reason",
        ]
    )
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_set_exempt",
        target=item,
        from_state=before,
        to_state="exempt" if is_exempt else "public",
        data={
            "category": exempt_category.code if is_exempt and exempt_category else None,
            "reason": reason.strip(),
        },
    )
    return item


@transaction.atomic
def minute_item_release(*, actor: Actor, item: MinuteItem, reason: str) -> MinuteItem:
    """Release an exempt minute for publication (for example once the reasons have lapsed)."""
    require_officer(actor)
    _lock(item.minutes)
    item = MinuteItem.objects.select_for_update().select_related("minutes").get(pk=item.pk)
    if not item.is_exempt:
        raise ValidationError(f"Minute {item.number} is not exempt; there is nothing to release.")
    if item.released_at is not None:
        raise ValidationError(f"Minute {item.number} has already been released.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for releasing the minute."})
    item.released_at, item.release_reason = timezone.now(), reason.strip()
    item.save(update_fields=["released_at", "release_reason"])
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_release",
        target=item,
        from_state="withheld",
        to_state="released",
        data={"reason": item.release_reason},
    )
    return item


@transaction.atomic
def minute_item_set_exclusion(
    *,
    actor: Actor,
    item: MinuteItem,
    categories: Iterable[ExemptCategory],
    public_interest_reasoning: str,
    revision: int | None = None,
) -> MinuteItem:
    """Record that the press and public were excluded, on which grounds and why."""
    item = _lock_item(actor, item, revision)
    categories = list(categories)
    if not categories:
        raise ValidationError({"categories": "Choose at least one exempt-information category."})
    needs_test = any(not c.is_confidential for c in categories)
    if needs_test and not public_interest_reasoning.strip():
        raise ValidationError(
            {
                "public_interest_reasoning": "Say why the public interest in withholding the "
                "information outweighs the public interest in disclosing it."
            }
        )
    item.excludes_public = True
    item.public_interest_reasoning = public_interest_reasoning.strip()
    item.save(update_fields=["excludes_public", "public_interest_reasoning"])
    item.exclusion_categories.set(categories)
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_set_exclusion",
        target=item,
        data={"categories": [c.code for c in categories]},
    )
    return item


def _tracked(resolutions: QuerySet[Resolution]) -> bool:
    """Is any of these resolutions on the recommendations tracker (when that app is installed)?"""
    names = {relation.name for relation in Resolution._meta.related_objects}
    return "recommendation" in names and resolutions.filter(recommendation__isnull=False).exists()


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
    item = _lock_item(actor, item, revision)
    name, title = _speaker_fields(name, title, person)
    order = (item.speakers.aggregate(m=Max("order"))["m"] or 0) + 1
    speaker = Speaker.objects.create(item=item, person=person, name=name, title=title, order=order)
    _bump(item)
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
    item = _lock_item(actor, speaker.item, revision)
    speaker.name, speaker.title = _speaker_fields(name, title, None)
    claim_version(speaker, opened=version, actor=actor, what="speaker", fields=["name", "title"])
    _bump(item)
    audit_record(
        actor=actor, action="minutes.speaker_update", target=speaker, data={"item": item.pk}
    )
    return speaker


@transaction.atomic
def speaker_delete(*, actor: Actor, speaker: Speaker, revision: int | None = None) -> None:
    item = _lock_item(actor, speaker.item, revision)
    audit_record(
        actor=actor, action="minutes.speaker_delete", target=speaker, data={"item": item.pk}
    )
    speaker.delete()
    _bump(item)


@transaction.atomic
def speaker_move(
    *, actor: Actor, speaker: Speaker, direction: str, revision: int | None = None
) -> Speaker:
    item = _lock_item(actor, speaker.item, revision)
    _normalise_order(item.speakers.all())
    speaker.refresh_from_db()
    if not _swap(item.speakers.all(), speaker, "order", direction):
        raise ValidationError(f"{speaker.name or speaker.title} is already {_end(direction)}.")
    _bump(item)
    audit_record(
        actor=actor, action="minutes.speaker_move", target=speaker, data={"to": speaker.order}
    )
    return speaker


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
    item = _lock_item(actor, item, revision)
    text = _point_fields(text, level)
    if level == 2 and not item.points.exists():
        raise ValidationError({"level": "A sub-point comes under a point: add the point first."})
    order = (item.points.aggregate(m=Max("order"))["m"] or 0) + 1
    point = DiscussionPoint.objects.create(item=item, text=text, level=level, order=order)
    _bump(item)
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
    item = _lock_item(actor, point.item, revision)
    point.text = _point_fields(text, level)
    point.level = level
    claim_version(point, opened=version, actor=actor, what="point", fields=["text", "level"])
    _bump(item)
    audit_record(
        actor=actor, action="minutes.discussion_point_update", target=point, data={"item": item.pk}
    )
    return point


@transaction.atomic
def discussion_point_delete(
    *, actor: Actor, point: DiscussionPoint, revision: int | None = None
) -> None:
    item = _lock_item(actor, point.item, revision)
    audit_record(
        actor=actor, action="minutes.discussion_point_delete", target=point, data={"item": item.pk}
    )
    point.delete()
    _bump(item)


@transaction.atomic
def discussion_point_move(
    *, actor: Actor, point: DiscussionPoint, direction: str, revision: int | None = None
) -> DiscussionPoint:
    item = _lock_item(actor, point.item, revision)
    _normalise_order(item.points.all())
    point.refresh_from_db()
    if not _swap(item.points.all(), point, "order", direction):
        raise ValidationError(f"That point is already the {_end(direction)} one.")
    _bump(item)
    audit_record(
        actor=actor, action="minutes.discussion_point_move", target=point, data={"to": point.order}
    )
    return point


# Resolutions: numbered (i), (ii), ... within their minute, without gaps.


@transaction.atomic
def resolution_add(
    *, actor: Actor, item: MinuteItem, text: str, revision: int | None = None
) -> Resolution:
    item = _lock_item(actor, item, revision)
    if not text.strip():
        raise ValidationError({"text": "Enter the text of the resolution."})
    number = (item.resolutions.aggregate(m=Max("number"))["m"] or 0) + 1
    resolution = Resolution.objects.create(item=item, number=number, text=text.strip())
    _bump(item)
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
    item = _lock_item(actor, resolution.item, revision)
    if not text.strip():
        raise ValidationError({"text": "Enter the text of the resolution."})
    resolution.text = text.strip()
    claim_version(resolution, opened=version, actor=actor, what="resolution", fields=["text"])
    _bump(item)
    audit_record(
        actor=actor, action="minutes.resolution_update", target=resolution, data={"item": item.pk}
    )
    return resolution


@transaction.atomic
def resolution_delete(*, actor: Actor, resolution: Resolution, revision: int | None = None) -> None:
    item = _lock_item(actor, resolution.item, revision)
    if _tracked(Resolution.objects.filter(pk=resolution.pk)):
        raise ValidationError(
            "This resolution is tracked as a recommendation; remove it from the tracker first."
        )
    number = resolution.number
    audit_record(
        actor=actor,
        action="minutes.resolution_delete",
        target=resolution,
        data={"item": item.pk, "text": resolution.text},
    )
    resolution.delete()
    _close_gap(item.resolutions.all(), "number", number)
    _bump(item)


@transaction.atomic
def resolution_move(
    *, actor: Actor, resolution: Resolution, direction: str, revision: int | None = None
) -> Resolution:
    item = _lock_item(actor, resolution.item, revision)
    before = resolution.numeral
    if not _swap(item.resolutions.all(), resolution, "number", direction):
        raise ValidationError(f"Resolution ({before}) is already the {_end(direction)} one.")
    _bump(item)
    audit_record(
        actor=actor,
        action="minutes.resolution_move",
        target=resolution,
        data={"from": before, "to": resolution.numeral},
    )
    return resolution


# Declarations made at the meeting.


def _check_declaration(
    minutes: Minutes,
    person: Person,
    kind: str,
    matter: str,
    item: MinuteItem | None,
    interest: Interest | None = None,
) -> None:
    if kind not in DeclarationKind.values:
        raise ValidationError({"kind": f"Unknown kind of declaration: {kind}"})
    if person.kind == Person.Kind.OFFICER:
        raise ValidationError(
            {"person": "Only members of the panel make declarations in the minutes."}
        )
    if not matter.strip():
        raise ValidationError({"matter": "Say what the interest is."})
    if item is not None and item.minutes_id != minutes.pk:
        raise ValidationError({"item": "That minute belongs to another meeting."})
    if interest is not None and interest.person_id != person.pk:
        raise ValidationError(
            {"interest": f"That entry is on another member's register, not {person}'s."}
        )


@transaction.atomic
def declaration_record(
    *,
    actor: Actor,
    minutes: Minutes,
    person: Person,
    kind: str,
    matter: str,
    item: MinuteItem | None = None,
    interest: Interest | None = None,
) -> Declaration:
    """Record a declaration; ``interest`` is the register entry it relates to, if any."""
    require_officer(actor)
    _require_draft(_lock(minutes))
    _check_declaration(minutes, person, kind, matter, item, interest)
    declaration = Declaration.objects.create(
        minutes=minutes,
        person=person,
        kind=kind,
        matter=matter.strip(),
        item=item,
        interest=interest,
    )
    audit_record(
        actor=actor, action="minutes.declaration_record", target=declaration, to_state=kind
    )
    return declaration


@transaction.atomic
def declaration_update(
    *,
    actor: Actor,
    declaration: Declaration,
    person: Person,
    kind: str,
    matter: str,
    item: MinuteItem | None = None,
    interest: Interest | None = None,
) -> Declaration:
    require_officer(actor)
    minutes = _lock(declaration.minutes)
    _require_draft(minutes)
    _check_declaration(minutes, person, kind, matter, item, interest)
    before = declaration.kind
    declaration.person, declaration.kind, declaration.item = person, kind, item
    declaration.matter, declaration.interest = matter.strip(), interest
    declaration.save(update_fields=["person", "kind", "item", "matter", "interest"])
    audit_record(
        actor=actor,
        action="minutes.declaration_update",
        target=declaration,
        from_state=before,
        to_state=kind,
    )
    return declaration


@transaction.atomic
def declaration_delete(*, actor: Actor, declaration: Declaration) -> None:
    require_officer(actor)
    _require_draft(_lock(declaration.minutes))
    audit_record(
        actor=actor,
        action="minutes.declaration_delete",
        target=declaration,
        data={"person": declaration.person_id, "kind": declaration.kind},
    )
    declaration.delete()


@transaction.atomic
def minutes_record_attendance(
    *, actor: Actor, minutes: Minutes, person: Person, status: str
) -> Attendance:
    """Attendance as minuted: refused once the minutes are locked."""
    require_officer(actor)
    _require_draft(_lock(minutes))
    return committees_services.attendance_record(
        actor=actor, meeting=minutes.meeting, person=person, status=status
    )


@transaction.atomic
def minutes_publish(*, actor: Actor, minutes: Minutes, when: datetime | None = None) -> Minutes:
    """Publish the (draft) minutes. Withheld minutes are published as a placeholder only."""
    require_officer(actor)
    minutes = _lock(minutes)
    if minutes.published_at is not None:
        raise ValidationError("These minutes are already published.")
    if not minutes.items.exists():
        raise ValidationError("Add at least one minute before publishing.")
    minutes.published_at = when or timezone.now()
    minutes.save(update_fields=["published_at"])
    audit_record(
        actor=actor,
        action="minutes.minutes_publish",
        target=minutes,
        data={"at": minutes.published_at.isoformat()},
    )
    signals.minutes_published.send(sender=Minutes, minutes=minutes)
    return minutes


@transaction.atomic
def minutes_approve(
    *,
    actor: Actor,
    minutes: Minutes,
    at_meeting: Meeting | None = None,
    approved_on: date | None = None,
) -> Minutes:
    """The panel agrees the minutes as a correct record at a later meeting; they are locked.

    ``at_meeting`` is that meeting. Archive minutes whose approving meeting is not in the
    system are approved with ``approved_on`` alone.
    """
    require_officer(actor)
    minutes = _lock(minutes)
    MINUTES_WORKFLOW.check(minutes.status, MinutesStatus.APPROVED, what="set of minutes")
    meeting = minutes.meeting
    if at_meeting is None and approved_on is None:
        raise ValidationError({"at_meeting": "Choose the meeting that approved the minutes."})
    if at_meeting is not None:
        if at_meeting.panel_id != meeting.panel_id:
            raise ValidationError(
                {"at_meeting": "Minutes are approved by a meeting of the same panel."}
            )
        approved_on = at_meeting.date
    assert approved_on is not None
    if approved_on <= meeting.date:
        raise ValidationError({"at_meeting": "Minutes are approved at a later meeting."})
    if approved_on > timezone.localdate():
        raise ValidationError({"at_meeting": "That meeting has not taken place yet."})
    if not minutes.items.exists():
        raise ValidationError("Minutes with no items cannot be approved.")
    previous = minutes.status
    minutes.status = MinutesStatus.APPROVED
    minutes.approved_at_meeting = at_meeting
    minutes.approved_on = approved_on
    if minutes.published_at is None:
        minutes.published_at = timezone.now()
    minutes.save(update_fields=["status", "approved_at_meeting", "approved_on", "published_at"])
    if meeting.status == MeetingStatus.HELD:
        committees_services.meeting_transition_owned(
            actor=actor, owner=MINUTES_APPROVAL, meeting=meeting, to=MeetingStatus.MINUTES_APPROVED
        )
    audit_record(
        actor=actor,
        action="minutes.minutes_approve",
        target=minutes,
        from_state=previous,
        to_state=minutes.status,
        data={"at_meeting": at_meeting.pk if at_meeting else None, "on": approved_on.isoformat()},
    )
    return minutes


@transaction.atomic
def minutes_amend(
    *,
    actor: Actor,
    item: MinuteItem,
    field: str,
    text: str,
    reason: str,
    agreed_at: Meeting,
    resolution: Resolution | None = None,
) -> Amendment:
    """Correct approved minutes, as the panel agreed at a later meeting; the old text is kept."""
    require_officer(actor)
    minutes = _lock(item.minutes)
    if minutes.status != MinutesStatus.APPROVED:
        raise ValidationError(
            "Draft minutes are corrected by editing them; amendments are for approved minutes."
        )
    if field not in Amendment.Field.values:
        raise ValidationError({"field": f"Unknown part of a minute: {field}"})
    if not text.strip():
        raise ValidationError({"text": "Enter the amended text."})
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for the amendment."})
    if agreed_at.panel_id != minutes.meeting.panel_id or agreed_at.date < (
        minutes.approved_on or date.min
    ):
        raise ValidationError(
            {
                "agreed_at": "An amendment is agreed at a meeting of the panel held on or after the approval."
            }
        )
    if field == Amendment.Field.RESOLUTION:
        if resolution is None or resolution.item_id != item.pk:
            raise ValidationError({"resolution": "Choose a resolution of this minute."})
        before = resolution.text
        resolution.text = text.strip()
        resolution.save(update_fields=["text"])
    else:
        before = getattr(item, field)
        setattr(item, field, text.strip())
        item.save(update_fields=[field])
    amendment = Amendment.objects.create(
        minutes=minutes,
        item=item,
        resolution=resolution if field == Amendment.Field.RESOLUTION else None,
        field=field,
        before=before,
        after=text.strip(),
        reason=reason.strip(),
        agreed_at_meeting=agreed_at,
        recorded_by=user_of(actor),
    )
    audit_record(
        actor=actor,
        action="minutes.minutes_amend",
        target=minutes,
        data={"item": item.pk, "field": field, "amendment": amendment.pk},
    )
    return amendment
