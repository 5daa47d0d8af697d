"""Every change to panels, people, meetings and agendas: atomic, validated and audited."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify

from scrutiny.committees.models import (
    MEETING_WORKFLOW,
    MEMBER_STATUSES,
    SUBSTITUTE_STATUSES,
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Meeting,
    MeetingChange,
    MeetingMove,
    MeetingStatus,
    Membership,
    MunicipalYear,
    Panel,
    PanelContact,
    Person,
    Seat,
    Substitution,
)
from scrutiny.core import signals
from scrutiny.core.actors import Actor, require_officer
from scrutiny.core.audit import audit_record
from scrutiny.core.models import ExemptCategory
from scrutiny.core.versioning import actor_label, claim_version

# The standard opening of every agenda, in Southampton's order: (kind, title, summary).
STANDARD_PROCEDURAL_ITEMS: list[tuple[str, str, str]] = [
    (
        AgendaItemKind.APOLOGIES,
        "Apologies and changes in panel membership (if any)",
        "Apologies for absence, and any change to the membership of the panel for this meeting.",
    ),
    (
        AgendaItemKind.INTERESTS,
        "Disclosure of personal and pecuniary interests",
        "Members disclose any personal or disclosable pecuniary interest in a matter on this "
        "agenda, as the Localism Act 2011 and the Members' Code of Conduct require.",
    ),
    (
        AgendaItemKind.SCRUTINY_INTEREST,
        "Declarations of scrutiny interest",
        "Members declare any earlier part they took in a decision that the panel is "
        "scrutinising at this meeting.",
    ),
    (
        AgendaItemKind.WHIP,
        "Declaration of party political whip",
        "Members declare whether a party whip applies to any matter being scrutinised.",
    ),
    (AgendaItemKind.CHAIR_STATEMENT, "Statement from the chair", ""),
    (
        AgendaItemKind.PREVIOUS_MINUTES,
        "Minutes of the previous meeting (including matters arising)",
        "To approve the minutes of the last meeting as a correct record, and to deal with "
        "matters arising.",
    ),
]


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


@transaction.atomic
def municipal_year_create(
    *, actor: Actor, label: str, start_date: date, end_date: date
) -> MunicipalYear:
    require_officer(actor)
    label = label.strip()
    if not label:
        raise ValidationError({"label": 'Enter the year\'s label, for example "2025/26".'})
    if MunicipalYear.objects.filter(label=label).exists():
        raise ValidationError({"label": f"There is already a municipal year {label}."})
    if end_date <= start_date:
        raise ValidationError({"end_date": "The year must end after it starts."})
    if MunicipalYear.objects.filter(start_date__lte=end_date, end_date__gte=start_date).exists():
        raise ValidationError({"start_date": "This year overlaps another municipal year."})
    year = MunicipalYear.objects.create(label=label, start_date=start_date, end_date=end_date)
    # Meetings already scheduled in these dates belong to the year.
    Meeting.objects.filter(
        municipal_year__isnull=True, date__gte=start_date, date__lte=end_date
    ).update(municipal_year=year)
    audit_record(actor=actor, action="committees.municipal_year_create", target=year)
    return year


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    panel: Panel,
    date: date,
    start_time: time,
    venue: str,
    is_public: bool = True,
    notice: str = "",
    with_standard_items: bool = True,
) -> Meeting:
    """Schedule a meeting; it gets the standard procedural items in Southampton's order."""
    require_officer(actor)
    year = MunicipalYear.objects.filter(start_date__lte=date, end_date__gte=date).first()
    if Meeting.objects.filter(panel=panel, date=date, start_time=start_time).exists():
        raise ValidationError({"date": f"{panel} already meets at that date and time."})
    meeting = Meeting.objects.create(
        panel=panel,
        municipal_year=year,
        date=date,
        start_time=start_time,
        venue=venue,
        is_public=is_public,
        notice=notice,
    )
    if with_standard_items:
        for number, (kind, title, summary) in enumerate(STANDARD_PROCEDURAL_ITEMS, start=1):
            AgendaItem.objects.create(
                meeting=meeting, number=number, kind=kind, title=title, summary=summary
            )
    audit_record(
        actor=actor, action="committees.meeting_create", target=meeting, to_state=meeting.status
    )
    return meeting


