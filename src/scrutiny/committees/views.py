"""Officers' screens for meetings and agendas; all changes go through committees.services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees import queries, services
from scrutiny.committees.forms import AgendaItemForm, MeetingForm, RescheduleForm, TransitionForm
from scrutiny.committees.models import MEETING_WORKFLOW, Meeting, MeetingStatus
from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service


@officer_required
def meeting_new(request):
    form = MeetingForm(request.POST or None)
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
            messages.success(request, "Agenda item added.")
            return redirect("committees:meeting_manage", pk=meeting.pk)
    context = {
        "meeting": queries.meeting_with_agenda(meeting.pk),
        "item_form": item_form,
        "reschedule_form": RescheduleForm(
            prefix="move",
            initial={
                "date": meeting.date,
                "start_time": meeting.start_time.strftime("%H:%M"),
                "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
                "venue": meeting.venue,
            },
        ),
        # Publication has its own screen, which applies the clear-days rule.
        "transitions": [
            t
            for t in MEETING_WORKFLOW.allowed_from(meeting.status)
            if t.target != MeetingStatus.AGENDA_PUBLISHED
        ],
    }
    return render(request, "committees/meeting_manage.html", context)


@officer_required
def meeting_transition(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = TransitionForm(request.POST)
    if form.is_valid() and form.cleaned_data["to"] == MeetingStatus.AGENDA_PUBLISHED:
        messages.error(
            request, "Publish the agenda from the papers screen, which checks the notice period."
        )
    elif request.method == "POST" and form.is_valid():
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
