"""Officers' screens for meetings and agendas; all changes go through the services."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scrutiny.committees import agenda_services, queries, services
from scrutiny.committees.forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    AttendanceGridForm,
    InAttendanceForm,
    MeetingEditForm,
    MeetingForm,
    PostponeForm,
    RescheduleForm,
    SubstitutionForm,
    TransitionForm,
)
from scrutiny.committees.models import (
    MEETING_WORKFLOW,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Seat,
)
from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service

NO_PUBLIC_PAGE = (Person.Kind.OFFICER, Person.Kind.OTHER)


@officer_required
def meeting_list(request):
    return render(request, "committees/meeting_list.html", queries.meetings_for_officers())


@officer_required
def meeting_new(request):
    form = MeetingForm(request.POST or None, initial={"panel": request.GET.get("panel")})
    if request.method == "POST" and form.is_valid():
        meeting = run_service(
            form, lambda: services.meeting_create(actor=request.user, **form.cleaned_data)
        )
        if meeting is not None:
            messages.success(request, f"Meeting scheduled: {meeting}")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form})


@officer_required
def meeting_manage(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    item_form = AgendaItemForm(request.POST or None, prefix="item")
    if request.method == "POST" and item_form.is_valid():
        item = run_service(
            item_form,
            lambda: services.agenda_item_add(
                actor=request.user, meeting=meeting, **item_form.cleaned_data
            ),
        )
        if item is not None:
            messages.success(request, f"Item {item.number} added to the agenda.")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    meeting = queries.meeting_with_agenda(meeting.pk)
    context = {
        "meeting": meeting,
        "item_form": item_form,
        # Publishing the agenda and approving the minutes belong to their own services and
        # screens (papers, minutes): only the transitions nobody owns are offered here.
        "transitions": MEETING_WORKFLOW.generic_from(meeting.status),
        "editable": meeting.status in (MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED),
        "substitutions": meeting.substitutions.select_related("member", "substitute"),
        "changes": meeting.changes.all(),
        "reschedule_form": RescheduleForm(
            prefix="move",
            initial={
                "date": meeting.date,
                "start_time": meeting.start_time.strftime("%H:%M"),
                "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
                "venue": meeting.venue,
            },
        ),
    }
    return render(request, "committees/meeting_manage.html", context)


@officer_required
@require_POST
def meeting_transition(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_transition(
                actor=request.user,
                meeting=meeting,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Meeting status changed.")
    return redirect("committees:meeting_manage", pk=meeting.pk)


def _grid_context(meeting: Meeting, grid: AttendanceGridForm, **forms_) -> dict:
    statuses = {a.person.pk: grid[f"status_{a.person.pk}"].value() or "" for a in grid.attendees}
    return {
        "meeting": meeting,
        "grid": grid,
        "quorum": queries.quorum_from(meeting, statuses),
        "in_attendance": meeting.attendances.filter(
            status=Attendance.Status.IN_ATTENDANCE
        ).select_related("person"),
        "substitutions": meeting.substitutions.select_related("member", "substitute"),
        "locked": meeting.status == MeetingStatus.MINUTES_APPROVED,
        "seen": queries.attendance_fingerprint(meeting),
        **forms_,
    }


def _grid_forms(meeting: Meeting, attendees, data=None, action: str = "") -> dict:
    expected_ids = [a.person.pk for a in attendees]
    members = Person.objects.filter(
        pk__in=[a.person.pk for a in attendees if not a.is_substitute and not a.is_appointed]
    )
    on_panel = Membership.objects.filter(
        Membership.active_q(meeting.date), seat__panel_id=meeting.panel_id
    ).values("person_id")
    substitutes = Person.objects.filter(kind=Person.Kind.COUNCILLOR).exclude(pk__in=on_panel)
    substitutes = substitutes.exclude(pk__in=expected_ids)
    present_elsewhere = meeting.attendances.values("person_id")
    people = (
        Person.objects.exclude(kind=Person.Kind.APPOINTED)
        .exclude(pk__in=expected_ids)
        .exclude(pk__in=present_elsewhere)
        .order_by("kind", "name")
    )
    return {
        "substitution_form": SubstitutionForm(
            data if action == "substitute" else None,
            members=members,
            substitutes=substitutes.order_by("name"),
            prefix="sub",
        ),
        "in_attendance_form": InAttendanceForm(
            data if action == "in_attendance" else None, people=people, prefix="other"
        ),
    }


@officer_required
def attendance_grid(request, pk: int):
    """The whole meeting's attendance in one form, with substitutes and others in attendance."""
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    attendees = queries.expected_attendees(meeting)
    current = dict(meeting.attendances.values_list("person_id", "status"))
    action = request.POST.get("action", "grid") if request.method == "POST" else ""
    grid = AttendanceGridForm(
        request.POST if action == "grid" else None, attendees=attendees, current=current
    )
    extra = _grid_forms(meeting, attendees, request.POST, action)
    failed = None
    if action == "grid" and grid.is_valid():
        if run_service(
            grid,
            lambda: services.attendance_grid_save(
                actor=request.user,
                meeting=meeting,
                statuses=grid.statuses(),
                seen=request.POST.get("seen") or None,
            ),
        ):
            messages.success(request, "Attendance saved.")
            return redirect("committees:attendance", pk=meeting.pk)
        failed = grid
    elif action == "grid":
        failed = grid
    elif action == "substitute":
        form = extra["substitution_form"]
        if form.is_valid() and run_service(
            form,
            lambda: services.substitution_appoint(
                actor=request.user, meeting=meeting, **form.cleaned_data
            ),
        ):
            messages.success(request, "Substitute appointed: record their attendance below.")
            return redirect("committees:attendance", pk=meeting.pk)
        failed = form
    elif action == "in_attendance":
        form = extra["in_attendance_form"]
        if form.is_valid() and run_service(
            form,
            lambda: services.attendance_in_attendance_add(
                actor=request.user, meeting=meeting, **form.cleaned_data
            ),
        ):
            messages.success(request, "Added to those in attendance.")
            return redirect("committees:attendance", pk=meeting.pk)
        failed = form
    elif action in ("withdraw", "remove"):
        _remove(request, meeting, action)
        return redirect("committees:attendance", pk=meeting.pk)
    context = _grid_context(meeting, grid, **extra, failed=failed)
    return render(request, "committees/attendance.html", context, status=400 if failed else 200)


