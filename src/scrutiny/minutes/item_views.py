"""The officers' screen for one minute: its text, speakers, points discussed, resolutions,
exclusion of the press and public and exemption; deleting a minute; amending approved ones."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.core import registry
from scrutiny.core.decorators import officer_required as officer_view
from scrutiny.core.form_views import form_posted
from scrutiny.minutes import forms, queries, services
from scrutiny.minutes.edit_views import revision_opened
from scrutiny.minutes.models import MinuteItem


def _with_follow_up(resolutions: list) -> list:
    """Each resolution with ``follow_up``: (label, url) of what became of it, or None."""
    links: dict[int, tuple[str, str]] = {}
    for function in registry.resolution_links.entries():
        links.update(function(resolutions))
    for resolution in resolutions:
        resolution.follow_up = links.get(resolution.pk)
    return resolutions


ITEM_FORMS = {
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
    "exemption": lambda item, data: forms.ExemptionForm(
        data,
        prefix="exemption",
        initial={
            "is_exempt": item.is_exempt,
            "exempt_category": item.exempt_category_id,
            "exempt_reasons": item.exempt_reasons,
        },
    ),
    "release": lambda item, data: forms.ReleaseForm(data, prefix="release"),
}
# Parts of a minute that are listed with change, move and delete buttons.
PARTS = {
    "speaker": ("speakers", forms.SpeakerForm, ("name", "title")),
    "point": ("points", forms.PointForm, ("text", "level")),
    "resolution": ("resolutions", forms.ResolutionForm, ("text",)),
}


def _part(item: MinuteItem, kind: str, pk: str):
    related, _, _ = PARTS[kind]
    return get_object_or_404(getattr(item, related), pk=pk)


def _item_call(request, item: MinuteItem, action: str, form):
    user, revision = request.user, revision_opened(request)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    target = request.POST.get("target", "")
    kind, _, verb = action.partition("_")
    if kind in PARTS and verb:
        part = _part(item, kind, target)
        if verb == "update":
            version = _entry_version(request)  # the entry's own version (StaleEdit)
            return lambda: getattr(services, f"{_service_name(kind)}_update")(
                actor=user, revision=revision, version=version, **{_keyword(kind): part}, **data
            )
        if verb == "delete":
            return lambda: getattr(services, f"{_service_name(kind)}_delete")(
                actor=user, revision=revision, **{_keyword(kind): part}
            )
        if verb in ("up", "down"):
            return lambda: getattr(services, f"{_service_name(kind)}_move")(
                actor=user, revision=revision, direction=verb, **{_keyword(kind): part}
            )
    calls = {
        "update": lambda: services.minute_item_update(
            actor=user, item=item, revision=revision, **data
        ),
        "speaker": lambda: services.speaker_add(actor=user, item=item, revision=revision, **data),
        "point": lambda: services.discussion_point_add(
            actor=user, item=item, revision=revision, **data
        ),
        "resolution": lambda: services.resolution_add(
            actor=user, item=item, revision=revision, **data
        ),
        "exclusion": lambda: services.minute_item_set_exclusion(
            actor=user, item=item, revision=revision, **data
        ),
        "exemption": lambda: services.minute_item_set_exempt(actor=user, item=item, **data),
        "release": lambda: services.minute_item_release(actor=user, item=item, **data),
        "draft_membership": lambda: services.minute_item_update(
            actor=user,
            item=item,
            revision=revision,
            introduction=queries.membership_changes_text(item.minutes.meeting),
        ),
    }
    if action not in calls:
        raise Http404("Unknown action")
    return calls[action]


def _service_name(kind: str) -> str:
    return {"point": "discussion_point"}.get(kind, kind)


def _keyword(kind: str) -> str:
    return kind


def _item_form(item: MinuteItem, action: str, data):
    """The form a button posts: an add or edit form, or an empty one for move and delete."""
    if action in ITEM_FORMS:
        return ITEM_FORMS[action](item, data)
    kind, _, verb = action.partition("_")
    if kind in PARTS and verb == "update":
        return PARTS[kind][1](data, prefix=f"change-{kind}")
    holder = forms.forms.Form(data)
    return holder


@officer_view
def item_edit(request, item_pk: int):
    """One minute: its text, speakers, points, resolutions and exemption."""
    item = get_object_or_404(
        MinuteItem.objects.select_related("minutes__meeting__panel", "exempt_category"),
        pk=item_pk,
    )
    bound, errors_form = {}, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = _item_form(item, action, request.POST)
        if form_posted(request, form, lambda _: _item_call(request, item, action, form)()):
            messages.success(request, "Saved.")
            return redirect(_after_item_change(item, action))
        bound[action], errors_form = form, form
    item.refresh_from_db()
    context: dict[str, object] = {
        "item": item,
        "minutes": item.minutes,
        "errors_form": errors_form,
        "speakers": item.speakers.order_by("order", "pk"),
        "points": item.points.order_by("order", "pk"),
        "resolutions": _with_follow_up(list(item.resolutions.order_by("number"))),
        "is_apologies": item.agenda_item is not None and item.agenda_item.kind == "apologies",
        "membership_text": queries.membership_changes_text(item.minutes.meeting),
    }
    for action, factory in ITEM_FORMS.items():
        context[f"{action}_form"] = bound.get(action) or factory(item, None)
    context.update(_change_form(request, item, bound))
    return render(request, "minutes/item_edit.html", context, status=400 if errors_form else 200)


def _after_item_change(item: MinuteItem, action: str) -> str:
    if not MinuteItem.objects.filter(pk=item.pk).exists():
        return reverse("minutes:edit", args=[item.minutes.meeting_id])
    kind = action.partition("_")[0]
    anchor = {"speaker": "speakers", "point": "points", "resolution": "resolutions"}.get(kind, "")
    return reverse("minutes:item", args=[item.pk]) + (f"#{anchor}" if anchor else "")


def _change_form(request, item: MinuteItem, bound: dict) -> dict:
    """The form for changing one speaker, point or resolution (chosen by ?change=kind-pk)."""
    for action, form in bound.items():
        kind, _, verb = action.partition("_")
        if kind in PARTS and verb == "update":
            return {
                "change_kind": kind,
                "change_target": int(request.POST.get("target", 0) or 0),
                "change_form": form,
            }
    kind, _, pk = request.GET.get("change", "").partition("-")
    if kind not in PARTS or not pk.isdigit():
        return {}
    part = _part(item, kind, pk)
    _, form_class, fields = PARTS[kind]
    return {
        "change_kind": kind,
        "change_target": part.pk,
        "change_form": form_class(
            prefix=f"change-{kind}", initial={name: getattr(part, name) for name in fields}
        ),
    }


@officer_view
def item_delete(request, item_pk: int):
    """Confirm, then delete a minute from draft minutes."""
    item = get_object_or_404(
        MinuteItem.objects.select_related("minutes__meeting__panel"), pk=item_pk
    )
    holder = forms.forms.Form(request.POST if request.method == "POST" else None)
    meeting_pk = item.minutes.meeting_id
    if form_posted(
        request,
        holder,
        lambda _: services.minute_item_delete(
            actor=request.user, item=item, revision=revision_opened(request)
        ),
    ):
        messages.success(request, f"Minute {item.number} deleted; later minutes renumbered.")
        return redirect("minutes:edit", meeting_pk)
    status = 400 if holder.errors else 200
    return render(
        request,
        "minutes/item_delete.html",
        {"item": item, "errors_form": holder if holder.errors else None},
        status=status,
    )


@officer_view
def item_amend(request, item_pk: int):
    item = get_object_or_404(
        MinuteItem.objects.select_related("minutes__meeting__panel"), pk=item_pk
    )
    form = forms.AmendmentForm(request.POST or None, item=item)
    if form_posted(
        request,
        form,
        lambda data: services.minutes_amend(
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


def _entry_version(request) -> int | None:
    """The version of the speaker, point or resolution the change form was opened at."""
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None
