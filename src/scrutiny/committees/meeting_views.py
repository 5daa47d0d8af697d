"""Officers' screens for meetings: schedule, manage, change, postpone, move, substitutes."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scrutiny.committees import queries, services
from scrutiny.committees.forms import (
    AgendaItemForm,
    MeetingEditForm,
    MeetingForm,
    PostponeForm,
    RescheduleForm,
    SubstitutionForm,
    TransitionForm,
)
from scrutiny.committees.models import (
    MEETING_WORKFLOW,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Seat,
)
from scrutiny.core.decorators import officer_required
from scrutiny.core.form_views import change_posted, form_saved


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)


def _change_page(request, form, meeting: Meeting, *, title: str, button: str):
    """The one page for a change to a meeting (details, postponement, item, substitute)."""
    return render(
        request,
        "committees/meeting_change_form.html",
        {"form": form, "meeting": meeting, "title": title, "button": button},
    )


@officer_required
def meeting_list(request):
    return render(request, "committees/meeting_list.html", queries.meetings_for_officers())


@officer_required
def meeting_new(request):
    form = MeetingForm(request.POST or None, initial={"panel": request.GET.get("panel")})
    meeting = form_saved(
        request, form, lambda data: services.meeting_create(actor=request.user, **data)
    )
    if meeting is not None:
        messages.success(request, f"Meeting scheduled: {meeting}")
        return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(request, "committees/meeting_form.html", {"form": form})


@officer_required
def meeting_manage(request, pk: int):
    meeting = _meeting(pk)
    item_form = AgendaItemForm(request.POST or None, prefix="item")
    item = form_saved(
        request,
        item_form,
        lambda data: services.agenda_item_add(actor=request.user, meeting=meeting, **data),
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
        change_posted(
            request,
            lambda: services.meeting_transition(
                actor=request.user,
                meeting=meeting,
                to=form.cleaned_data["to"],
                reason=form.cleaned_data["reason"],
            ),
            "Meeting status changed.",
        )
    return redirect("committees:meeting_manage", pk=meeting.pk)


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
    meeting = _meeting(pk)
    form = MeetingEditForm(request.POST or None, initial=_meeting_values(meeting))
    saved = form_saved(
        request,
        form,
        lambda data: services.meeting_update(
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
    return _change_page(
        request, form, meeting, title="Change the meeting's details", button="Save changes"
    )


@officer_required
def meeting_postpone(request, pk: int):
    meeting = _meeting(pk)
    form = PostponeForm(request.POST or None, initial=_meeting_values(meeting))
    saved = form_saved(
        request,
        form,
        lambda data: services.meeting_update(
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
    return _change_page(request, form, meeting, title="Postpone the meeting", button="Postpone")


@officer_required
def substitution_new(request, pk: int):
    meeting = _meeting(pk)
    members = Person.objects.filter(
        Membership.active_q(meeting.date, prefix="memberships__"),
        memberships__seat__panel=meeting.panel,
        memberships__seat__kind=Seat.Kind.COUNCILLOR,
    ).distinct()
    form = SubstitutionForm(request.POST or None, members=members)
    saved = form_saved(
        request,
        form,
        lambda data: services.substitution_appoint(actor=request.user, meeting=meeting, **data),
    )
    if saved is not None:
        messages.success(request, f"Substitute recorded: {saved.substitute} for {saved.member}.")
        return redirect("committees:meeting_manage", pk=meeting.pk)
    return _change_page(
        request, form, meeting, title="Record a substitute", button="Record substitute"
    )


@officer_required
def meeting_reschedule(request, pk: int):
    """Move a meeting; calendars subscribed to it get the new revision (SEQUENCE)."""
    meeting = _meeting(pk)
    form = RescheduleForm(request.POST or None, prefix="move")
    moved = form_saved(
        request,
        form,
        lambda data: services.meeting_reschedule(actor=request.user, meeting=meeting, **data),
    )
    if moved is not None:
        messages.success(request, "Meeting rescheduled.")
        return redirect("committees:meeting_manage", pk=meeting.pk)
    return render(request, "committees/meeting_reschedule.html", {"meeting": meeting, "form": form})
