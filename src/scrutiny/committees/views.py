"""Officers' screens for meetings and agendas; all changes go through the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scrutiny.committees import agenda_services, queries, services
from scrutiny.committees.forms import (
    AgendaItemEditForm,
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
    AgendaItem,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Seat,
)
from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service


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