def _move(
    *,
    actor: Actor,
    meeting: Meeting,
    to: str,
    via: str = "",
    reason: str = "",
    when: datetime | None = None,
    items: Sequence[AgendaItem] = (),
    urgent: Collection[int] = frozenset(),
    record_of_past: bool = False,
) -> Meeting:
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    when = when or timezone.now()
    move = MeetingMove(
        meeting=meeting,
        when=when,
        reason=reason,
        items=items,
        urgent=urgent,
        record_of_past=record_of_past,
    )
    MEETING_WORKFLOW.check(meeting.status, to, what="meeting", subject=move, via=via)
    if to == MeetingStatus.CANCELLED:
        meeting.cancellation_reason = reason
    if to == MeetingStatus.AGENDA_PUBLISHED:
        meeting.agenda_published_at = when
    previous = meeting.status
    meeting.status = to
    if to == MeetingStatus.CANCELLED:
        meeting.sequence += 1  # calendars replace the event with its cancelled revision
    claim_version(
        meeting,
        opened=None,
        actor=actor,
        what="meeting",
        fields=["status", "cancellation_reason", "agenda_published_at", "sequence"],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_transition",
        target=meeting,
        from_state=previous,
        to_state=to,
        data={"reason": reason, "via": via} if reason or via else None,
    )
    if to == MeetingStatus.CANCELLED:
        if meeting.agenda_is_published:
            meeting_change_record(
                actor=actor,
                meeting=meeting,
                kind=MeetingChange.Kind.CANCELLED,
                description="The meeting has been cancelled.",
                reason=reason,
            )
        signals.meeting_cancelled.send(sender=Meeting, meeting=meeting, reason=reason)
    return meeting


@transaction.atomic
def meeting_transition(
    *, actor: Actor, meeting: Meeting, to: str, reason: str = "", when: datetime | None = None
) -> Meeting:
    """A transition no particular service owns (cancel, record as held).

    Publishing the agenda and approving the minutes are refused here: their owners
    (``AGENDA_PUBLICATION``, ``MINUTES_APPROVAL``) make them with ``meeting_transition_owned``.
    """
    require_officer(actor)
    return _move(actor=actor, meeting=meeting, to=to, reason=reason, when=when)


@transaction.atomic
def meeting_transition_owned(
    *,
    actor: Actor,
    owner: str,
    meeting: Meeting,
    to: str,
    when: datetime | None = None,
    items: Sequence[AgendaItem] = (),
    urgent: Collection[int] = frozenset(),
    record_of_past: bool = False,
) -> Meeting:
    """A transition made by the service that owns it, which says who it is in ``owner``.

    Only the owning modules call this (a test checks the source): the publication service
    with the items it publishes and which are urgent (the clear-days guard judges them), the
    minutes service when minutes are approved, and imports recording history.
    """
    require_officer(actor)
    return _move(
        actor=actor,
        meeting=meeting,
        to=to,
        via=owner,
        when=when,
        items=items,
        urgent=urgent,
        record_of_past=record_of_past,
    )


def meeting_change_record(
    *,
    actor: Actor,
    meeting: Meeting,
    kind: str,
    description: str,
    reason: str = "",
    item: AgendaItem | None = None,
) -> MeetingChange:
    require_officer(actor)
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=kind,
        agenda_item=item,
        description=description,
        reason=reason,
        made_at=timezone.now(),
        made_by=actor_label(actor)[:150],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_change_record",
        target=meeting,
        to_state=kind,
        data={"description": description, "reason": reason},
    )
    return change


MEETING_EDITABLE = {
    "date": "Date",
    "start_time": "Time",
    "end_time": "End time",
    "venue": "Venue",
    "is_public": "Open to the public",
}
# A change to any of these is a new revision of the meeting in subscribers' calendars.
CALENDAR_FIELDS = frozenset({"date", "start_time", "end_time", "venue"})


