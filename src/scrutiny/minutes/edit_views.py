"""The officers' minutes screen for a meeting: start the minutes, add minutes, declarations,
move minutes, publish and approve (each button one service)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe

from scrutiny.committees.models import Meeting
from scrutiny.core.decorators import officer_required as officer_view
from scrutiny.core.forms import run_service
from scrutiny.core.registry import render_sections
from scrutiny.interests.models import NOTIFICATION_DAYS
from scrutiny.minutes import forms, queries, services
from scrutiny.minutes.models import Minutes
from scrutiny.minutes.views import council_name


def _minutes_sections(request, meeting: Meeting) -> str:
    """What other apps add to the minutes screen (the panel's decisions on the monitoring
    report, recorded from this screen)."""
    return mark_safe("".join(render_sections("minutes_section", request, meeting)))  # noqa: S308


EDIT_FORMS = {
    "add_item": lambda m, data: forms.MinuteItemForm(data, meeting=m.meeting, prefix="item"),
    "declaration": lambda m, data: forms.DeclarationForm(data, minutes=m, prefix="declaration"),
    "approve": lambda m, data: forms.ApproveForm(data, minutes=m, prefix="approve"),
}


def revision_opened(request) -> int | None:
    """The revision of the minute the form was opened at (see MinuteItem.revision)."""
    try:
        return int(request.POST["revision"])
    except (KeyError, ValueError):
        return None


def _edit_call(request, minutes: Minutes, action: str, form):
    """The service call for one of the minutes screen's buttons, given its form's data."""
    user, data = request.user, form.cleaned_data if form.is_bound else {}
    target = request.POST.get("target", "")
    if action == "add_item":
        return lambda: services.minute_item_add(actor=user, minutes=minutes, **data)
    if action == "declaration":
        declaration = _declaration_or_none(minutes, target)
        if declaration is not None:
            return lambda: services.declaration_update(actor=user, declaration=declaration, **data)
        return lambda: services.declaration_record(actor=user, minutes=minutes, **data)
    if action == "approve":
        return lambda: services.minutes_approve(
            actor=user, minutes=minutes, at_meeting=data["at_meeting"]
        )
    if action == "publish":
        return lambda: services.minutes_publish(actor=user, minutes=minutes)
    if action == "declaration_delete":
        declaration = get_object_or_404(minutes.declarations, pk=target)
        return lambda: services.declaration_delete(actor=user, declaration=declaration)
    if action in ("item_up", "item_down"):
        item = get_object_or_404(minutes.items, pk=target)
        return lambda: services.minute_item_move(
            actor=user, item=item, direction=action[5:], revision=revision_opened(request)
        )
    raise Http404("Unknown action")


def _declaration_or_none(minutes: Minutes, target: str):
    if not target:
        return None
    return get_object_or_404(minutes.declarations, pk=target)


@officer_view
def minutes_edit(request, meeting_pk: int):
    """The minutes editor: the list of minutes, declarations, publication and approval."""
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=meeting_pk)
    minutes = queries.minutes_for(meeting)
    bound: dict = {}
    errors_form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("create", "create_empty"):
            holder = forms.forms.Form({})
            holder.is_valid()
            if services_call(
                holder,
                lambda: services.minutes_create(
                    actor=request.user, meeting=meeting, from_agenda=action == "create"
                ),
            ):
                messages.success(request, "Minutes started.")
                return redirect("minutes:edit", meeting.pk)
            errors_form = holder
        elif minutes is None:
            raise Http404("Start the minutes first")
        else:
            form = (
                EDIT_FORMS[action](minutes, request.POST)
                if action in EDIT_FORMS
                else forms.forms.Form({})
            )
            if form.is_valid() and services_call(form, _edit_call(request, minutes, action, form)):
                messages.success(request, "Saved.")
                return redirect("minutes:edit", meeting.pk)
            bound[action], errors_form = form, form
    context: dict[str, object] = {
        "meeting": meeting,
        "minutes": minutes,
        "errors_form": errors_form,
        "council": council_name(),
    }
    if minutes is not None:
        minutes.refresh_from_db()
        changing = _declaration_or_none(minutes, request.GET.get("declaration", ""))
        for action, factory in EDIT_FORMS.items():
            context[f"{action}_form"] = bound.get(action) or factory(minutes, None)
        if changing is not None and "declaration" not in bound:
            context["declaration_form"] = forms.DeclarationForm(
                minutes=minutes,
                prefix="declaration",
                initial={
                    "person": changing.person_id,
                    "kind": changing.kind,
                    "item": changing.item_id,
                    "matter": changing.matter,
                    "interest": changing.interest_id,
                },
            )
        context["changing_declaration"] = changing or (
            _declaration_or_none(minutes, request.POST.get("target", ""))
            if "declaration" in bound
            else None
        )
        context["view"] = queries.minutes_view(minutes, request.user)
        context["decisions"] = _minutes_sections(request, meeting)
        context["register_due"] = meeting.date + timedelta(days=NOTIFICATION_DAYS)
    else:
        context["agenda"] = list(meeting.agenda_items.order_by("number"))
    return render(request, "minutes/edit.html", context, status=400 if errors_form else 200)


def services_call(form, call) -> bool:
    return run_service(form, call) is not None or not form.errors
