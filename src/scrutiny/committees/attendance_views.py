"""Officers' attendance screen (one grid per meeting) and the public attendance record."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees import queries, services
from scrutiny.committees.forms import AttendanceGridForm, InAttendanceForm, SubstitutionForm
from scrutiny.committees.models import Attendance, Meeting, MeetingStatus, Membership, Person
from scrutiny.core.decorators import officer_required
from scrutiny.core.form_views import change_posted
from scrutiny.core.forms import run_service

NO_PUBLIC_PAGE = (Person.Kind.OFFICER, Person.Kind.OTHER)


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
    if action == "withdraw":
        substitution = get_object_or_404(meeting.substitutions, pk=request.POST.get("substitution"))
        change_posted(
            request,
            lambda: services.substitution_withdraw(actor=request.user, substitution=substitution),
            "Substitution withdrawn.",
        )
    else:
        attendance = get_object_or_404(meeting.attendances, pk=request.POST.get("attendance"))
        change_posted(
            request,
            lambda: services.attendance_remove(actor=request.user, attendance=attendance),
            "Removed from those in attendance.",
        )


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
