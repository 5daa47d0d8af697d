"""Every change to minutes: atomic, validated and audited.

The minutes and their minutes (items) are here; the parts of a minute (speakers, points,
resolutions) are in ``minutes.parts``, declarations in ``minutes.declarations``, publication,
approval and amendments in ``minutes.approval``: all named here, so that ``services`` is
every write.

Draft minutes may be edited freely. Once the panel approves them as a correct record they are
locked: the only change left is an amendment agreed at a later meeting, kept with its history.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import AgendaItem, Attendance, Meeting, MeetingStatus, Person
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory

# The parts of a minute, the declarations and the approval have their own modules; their
# services are the minutes' services too.
from scrutiny.minutes.approval import minutes_amend, minutes_approve, minutes_publish  # noqa: F401
from scrutiny.minutes.declarations import (  # noqa: F401
    declaration_delete,
    declaration_record,
    declaration_update,
)
from scrutiny.minutes.drafting import (
    bump,
    close_gap,
    end_word,
    is_tracked,
    lock_item,
    lock_minutes,
    require_draft,
    swap,
)
from scrutiny.minutes.models import MinuteItem, Minutes
from scrutiny.minutes.parts import (  # noqa: F401
    discussion_point_add,
    discussion_point_delete,
    discussion_point_move,
    discussion_point_update,
    resolution_add,
    resolution_delete,
    resolution_move,
    resolution_update,
    speaker_add,
    speaker_delete,
    speaker_move,
    speaker_update,
)

EDITABLE_ITEM_FIELDS = (
    "title",
    "introduction",
    "discussion_intro",
    "order_of_business_change",
    "closing_text",
)


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
    minutes = lock_minutes(minutes)
    require_draft(minutes)
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
    item = lock_item(actor, item, revision)
    if "title" in changes and not changes["title"].strip():
        raise ValidationError({"title": "Enter the title of the minute."})
    before = {name: getattr(item, name) for name in changes}
    for name, value in changes.items():
        setattr(item, name, value.strip() if name == "title" else value)
    item.save(update_fields=list(changes))
    bump(item)
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
    item = lock_item(actor, item, revision)
    if is_tracked(item.resolutions.all()):
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
    close_gap(minutes.items.all(), "number", number)


@transaction.atomic
def minute_item_move(
    *, actor: Actor, item: MinuteItem, direction: str, revision: int | None = None
) -> MinuteItem:
    """Move a minute up or down: it swaps numbers with its neighbour."""
    item = lock_item(actor, item, revision)
    before = item.number
    if not swap(item.minutes.items.all(), item, "number", direction):
        raise ValidationError(f"Minute {before} is already the {end_word(direction)} minute.")
    bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_move",
        target=item,
        data={"from": before, "to": item.number},
    )
    return item


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
    lock_minutes(item.minutes)
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
    bump(item)
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
    lock_minutes(item.minutes)
    item = MinuteItem.objects.select_for_update().select_related("minutes").get(pk=item.pk)
    if not item.is_exempt:
        raise ValidationError(f"Minute {item.number} is not exempt; there is nothing to release.")
    if item.released_at is not None:
        raise ValidationError(f"Minute {item.number} has already been released.")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason for releasing the minute."})
    item.released_at, item.release_reason = timezone.now(), reason.strip()
    item.save(update_fields=["released_at", "release_reason"])
    bump(item)
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
    item = lock_item(actor, item, revision)
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
    bump(item)
    audit_record(
        actor=actor,
        action="minutes.minute_item_set_exclusion",
        target=item,
        data={"categories": [c.code for c in categories]},
    )
    return item


@transaction.atomic
def minutes_record_attendance(
    *, actor: Actor, minutes: Minutes, person: Person, status: str
) -> Attendance:
    """Attendance as minuted: refused once the minutes are locked."""
    require_officer(actor)
    require_draft(lock_minutes(minutes))
    return committees_services.attendance_record(
        actor=actor, meeting=minutes.meeting, person=person, status=status
    )
