"""No lost updates: records two people may edit at once carry a version.

A form carries the version the officer opened. Saving claims the next version with one
conditional UPDATE (``WHERE version = opened``): if someone saved in between, no row matches
and the save is refused with ``StaleEdit``, which names who changed it and when and holds the
record as it now stands, so the form can show both versions and keep what was typed. The
claim is a single statement, so two simultaneous saves never deadlock or raise a database
error: one wins, the other is told.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Versioned(models.Model):
    """The version of a record, and who last saved it and when."""

    version = models.PositiveIntegerField(default=1, editable=False)
    changed_by = models.CharField(max_length=150, blank=True, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


def actor_label(actor: Any) -> str:
    """A person's name for "changed by NAME" (their full name if the account has one)."""
    if actor is None:
        return "system"
    if getattr(actor, "is_authenticated", False):
        return actor.get_full_name() or actor.get_username()
    return str(actor)


class StaleEdit(ValidationError):
    """The record changed since the form was opened; ``current`` is the record as saved now."""

    def __init__(self, current: Versioned, what: str):
        when = timezone.localtime(current.changed_at) if current.changed_at else None
        stamp = f"{when:%-d %B %Y at %H:%M:%S}" if when else "an earlier time"
        self.current = current
        super().__init__(
            f"This {what} was changed by {current.changed_by or 'someone else'} at {stamp} "
            "since you opened it. Your changes have not been saved: they are kept in the form "
            "below, beside the version now saved. Check them and save again.",
            code="stale",
        )


def claim_version(
    obj: Versioned, *, opened: int | None, actor: Any, what: str, fields: Iterable[str] = ()
) -> None:
    """Save ``fields`` of ``obj`` as the next version, if nobody saved since ``opened``.

    ``opened`` None means the caller did not come from a form (a service, an import): it
    claims whatever version is current. On success ``obj`` carries the new version.
    """
    model = type(obj)
    expected = obj.version if opened is None else opened
    now = timezone.now()
    label = actor_label(actor)[:150]
    values = {name: getattr(obj, name) for name in fields}
    updated = model._default_manager.filter(pk=obj.pk, version=expected).update(
        version=expected + 1, changed_by=label, changed_at=now, **values
    )
    if not updated:
        raise StaleEdit(model._default_manager.get(pk=obj.pk), what)
    obj.version, obj.changed_by, obj.changed_at = expected + 1, label, now
    # The conditional UPDATE sends no post_save: tell the search index as a save would.
    from scrutiny.core.search_index import record_changed

    record_changed(obj)
