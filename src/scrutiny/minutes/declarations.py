"""Declarations of interest made at the meeting, recorded in draft minutes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.committees.models import Person
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.interests.models import Interest
from scrutiny.minutes.drafting import lock_minutes, require_draft
from scrutiny.minutes.models import Declaration, DeclarationKind, MinuteItem, Minutes

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
    require_draft(lock_minutes(minutes))
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
    minutes = lock_minutes(declaration.minutes)
    require_draft(minutes)
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
    require_draft(lock_minutes(declaration.minutes))
    audit_record(
        actor=actor,
        action="minutes.declaration_delete",
        target=declaration,
        data={"person": declaration.person_id, "kind": declaration.kind},
    )
    declaration.delete()
