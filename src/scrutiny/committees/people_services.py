"""Panels, the people on them, their seats and memberships: atomic, validated and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils.text import slugify

from scrutiny.committees.models import (
    Membership,
    Panel,
    PanelContact,
    Person,
    Seat,
)
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record


def _unique_slug(model, base: str) -> str:
    slug = slugify(base)[:45] or "item"
    candidate, n = slug, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


@transaction.atomic
def panel_create(
    *,
    actor: Actor,
    name: str,
    remit: str,
    terms_of_reference: str = "",
    quorum: int = 3,
    slug: str | None = None,
) -> Panel:
    require_officer(actor)
    if quorum < 1:
        raise ValidationError({"quorum": "A quorum must be at least 1."})
    panel = Panel.objects.create(
        name=name,
        slug=slug or _unique_slug(Panel, name),
        remit=remit,
        terms_of_reference=terms_of_reference,
        quorum=quorum,
    )
    audit_record(actor=actor, action="committees.panel_create", target=panel)
    return panel


PERSON_FIELDS = ("kind", "title", "name", "ward", "party", "job_title", "telephone", "email")


def _check_person(values: dict[str, Any]) -> None:
    if values.get("kind") not in Person.Kind.values:
        raise ValidationError({"kind": f"Unknown kind of person: {values.get('kind')}"})
    if not str(values.get("name", "")).strip():
        raise ValidationError({"name": "Enter the person's name."})
    if values["kind"] != Person.Kind.COUNCILLOR and (values.get("ward") or values.get("party")):
        raise ValidationError({"ward": "Only councillors have a ward and a party."})


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    kind: str,
    name: str,
    title: str = "",
    ward: str = "",
    party: str = "",
    job_title: str = "",
    telephone: str = "",
    email: str = "",
    user=None,
) -> Person:
    require_officer(actor)
    values = dict(
        kind=kind,
        title=title,
        name=name.strip(),
        ward=ward,
        party=party,
        job_title=job_title,
        telephone=telephone,
        email=email,
    )
    _check_person(values)
    person = Person.objects.create(slug=_unique_slug(Person, name), user=user, **values)
    audit_record(actor=actor, action="committees.person_create", target=person)
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, **values: Any) -> Person:
    """Change a person's details; their page address (slug) stays, so links keep working."""
    require_officer(actor)
    unknown = set(values) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    merged = {name: values.get(name, getattr(person, name)) for name in PERSON_FIELDS}
    _check_person(merged)
    if merged["kind"] != person.kind and person.memberships.exists():
        raise ValidationError(
            {"kind": "This person has held seats: their kind cannot change. End the seats first."}
        )
    changed = {n: [getattr(person, n), v] for n, v in merged.items() if getattr(person, n) != v}
    for name, (_, value) in changed.items():
        setattr(person, name, value)
    person.save(update_fields=list(changed) or None)
    audit_record(
        actor=actor, action="committees.person_update", target=person, data={"changes": changed}
    )
    return person


@transaction.atomic
def panel_contact_set(*, actor: Actor, panel: Panel, role: str, person: Person) -> PanelContact:
    require_officer(actor)
    contact, _ = PanelContact.objects.update_or_create(
        panel=panel, role=role, defaults={"person": person}
    )
    audit_record(
        actor=actor,
        action="committees.panel_contact_set",
        target=panel,
        data={"role": role, "person": person.pk},
    )
    return contact


@transaction.atomic
def seat_create(
    *,
    actor: Actor,
    panel: Panel,
    kind: str,
    label: str = "",
    nominating_body: str = "",
    votes_on_education_only: bool = False,
) -> Seat:
    require_officer(actor)
    if kind == Seat.Kind.APPOINTED and not nominating_body:
        raise ValidationError(
            {"nominating_body": "An appointed member's seat needs a nominating body."}
        )
    order = (panel.seats.filter(kind=kind).aggregate(m=Max("order"))["m"] or 0) + 1
    seat = Seat.objects.create(
        panel=panel,
        kind=kind,
        label=label,
        nominating_body=nominating_body,
        votes_on_education_only=votes_on_education_only,
        order=order,
    )
    audit_record(actor=actor, action="committees.seat_create", target=seat)
    return seat


def _overlap_q(start: date, end: date | None) -> Q:
    q = Q(end_date__isnull=True) | Q(end_date__gte=start)
    if end is not None:
        q &= Q(start_date__lte=end)
    return q


@transaction.atomic
def membership_start(
    *,
    actor: Actor,
    seat: Seat,
    person: Person,
    start_date: date,
    role: str = Membership.Role.MEMBER,
    end_date: date | None = None,
) -> Membership:
    require_officer(actor)
    expected = (
        Person.Kind.COUNCILLOR if seat.kind == Seat.Kind.COUNCILLOR else Person.Kind.APPOINTED
    )
    if person.kind != expected:
        raise ValidationError(
            {"person": f"{person} cannot fill a {seat.get_kind_display().lower()} seat."}
        )
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": "A membership cannot end before it starts."})
    if Membership.objects.filter(seat=seat).filter(_overlap_q(start_date, end_date)).exists():
        raise ValidationError({"seat": "That seat is already filled for part of this period."})
    if (
        Membership.objects.filter(seat__panel=seat.panel, person=person)
        .filter(_overlap_q(start_date, end_date))
        .exists()
    ):
        raise ValidationError({"person": f"{person} already sits on {seat.panel} in this period."})
    if (
        role in (Membership.Role.CHAIR, Membership.Role.VICE_CHAIR)
        and Membership.objects.filter(seat__panel=seat.panel, role=role)
        .filter(_overlap_q(start_date, end_date))
        .exists()
    ):
        raise ValidationError({"role": f"The panel already has a {Membership.Role(role).label}."})
    membership = Membership.objects.create(
        seat=seat, person=person, role=role, start_date=start_date, end_date=end_date
    )
    audit_record(
        actor=actor, action="committees.membership_start", target=membership, to_state=role
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Actor, membership: Membership, end_date: date) -> Membership:
    require_officer(actor)
    if end_date < membership.start_date:
        raise ValidationError({"end_date": "A membership cannot end before it starts."})
    membership.end_date = end_date
    membership.save(update_fields=["end_date"])
    audit_record(
        actor=actor,
        action="committees.membership_end",
        target=membership,
        data={"end_date": str(end_date)},
    )
    return membership
