"""Minutes pages: read-only for everyone (access-checked), editing screens for officers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from scrutiny.committees.models import Meeting
from scrutiny.core import registry
from scrutiny.core.access import can_edit
from scrutiny.core.decorators import officer_required as officer_view
from scrutiny.core.forms import run_service
from scrutiny.core.pdf import html_to_pdf
from scrutiny.core.registry import render_sections
from scrutiny.minutes import forms, queries, services
from scrutiny.minutes.models import MinuteItem, Minutes


def minutes_index(request):
    return render(
        request, "minutes/index.html", {"minutes_list": queries.minutes_list(request.user)}
    )


def _view_or_404(request, meeting_pk: int) -> queries.MinutesView:
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=meeting_pk)
    minutes = queries.minutes_for(meeting)
    view = queries.minutes_view(minutes, request.user) if minutes else None
    if view is None:
        raise Http404("No published minutes for this meeting")
    return view


def _council_name() -> str:
    from scrutiny.core.models import Council

    return Council.load().name


def minutes_detail(request, meeting_pk: int):
    view = _view_or_404(request, meeting_pk)
    return render(
        request,
        "minutes/detail.html",
        {"view": view, "council": _council_name(), "can_edit": can_edit(request.user)},
    )


def minutes_pdf(request, meeting_pk: int):
    view = _view_or_404(request, meeting_pk)
    html = render_to_string(
        "minutes/pdf.html", {"view": view, "council": _council_name()}, request=request
    )
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    meeting = view.minutes.meeting
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = (
        "private, no-store"
        if view.minutes.items.filter(is_exempt=True).exists()
        else "public, max-age=300"
    )
    return response


def _minutes_sections(request, meeting: Meeting) -> str:
    """What other apps add to the minutes screen (the panel's decisions on the monitoring
    report, recorded from this screen)."""
    return mark_safe("".join(render_sections("minutes_section", request, meeting)))  # noqa: S308


def _with_follow_up(resolutions: list) -> list:
    """Each resolution with ``follow_up``: (label, url) of what became of it, or None."""
    links: dict[int, tuple[str, str]] = {}
    for function in registry.resolution_links.entries():
        links.update(function(resolutions))
    for resolution in resolutions:
        resolution.follow_up = links.get(resolution.pk)
    return resolutions


EDIT_ACTIONS = {
    "add_item": lambda m, data: forms.MinuteItemForm(data, meeting=m.meeting, prefix="item"),
    "attendance": lambda m, data: forms.AttendanceForm(
        data, meeting=m.meeting, prefix="attendance"
    ),
    "declaration": lambda m, data: forms.DeclarationForm(data, minutes=m, prefix="declaration"),
    "approve": lambda m, data: forms.ApproveForm(data, minutes=m, prefix="approve"),
}


def _perform(request, minutes: Minutes, action: str, form) -> bool:
    user = request.user
    if action == "publish":
        return services_call(form, lambda: services.minutes_publish(actor=user, minutes=minutes))
    if not form.is_valid():
        return False
    data = form.cleaned_data
    if action == "add_item":
        return services_call(
            form,
            lambda: services.minute_item_add(
                actor=user,
                minutes=minutes,
                number=data["number"],
                title=data["title"],
                agenda_item=data["agenda_item"],
                introduction=data["introduction"],
                discussion_intro=data["discussion_intro"],
                order_of_business_change=data["order_of_business_change"],
                closing_text=data["closing_text"],
                is_exempt=data["is_exempt"],
                exempt_category=data["exempt_category"],
            ),
        )
    if action == "attendance":
        return services_call(
            form,
            lambda: services.minutes_record_attendance(
                actor=user, minutes=minutes, person=data["person"], status=data["status"]
            ),
        )
    if action == "declaration":
        return services_call(
            form,
            lambda: services.declaration_record(
                actor=user,
                minutes=minutes,
                person=data["person"],
                kind=data["kind"],
                matter=data["matter"],
                item=data["item"],
            ),
        )
    if action == "approve":
        return services_call(
            form,
            lambda: services.minutes_approve(
                actor=user, minutes=minutes, at_meeting=data["at_meeting"]
            ),
        )
    raise Http404("Unknown action")


def services_call(form, call) -> bool:
    return run_service(form, call) is not None


@officer_view
def minutes_edit(request, meeting_pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=meeting_pk)
    minutes = queries.minutes_for(meeting)
    bound = {}
    errors_form = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create":
            holder = forms.forms.Form({})
            holder.is_valid()
            if services_call(
                holder, lambda: services.minutes_create(actor=request.user, meeting=meeting)
            ):
                messages.success(request, "Minutes started.")
                return redirect("minutes:edit", meeting.pk)
            errors_form = holder
        elif minutes is None:
            raise Http404("Start the minutes first")
        else:
            form = (
                EDIT_ACTIONS[action](minutes, request.POST)
                if action in EDIT_ACTIONS
                else forms.forms.Form({})
            )
            if action not in EDIT_ACTIONS:
                form.is_valid()
            if _perform(request, minutes, action, form):
                messages.success(request, "Saved.")
                return redirect("minutes:edit", meeting.pk)
            bound[action], errors_form = form, form
    context: dict[str, object] = {
        "meeting": meeting,
        "minutes": minutes,
        "errors_form": errors_form,
        "council": _council_name(),
    }
    if minutes is not None:
        minutes.refresh_from_db()
        for action, factory in EDIT_ACTIONS.items():
            context[f"{action}_form"] = bound.get(action) or factory(minutes, None)
        context["view"] = queries.minutes_view(minutes, request.user)
        context["decisions"] = _minutes_sections(request, meeting)
    return render(request, "minutes/edit.html", context, status=400 if errors_form else 200)


ITEM_ACTIONS = {
    "update": lambda item, data: forms.MinuteTextForm(
        data,
        prefix="text",
        initial={name: getattr(item, name) for name in services.EDITABLE_ITEM_FIELDS},
    ),
    "speaker": lambda item, data: forms.SpeakerForm(data, prefix="speaker"),
    "point": lambda item, data: forms.PointForm(data, prefix="point"),
    "resolution": lambda item, data: forms.ResolutionForm(data, prefix="resolution"),
    "exclusion": lambda item, data: forms.ExclusionForm(
        data,
        prefix="exclusion",
        initial={
            "categories": list(item.exclusion_categories.all()),
            "public_interest_reasoning": item.public_interest_reasoning,
        },
    ),
}


def _perform_item(user, item: MinuteItem, action: str, form) -> bool:
    if not form.is_valid():
        return False
    data = form.cleaned_data
    calls = {
        "update": lambda: services.minute_item_update(actor=user, item=item, **data),
        "speaker": lambda: services.speaker_add(
            actor=user, item=item, name=data["name"], title=data["title"]
        ),
        "point": lambda: services.discussion_point_add(
            actor=user, item=item, text=data["text"], level=data["level"]
        ),
        "resolution": lambda: services.resolution_add(actor=user, item=item, text=data["text"]),
        "exclusion": lambda: services.minute_item_set_exclusion(
            actor=user,
            item=item,
            categories=data["categories"],
            public_interest_reasoning=data["public_interest_reasoning"],
        ),
    }
    return services_call(form, calls[action])


@officer_view
def item_edit(request, item_pk: int):
    item = get_object_or_404(
        MinuteItem.objects.select_related("minutes__meeting__panel"), pk=item_pk
    )
    bound, errors_form = {}, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ITEM_ACTIONS:
            raise Http404("Unknown action")
        form = ITEM_ACTIONS[action](item, request.POST)
        if _perform_item(request.user, item, action, form):
            messages.success(request, "Saved.")
            return redirect("minutes:item", item.pk)
        bound[action], errors_form = form, form
    context: dict[str, object] = {
        "item": item,
        "minutes": item.minutes,
        "errors_form": errors_form,
        "resolutions": _with_follow_up(list(item.resolutions.all())),
    }
    for action, factory in ITEM_ACTIONS.items():
        context[f"{action}_form"] = bound.get(action) or factory(item, None)
    return render(request, "minutes/item_edit.html", context, status=400 if errors_form else 200)


@officer_view
def item_amend(request, item_pk: int):
    item = get_object_or_404(
        MinuteItem.objects.select_related("minutes__meeting__panel"), pk=item_pk
    )
    form = forms.AmendmentForm(request.POST or None, item=item)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if services_call(
            form,
            lambda: services.minutes_amend(
                actor=request.user,
                item=item,
                field=data["field"],
                text=data["text"],
                reason=data["reason"],
                agreed_at=data["agreed_at"],
                resolution=data["resolution"],
            ),
        ):
            messages.success(request, f"Amendment to minute {item.number} recorded.")
            return redirect("minutes:detail", item.minutes.meeting_id)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "minutes/amend.html",
        {"item": item, "form": form, "errors_form": form if form.errors else None},
        status=status,
    )
