"""Officers' pages for appendices generated from evidence: attach, print again, remove."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees.models import AgendaItem
from scrutiny.core.decorators import officer_required
from scrutiny.documents import services
from scrutiny.documents.forms import GeneratedAppendixForm
from scrutiny.documents.models import Document, GeneratedAppendix
from scrutiny.documents.officer_views import after_change, form_errors


@officer_required
def generated_appendix_add(request, pk: int):
    """Attach figures computed by another app (an evidence reference) as an appendix."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    taken = {
        number
        for number in item.documents.filter(kind=Document.Kind.APPENDIX).values_list(
            "number", flat=True
        )
        if number is not None
    }
    taken |= set(item.generated_appendices.values_list("number", flat=True))
    next_number = max(taken, default=0) + 1
    form = GeneratedAppendixForm(request.POST or None, initial={"number": next_number})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.generated_appendix_add(
                actor=request.user, item=item, number=data["number"], reference=data["reference"]
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, item.meeting, f"Appendix {data['number']} attached.")
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": "Attach generated figures as an appendix",
            "caption": f"Item {item.number}: {item.title}",
            "meeting": item.meeting,
        },
        status=400 if form.errors else 200,
    )


@officer_required
def generated_appendix_refresh(request, pk: int):
    appendix = get_object_or_404(
        GeneratedAppendix.objects.select_related("agenda_item__meeting"), pk=pk
    )
    if request.method != "POST":
        raise PermissionDenied("Refresh an appendix with the button on the papers page.")
    try:
        services.generated_appendix_refresh(actor=request.user, appendix=appendix)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:papers", appendix.agenda_item.meeting_id)
    return after_change(
        request, appendix.agenda_item.meeting, f"Appendix {appendix.number} printed again."
    )


@officer_required
def generated_appendix_remove(request, pk: int):
    appendix = get_object_or_404(
        GeneratedAppendix.objects.select_related("agenda_item__meeting"), pk=pk
    )
    if request.method != "POST":
        raise PermissionDenied("Remove an appendix with the button on the papers page.")
    meeting = appendix.agenda_item.meeting
    services.generated_appendix_remove(actor=request.user, appendix=appendix)
    return after_change(request, meeting, f"Appendix {appendix.number} removed.")