def _shown(name: str, value: Any) -> str:
    if name == "date":
        return f"{value:%A %-d %B %Y}"
    if name in ("start_time", "end_time"):
        return f"{value:%H:%M}" if value is not None else "not set"
    if name == "is_public":
        return "open to the public" if value else "private"
    return str(value)


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    opened_version: int | None = None,
    reason: str = "",
    postpone: bool = False,
    **values: Any,
) -> Meeting:
    """Change a meeting's date, time, venue or openness to the public.

    Once the agenda is published the change is also a dated notice on the public page
    (``postpone`` names it a postponement, which needs a reason), and people following the
    meeting are told (``meeting_changed``).
    """
    require_officer(actor)
    unknown = set(values) - set(MEETING_EDITABLE)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED):
        raise ValidationError(
            f"A meeting that is {meeting.get_status_display().lower()} cannot be changed."
        )
    changes = {
        name: (getattr(meeting, name), value)
        for name, value in values.items()
        if getattr(meeting, name) != value
    }
    if not changes:
        raise ValidationError("Nothing has changed.")
    if postpone and not reason.strip():
        raise ValidationError({"reason": "Give the reason for postponing the meeting."})
    if postpone and "date" not in changes:
        raise ValidationError({"date": "A postponed meeting needs its new date."})
    new_date = values.get("date", meeting.date)
    if "date" in changes and new_date < timezone.localdate():
        raise ValidationError({"date": "A meeting cannot be moved into the past."})
    clash = Meeting.objects.filter(
        panel=meeting.panel,
        date=new_date,
        start_time=values.get("start_time", meeting.start_time),
    ).exclude(pk=meeting.pk)
    if clash.exists():
        raise ValidationError({"date": f"{meeting.panel} already meets at that date and time."})
    if "venue" in changes and not str(values["venue"]).strip():
        raise ValidationError({"venue": "Enter the venue."})
    end_time = values.get("end_time", meeting.end_time)
    if end_time is not None and end_time <= values.get("start_time", meeting.start_time):
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    for name, (_, new) in changes.items():
        setattr(meeting, name, new)
    if "date" in changes:
        meeting.municipal_year = MunicipalYear.objects.filter(
            start_date__lte=new_date, end_date__gte=new_date
        ).first()
    if CALENDAR_FIELDS & set(changes):
        meeting.sequence += 1
    meeting.updated_at = timezone.now()  # a queryset update does not touch auto_now
    claim_version(
        meeting,
        opened=opened_version,
        actor=actor,
        what="meeting",
        fields=[*changes, "municipal_year", "sequence", "updated_at"],
    )
    audit_record(
        actor=actor,
        action="committees.meeting_update",
        target=meeting,
        data={
            "postponed": postpone,
            "changes": {n: [_shown(n, o), _shown(n, v)] for n, (o, v) in changes.items()},
            "reason": reason,
        },
    )
    if meeting.agenda_is_published:
        description = "; ".join(
            f"{MEETING_EDITABLE[n]} changed from {_shown(n, o)} to {_shown(n, v)}"
            for n, (o, v) in changes.items()
        )
        meeting_change_record(
            actor=actor,
            meeting=meeting,
            kind=MeetingChange.Kind.POSTPONED if postpone else MeetingChange.Kind.NOTICE,
            description=description + ".",
            reason=reason,
        )
    signals.meeting_changed.send(sender=Meeting, meeting=meeting, changes=changes, reason=reason)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    actor: Actor,
    meeting: Meeting,
    date: date,
    start_time: time,
    end_time: time | None,
    venue: str,
    reason: str = "",
) -> Meeting:
    """Move a meeting to another date, time or place: the reschedule screen's form of
    ``meeting_update``, the one write path for a meeting's details (version, notice after
    publication, calendar revision, ``meeting_changed``). Saving the same details is no change.
    """
    require_officer(actor, "Only officers can reschedule meetings.")
    if end_time is not None and end_time <= start_time:
        raise ValidationError({"end_time": "The meeting must end after it starts."})
    wanted: dict[str, Any] = {
        "date": date,
        "start_time": start_time,
        "end_time": end_time,
        "venue": venue.strip(),
    }
    changed = {name: value for name, value in wanted.items() if getattr(meeting, name) != value}
    if not changed:
        return meeting
    return meeting_update(actor=actor, meeting=meeting, reason=reason, **changed)


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