def _remove(request, meeting: Meeting, action: str) -> None:
    try:
        if action == "withdraw":
            substitution = get_object_or_404(
                meeting.substitutions, pk=request.POST.get("substitution")
            )
            services.substitution_withdraw(actor=request.user, substitution=substitution)
            messages.success(request, "Substitution withdrawn.")
        else:
            attendance = get_object_or_404(meeting.attendances, pk=request.POST.get("attendance"))
            services.attendance_remove(actor=request.user, attendance=attendance)
            messages.success(request, "Removed from those in attendance.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


def person_attendance_csv(request, slug: str):
    """A person's attendance record as CSV (public, like the person page)."""
    person = get_object_or_404(Person.objects.exclude(kind__in=NO_PUBLIC_PAGE), slug=slug)
    record = queries.person_attendance_record(person)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{person.slug}.csv"'
    writer = csv.writer(response)
    writer.writerow(["date", "panel", "capacity", "attendance", "meeting_url"])
    for line in record.lines:
        writer.writerow(
            [
                line.meeting.date.isoformat(),
                line.meeting.panel.name,
                line.capacity,
                line.status_label,
                request.build_absolute_uri(line.meeting.get_absolute_url()),
            ]
        )
    writer.writerow([])
    writer.writerow(
        ["expected", "present", "present_as_substitute", "present_virtually"]
        + ["apologies", "absent", "percentage"]
    )
    writer.writerow(
        [
            record.expected,
            record.present,
            record.present_as_substitute,
            record.present_virtually,
            record.apologies,
            record.absent,
            "" if record.percentage is None else record.percentage,
        ]
    )
    return response


def _meeting_values(meeting: Meeting) -> dict:
    return {
        "version": meeting.version,
        # As an officer types them (the form also reads the ISO forms).
        "date": f"{meeting.date:%d/%m/%Y}",
        "start_time": f"{meeting.start_time:%H:%M}",
        "venue": meeting.venue,
        "is_public": meeting.is_public,
    }


@officer_required
def meeting_edit(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    form = MeetingEditForm(request.POST or None, initial=_meeting_values(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.meeting_update(
                actor=request.user,
                meeting=meeting,
                opened_version=data["version"],
                reason=data["reason"],
                date=data["date"],
                start_time=data["start_time"],
                venue=data["venue"],
                is_public=data["is_public"],
            ),
        )
        if saved is not None:
            messages.success(request, "Meeting details changed.")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(
        request,
        "committees/meeting_change_form.html",
        {
            "form": form,
            "meeting": meeting,
            "title": "Change the meeting's details",
            "button": "Save changes",
        },
    )


@officer_required
def meeting_postpone(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    form = PostponeForm(request.POST or None, initial=_meeting_values(meeting))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.meeting_update(
                actor=request.user,
                meeting=meeting,
                opened_version=data["version"],
                reason=data["reason"],
                postpone=True,
                date=data["date"],
                start_time=data["start_time"],
            ),
        )
        if saved is not None:
            messages.success(request, f"Meeting postponed to {saved.date:%-d %B %Y}.")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(
        request,
        "committees/meeting_change_form.html",
        {"form": form, "meeting": meeting, "title": "Postpone the meeting", "button": "Postpone"},
    )


def _item(pk: int) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("meeting__panel"), pk=pk)


ITEM_EDIT_FIELDS = (
    "title",
    "kind",
    "summary",
    "report_author",
    "is_exempt",
    "exempt_category",
    "exempt_reasons",
)


@officer_required
def agenda_item_edit(request, pk: int):
    item = _item(pk)
    initial = {name: getattr(item, name) for name in ITEM_EDIT_FIELDS}
    form = AgendaItemEditForm(request.POST or None, initial={**initial, "version": item.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: agenda_services.agenda_item_update(
                actor=request.user,
                item=item,
                opened_version=data["version"],
                reason=data["reason"],
                **{name: data[name] for name in ITEM_EDIT_FIELDS},
            ),
        )
        if saved is not None:
            messages.success(request, f"Item {saved.number} changed.")
            return redirect("committees:meeting_manage", pk=item.meeting_id)
    return render(
        request,
        "committees/meeting_change_form.html",
        {
            "form": form,
            "meeting": item.meeting,
            "title": f"Change item {item.number}",
            "caption": item.title,
            "button": "Save item",
        },
    )


@officer_required
@require_POST
def agenda_item_move(request, pk: int):
    item = _item(pk)
    direction = request.POST.get("direction", "")
    try:
        moved = agenda_services.agenda_item_move(actor=request.user, item=item, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{moved.title} is now item {moved.number}.")
    return redirect(f"/manage/meetings/{item.meeting_id}/#agenda")


@officer_required
def agenda_item_delete(request, pk: int):
    item = _item(pk)
    if request.method == "POST":
        try:
            agenda_services.agenda_item_delete(
                actor=request.user,
                item=item,
                opened_version=int(request.POST.get("version") or item.version),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Item {item.number} {item.title} deleted.")
        return redirect("committees:meeting_manage", pk=item.meeting_id)
    return render(request, "committees/agenda_item_delete.html", {"item": item})


@officer_required
def substitution_new(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    members = Person.objects.filter(
        Membership.active_q(meeting.date, prefix="memberships__"),
        memberships__seat__panel=meeting.panel,
        memberships__seat__kind=Seat.Kind.COUNCILLOR,
    ).distinct()
    form = SubstitutionForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.substitution_appoint(
                actor=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(
                request, f"Substitute recorded: {saved.substitute} for {saved.member}."
            )
            return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(
        request,
        "committees/meeting_change_form.html",
        {
            "form": form,
            "meeting": meeting,
            "title": "Record a substitute",
            "button": "Record substitute",
        },
    )


@officer_required
def meeting_reschedule(request, pk: int):
    """Move a meeting; calendars subscribed to it get the new revision (SEQUENCE)."""
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    form = RescheduleForm(request.POST or None, prefix="move")
    if request.method == "POST" and form.is_valid():
        moved = run_service(
            form,
            lambda: services.meeting_reschedule(
                actor=request.user, meeting=meeting, **form.cleaned_data
            ),
        )
        if moved is not None:
            messages.success(request, "Meeting rescheduled.")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(request, "committees/meeting_reschedule.html", {"meeting": meeting, "form": form})
