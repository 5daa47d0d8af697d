"""What every change to draft minutes does first: lock, check the draft and the revision.

Shared by the services of the minutes (``services``) and of their parts (``parts``): the
minutes are locked while they change, approved minutes are refused, a form opened at an
older revision of the minute is refused, and numbered or ordered parts move by swapping.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import F, Model, QuerySet

from scrutiny.core.actors import Actor, require_officer
from scrutiny.minutes.models import MinuteItem, Minutes, MinutesStatus, Resolution


def require_draft(minutes: Minutes) -> None:
    if minutes.status != MinutesStatus.DRAFT:
        raise ValidationError(
            f"The minutes of {minutes.meeting.date:%-d %B %Y} have been approved as a correct "
            "record and are locked. Record an amendment agreed by the panel instead."
        )


def lock_minutes(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__panel").get(pk=minutes.pk)


def lock_item(actor: Actor, item: MinuteItem, revision: int | None) -> MinuteItem:
    """Authorise, lock the draft minutes and the minute, and refuse a stale form."""
    require_officer(actor)
    minutes = lock_minutes(item.minutes)
    require_draft(minutes)
    locked = MinuteItem.objects.select_for_update().get(pk=item.pk)
    locked.minutes = minutes
    if revision is not None and revision != locked.revision:
        raise ValidationError(
            f"Minute {locked.number} was changed by someone else after you opened it. "
            "Reload the page to see their changes, then make yours again."
        )
    return locked


def bump(item: MinuteItem) -> None:
    MinuteItem.objects.filter(pk=item.pk).update(revision=F("revision") + 1)
    item.revision += 1


def swap(queryset: QuerySet, obj: Model, field: str, direction: str) -> bool:
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


def close_gap(queryset: QuerySet, field: str, after: int) -> None:
    """Number on from ``after`` without a gap, lowest first so numbers stay unique."""
    for pk in (
        queryset.filter(**{f"{field}__gt": after}).order_by(field).values_list("pk", flat=True)
    ):
        queryset.model.objects.filter(pk=pk).update(**{field: F(field) - 1})


def normalise_order(queryset: QuerySet) -> None:
    """Give parts ordered by (order, pk) the orders 1, 2, 3 ... so that swaps are exact."""
    for position, pk in enumerate(queryset.order_by("order", "pk").values_list("pk", flat=True), 1):
        queryset.model.objects.filter(pk=pk).update(order=position)


def end_word(direction: str) -> str:
    return "first" if direction == "up" else "last"


def is_tracked(resolutions: QuerySet[Resolution]) -> bool:
    """Is any of these resolutions on the recommendations tracker (when that app is installed)?"""
    names = {relation.name for relation in Resolution._meta.related_objects}
    return "recommendation" in names and resolutions.filter(recommendation__isnull=False).exists()