def _require_attendance_open(meeting: Meeting, *, in_advance: bool = False) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("The meeting was cancelled: there is no attendance to record.")
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        raise ValidationError(
            "The minutes of this meeting have been approved as a correct record; its "
            "attendance is part of that record and is locked."
        )
    if not in_advance and meeting.date > timezone.localdate():
        raise ValidationError("Attendance can only be recorded on or after the meeting day.")


@transaction.atomic
def attendance_record(*, actor: Actor, meeting: Meeting, person: Person, status: str) -> Attendance:
    require_officer(actor)
    if status not in Attendance.Status.values:
        raise ValidationError({"status": f"Unknown attendance status: {status}"})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting)
    attendance, created = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"status": status}
    )
    audit_record(
        actor=actor, action="committees.attendance_record", target=attendance, to_state=status
    )
    return attendance


@transaction.atomic
def substitution_appoint(
    *,
    actor: Actor,
    meeting: Meeting,
    member: Person,
    substitute: Person | None = None,
    new_substitute: str = "",
    appointed_by: str = "Monitoring Officer",
    appointed_on: date | None = None,
    reason: str = "",
) -> Substitution:
    """Appoint a councillor to replace a panel member for one meeting.

    A councillor not yet in Scrutiny is created on the spot from ``new_substitute``.
    """
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting, in_advance=True)
    if not appointed_by.strip():
        raise ValidationError({"appointed_by": "Say who appointed the substitute."})
    if appointed_on is not None and appointed_on > meeting.date:
        raise ValidationError({"appointed_on": "A substitute is appointed before the meeting."})
    if substitute is None:
        if not new_substitute.strip():
            raise ValidationError(
                {"substitute": "Choose the substitute, or enter a new councillor."}
            )
        substitute = person_create(
            actor=actor, kind=Person.Kind.COUNCILLOR, name=new_substitute.strip()
        )
    on_panel = Membership.objects.filter(seat__panel=meeting.panel).filter(
        Membership.active_q(meeting.date)
    )
    if not on_panel.filter(person=member, seat__kind=Seat.Kind.COUNCILLOR).exists():
        raise ValidationError(
            {"member": f"{member} is not a councillor member of {meeting.panel} on that date."}
        )
    if substitute.kind != Person.Kind.COUNCILLOR:
        raise ValidationError(
            {"substitute": "Only a councillor can substitute for a councillor member."}
        )
    if on_panel.filter(person=substitute).exists():
        raise ValidationError({"substitute": f"{substitute} is already a member of the panel."})
    if meeting.substitutions.filter(member=member).exists():
        raise ValidationError({"member": f"{member} already has a substitute at this meeting."})
    if meeting.substitutions.filter(substitute=substitute).exists():
        raise ValidationError({"substitute": f"{substitute} is already substituting."})
    substitution = Substitution.objects.create(
        meeting=meeting,
        member=member,
        substitute=substitute,
        appointed_by=appointed_by.strip(),
        appointed_on=appointed_on,
        reason=reason,
    )
    audit_record(actor=actor, action="committees.substitution_appoint", target=substitution)
    return substitution


def status_field(person: Person) -> str:
    """The grid's field name for one person's status."""
    return f"status_{person.pk}"


