"""Officers' screens for agenda items: change, move and delete (through agenda_services)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scrutiny.committees import agenda_services
from scrutiny.committees.forms import AgendaItemEditForm
from scrutiny.committees.models import AgendaItem
from scrutiny.core.decorators import officer_required
from scrutiny.core.form_views import change_posted, form_saved


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
    saved = form_saved(
        request,
        form,
        lambda data: agenda_services.agenda_item_update(
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
    change_posted(
        request,
        lambda: agenda_services.agenda_item_move(
            actor=request.user, item=item, direction=direction
        ),
        lambda moved: f"{moved.title} is now item {moved.number}.",
    )
    return redirect(f"/manage/meetings/{item.meeting_id}/#agenda")


@officer_required
def agenda_item_delete(request, pk: int):
    item = _item(pk)
    if request.method == "POST":
        change_posted(
            request,
            lambda: agenda_services.agenda_item_delete(
                actor=request.user,
                item=item,
                opened_version=int(request.POST.get("version") or item.version),
            ),
            lambda _deleted: f"Item {item.number} {item.title} deleted.",
        )
        return redirect("committees:meeting_manage", pk=item.meeting_id)
    return render(request, "committees/agenda_item_delete.html", {"item": item})
