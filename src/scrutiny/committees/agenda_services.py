"""Editing an agenda: add, change, reorder and delete items, their pages and exemption;
atomic, validated, versioned, audited.

Before the agenda is published items may be changed, moved and deleted freely. Once it is
published the numbers are fixed: an item may still be changed, but each change is recorded
as a dated change to the published agenda (it goes out on a supplementary agenda), never a
silent edit.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from scrutiny.committees.meeting_services import meeting_change_record
from scrutiny.committees.models import (
    AgendaItem,
    AgendaItemKind,
    Meeting,
    MeetingChange,
    MeetingStatus,
    Person,
)
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory
from scrutiny.core.versioning import claim_version

ITEM_FIELDS = {
    "title": "title",
    "kind": "kind",
    "summary": "summary",
    "report_author": "report author",
    "is_exempt": "exemption",
    "exempt_category": "exempt category",
    "exempt_reasons": "reasons for exemption",
}
CLOSED = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItemKind.REPORT,
    summary: str = "",
    report_author: Person | None = None,
    is_exempt: bool = False,
    exempt_category: ExemptCategory | None = None,
    exempt_reasons: str = "",
    page_start: int | None = None,
    page_end: int | None = None,
) -> AgendaItem:
    require_officer(actor)
    if meeting.status in (
        MeetingStatus.HELD,
        MeetingStatus.MINUTES_APPROVED,
        MeetingStatus.CANCELLED,
    ):
        raise ValidationError(
            f"Items cannot be added to a meeting that is {meeting.get_status_display().lower()}."
        )
    _check_exempt(is_exempt, exempt_category, exempt_reasons)
    _check_pages(page_start, page_end)
    if not title.strip():
        raise ValidationError({"title": "Enter the item's title."})
    # Locked, so two officers adding at once get the next numbers, not a clash.
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    number = (meeting.agenda_items.aggregate(m=Max("number"))["m"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        title=title,
        kind=kind,
        summary=summary,
        report_author=report_author,
        is_exempt=is_exempt,
        exempt_category=exempt_category,
        exempt_reasons=exempt_reasons,
        page_start=page_start,
        page_end=page_end,
    )
    audit_record(
        actor=actor, action="committees.agenda_item_add", target=item, data={"meeting": meeting.pk}
    )
    if meeting.agenda_is_published:
        meeting_change_record(
            actor=actor,
            meeting=meeting,
            kind=MeetingChange.Kind.ITEM_ADDED,
            description=f"Item {item.number} added: {item.title}.",
            item=item,
        )
    return item


@transaction.atomic
def agenda_item_set_pages(
    *, actor: Actor, item: AgendaItem, page_start: int | None, page_end: int | None
) -> AgendaItem:
    require_officer(actor)
    _check_pages(page_start, page_end)
    item.page_start, item.page_end = page_start, page_end
    item.save(update_fields=["page_start", "page_end"])
    audit_record(
        actor=actor,
        action="committees.agenda_item_set_pages",
        target=item,
        data={"pages": [page_start, page_end]},
    )
    return item


@transaction.atomic
def agenda_item_set_exempt(
    *,
    actor: Actor,
    item: AgendaItem,
    is_exempt: bool,
    exempt_category: ExemptCategory | None = None,
    exempt_reasons: str = "",
) -> AgendaItem:
    """Take the whole item in private, or release it; its papers follow (documents)."""
    require_officer(actor, "Only democratic services officers change an item's exemption.")
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _check_exempt(is_exempt, exempt_category, exempt_reasons)
    before = item.is_exempt
    item.is_exempt, item.exempt_category, item.exempt_reasons = (
        is_exempt,
        exempt_category,
        exempt_reasons,
    )
    item.save(update_fields=["is_exempt", "exempt_category", "exempt_reasons"])
    audit_record(
        actor=actor,
        action="committees.agenda_item_set_exempt",
        target=item,
        from_state="exempt" if before else "public",
        to_state="exempt" if is_exempt else "public",
        data={
            "category": exempt_category.code if exempt_category else "",
            "reasons": exempt_reasons,
        },
    )
    return item


def _check_exempt(is_exempt: bool, category: ExemptCategory | None, reasons: str) -> None:
    if is_exempt and category is None:
        raise ValidationError(
            {"exempt_category": "An exempt item needs its exempt-information category."}
        )
    if is_exempt and not reasons.strip():
        raise ValidationError({"exempt_reasons": "Say why the information is exempt."})


def _check_pages(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({"page_end": "The last page cannot come before the first."})


def _open_meeting(item: AgendaItem) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    if meeting.status in CLOSED:
        raise ValidationError(
            f"The agenda of a meeting that is {meeting.get_status_display().lower()} cannot "
            "be changed."
        )
    return meeting


def _unpublished(meeting: Meeting, doing: str) -> None:
    if meeting.agenda_is_published:
        raise ValidationError(
            f"The agenda has been published, so items can no longer be {doing}: the published "
            "numbers stand. Change the item instead; the change is recorded on the agenda."
        )


@transaction.atomic
def agenda_item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    opened_version: int | None = None,
    reason: str = "",
    **values: Any,
) -> AgendaItem:
    """Change an item's title, kind, summary, author or exemption."""
    require_officer(actor)
    unknown = set(values) - set(ITEM_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    meeting = _open_meeting(item)
    item = AgendaItem.objects.get(pk=item.pk)
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError({"title": "Enter the item's title."})
    if "kind" in values and values["kind"] not in AgendaItemKind.values:
        raise ValidationError({"kind": f"Unknown kind of item: {values['kind']}"})
    is_exempt = values.get("is_exempt", item.is_exempt)
    if not is_exempt:
        values.update(exempt_category=None, exempt_reasons="")
    _check_exempt(
        is_exempt,
        values.get("exempt_category", item.exempt_category),
        values.get("exempt_reasons", item.exempt_reasons),
    )
    changed = [name for name, value in values.items() if getattr(item, name) != value]
    if not changed:
        raise ValidationError("Nothing has changed.")
    if meeting.agenda_is_published and not reason.strip():
        raise ValidationError(
            {"reason": "The agenda is published: say why the item changed (it is shown publicly)."}
        )
    before = {name: str(getattr(item, name) or "") for name in changed}
    for name in changed:
        setattr(item, name, values[name])
    claim_version(item, opened=opened_version, actor=actor, what="agenda item", fields=changed)
    audit_record(
        actor=actor,
        action="committees.agenda_item_update",
        target=item,
        data={
            "changes": {n: [before[n], str(getattr(item, n) or "")] for n in changed},
            "reason": reason,
        },
    )
    if meeting.agenda_is_published:
        meeting_change_record(
            actor=actor,
            meeting=meeting,
            kind=MeetingChange.Kind.ITEM_CHANGED,
            description=f"Item {item.number} {item.title}: "
            + ", ".join(ITEM_FIELDS[n] for n in changed)
            + " changed.",
            reason=reason,
            item=item,
        )
    return item


@transaction.atomic
def agenda_item_move(*, actor: Actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap an item with the one above ("up") or below ("down") on an unpublished agenda."""
    require_officer(actor)
    if direction not in ("up", "down"):
        raise ValidationError(f"Unknown direction: {direction}")
    meeting = _open_meeting(item)
    _unpublished(meeting, "moved")
    item = AgendaItem.objects.get(pk=item.pk)
    neighbours = meeting.agenda_items.exclude(pk=item.pk)
    other = (
        neighbours.filter(number__lt=item.number).order_by("-number").first()
        if direction == "up"
        else neighbours.filter(number__gt=item.number).order_by("number").first()
    )
    if other is None:
        raise ValidationError(
            f"Item {item.number} is already the {'first' if direction == 'up' else 'last'}."
        )
    mine, theirs = item.number, other.number
    # Through a free number, as each item's number is unique on its agenda.
    AgendaItem.objects.filter(pk=item.pk).update(number=0)
    AgendaItem.objects.filter(pk=other.pk).update(number=mine)
    item.number = theirs
    claim_version(item, opened=None, actor=actor, what="agenda item", fields=["number"])
    other.refresh_from_db()
    claim_version(other, opened=None, actor=actor, what="agenda item", fields=[])
    audit_record(
        actor=actor,
        action="committees.agenda_item_move",
        target=item,
        data={"from": mine, "to": theirs},
    )
    return item


def _attached(item: AgendaItem) -> list[str]:
    """What other apps hold against the item (papers, appendices, minutes), by name.

    Read through the model's reverse relations, so this app need not know those apps.
    """
    found = []
    for relation in AgendaItem._meta.related_objects:
        if relation.related_model is MeetingChange or relation.many_to_many:
            continue
        related = relation.related_model._default_manager.filter(**{relation.field.name: item})
        if related.exists():
            found.append(str(relation.related_model._meta.verbose_name_plural))
    return found


@transaction.atomic
def agenda_item_delete(
    *, actor: Actor, item: AgendaItem, opened_version: int | None = None
) -> None:
    """Delete an item from an unpublished agenda; the items after it move up."""
    require_officer(actor)
    meeting = _open_meeting(item)
    _unpublished(meeting, "deleted")
    item = AgendaItem.objects.get(pk=item.pk)
    attached = _attached(item)
    if attached:
        raise ValidationError(
            f"Item {item.number} has {', '.join(attached)} attached: remove them first, so "
            "nothing is lost with the item."
        )
    if opened_version is not None:
        # Refused if someone changed the item since the officer decided to delete it.
        claim_version(item, opened=opened_version, actor=actor, what="agenda item")
    audit_record(
        actor=actor,
        action="committees.agenda_item_delete",
        target=item,
        data={"number": item.number, "title": item.title},
    )
    number = item.number
    item.delete()
    for later in meeting.agenda_items.filter(number__gt=number).order_by("number"):
        later.number -= 1
        claim_version(later, opened=None, actor=actor, what="agenda item", fields=["number"])