@transaction.atomic
def attendance_grid_save(
    *, actor: Actor, meeting: Meeting, statuses: Mapping[int, str], seen: str | None = None
) -> list[Attendance]:
    """Record the whole meeting's attendance at once: a status for every expected attendee.

    ``statuses`` maps person ids to statuses. Members choose from MEMBER_STATUSES, substitutes
    from SUBSTITUTE_STATUSES. ``seen`` is the attendance fingerprint the form was opened at. People who are no longer expected (a substitution withdrawn)
    lose their member record; those "in attendance" are kept.
    """
    from scrutiny.committees.queries import attendance_fingerprint, expected_attendees

    require_officer(actor)
    meeting = Meeting.objects.select_for_update().select_related("panel").get(pk=meeting.pk)
    _require_attendance_open(meeting)
    if seen is not None and seen != attendance_fingerprint(meeting):
        raise ValidationError(
            "Someone else changed this meeting's attendance after you opened the grid. "
            "Reload the page to see their changes, then make yours again."
        )
    expected = expected_attendees(meeting)
    errors: dict[str, str] = {}
    for attendee in expected:
        status = statuses.get(attendee.person.pk, "")
        allowed = SUBSTITUTE_STATUSES if attendee.is_substitute else MEMBER_STATUSES
        if not status:
            errors[status_field(attendee.person)] = (
                f"Choose the attendance of {attendee.person.display_name}."
            )
        elif status not in allowed:
            errors[status_field(attendee.person)] = (
                f"{Attendance.Status(status).label if status in Attendance.Status.values else status}"
                f" is not a choice for {attendee.person.display_name}."
            )
    unknown = set(statuses) - {a.person.pk for a in expected}
    if unknown:
        errors["__all__"] = "Some of the people in the form are not expected at this meeting."
    if errors:
        raise ValidationError(errors)
    records = []
    for attendee in expected:
        record, _ = Attendance.objects.update_or_create(
            meeting=meeting,
            person=attendee.person,
            defaults={"status": statuses[attendee.person.pk]},
        )
        records.append(record)
    stale = meeting.attendances.exclude(person__in=[a.person for a in expected]).exclude(
        status=Attendance.Status.IN_ATTENDANCE
    )
    removed = list(stale.values_list("person_id", flat=True))
    stale.delete()
    counts: dict[str, int] = {}
    for record in records:
        counts[record.status] = counts.get(record.status, 0) + 1
    audit_record(
        actor=actor,
        action="committees.attendance_grid_save",
        target=meeting,
        data={"counts": counts, "removed": removed},
    )
    return records


@transaction.atomic
def attendance_in_attendance_add(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Person | None = None,
    new_name: str = "",
    new_kind: str = Person.Kind.OFFICER,
    new_job_title: str = "",
) -> Attendance:
    """Someone who is not a member of the meeting attended: cabinet member, officer, witness.

    Someone not yet in Scrutiny is created on the spot (``new_name``, ``new_kind``).
    """
    from scrutiny.committees.queries import expected_attendees

    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_attendance_open(meeting)
    if person is None:
        if not new_name.strip():
            raise ValidationError(
                {"person": "Choose the person in attendance, or enter someone new."}
            )
        if new_kind == Person.Kind.APPOINTED:
            raise ValidationError({"new_kind": "Appointed members are added through the panel."})
        person = person_create(
            actor=actor, kind=new_kind, name=new_name.strip(), job_title=new_job_title.strip()
        )
    if person.pk in {a.person.pk for a in expected_attendees(meeting)}:
        raise ValidationError(
            {"person": f"{person.display_name} is expected at this meeting: use the grid."}
        )
    record, _ = Attendance.objects.update_or_create(
        meeting=meeting, person=person, defaults={"status": Attendance.Status.IN_ATTENDANCE}
    )
    audit_record(
        actor=actor,
        action="committees.attendance_in_attendance_add",
        target=record,
        to_state=record.status,
    )
    return record


@transaction.atomic
def attendance_remove(*, actor: Actor, attendance: Attendance) -> None:
    """Remove someone recorded as in attendance (members stay in the grid)."""
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=attendance.meeting_id)
    _require_attendance_open(meeting)
    if attendance.status != Attendance.Status.IN_ATTENDANCE:
        raise ValidationError("Members and substitutes are recorded in the grid.")
    audit_record(
        actor=actor,
        action="committees.attendance_remove",
        target=attendance,
        from_state=attendance.status,
    )
    attendance.delete()


@transaction.atomic
def substitution_withdraw(*, actor: Actor, substitution: Substitution) -> None:
    require_officer(actor)
    meeting = Meeting.objects.select_for_update().get(pk=substitution.meeting_id)
    _require_attendance_open(meeting, in_advance=True)
    meeting.attendances.filter(person=substitution.substitute).exclude(
        status=Attendance.Status.IN_ATTENDANCE
    ).delete()
    audit_record(
        actor=actor,
        action="committees.substitution_withdraw",
        target=substitution,
        data={"member": substitution.member_id, "substitute": substitution.substitute_id},
    )
    substitution.delete()
