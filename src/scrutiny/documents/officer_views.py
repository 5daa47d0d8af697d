"""Officers' papers screen for a meeting: the items and their papers, urgency, withholding an
item, publishing the agenda or one paper.

Writing and uploading papers are in ``paper_views``, generated appendices in
``generated_views``, replacing and changing papers in ``revision_views``.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.decorators import officer_required
from scrutiny.documents import services
from scrutiny.documents.forms import (
    ItemExemptionForm,
    UrgencyForm,
)
from scrutiny.documents.models import AgendaPack, Document
from scrutiny.documents.pack_builds import pack_request
from scrutiny.documents.pack_issues import pack_issues_redact
from scrutiny.documents.queries import items_without_papers


def form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def after_change(request, meeting: Meeting, message: str):
    messages.success(request, message)
    if meeting.agenda_is_published:
        for variant in AgendaPack.Variant.values:
            pack_request(meeting=meeting, variant=variant)  # queued: rebuilt in the background
    return redirect("documents:papers", meeting.pk)


@officer_required
def document_publish(request, pk: int):
    """Release one draft paper of an item already published (the officer's decision)."""
    document = get_object_or_404(Document.objects.select_related("meeting"), pk=pk)
    if request.method != "POST":
        return redirect("documents:papers", document.meeting_id)
    try:
        services.document_publish(actor=request.user, document=document)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:papers", document.meeting_id)
    return after_change(request, document.meeting, f"“{document.display_title}” published.")


@officer_required
def item_exemption(request, pk: int):
    """Take a whole item in private or release it; its papers (and packs) follow."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting", "exempt_category"), pk=pk)
    form = ItemExemptionForm(
        request.POST or None,
        initial={
            "is_exempt": item.is_exempt,
            "exempt_category": item.exempt_category,
            "exempt_reasons": item.exempt_reasons,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # a published pack printing its papers goes with it
                committees_services.agenda_item_set_exempt(
                    actor=request.user,
                    item=item,
                    is_exempt=data["is_exempt"],
                    exempt_category=data["exempt_category"] if data["is_exempt"] else None,
                    exempt_reasons=data["exempt_reasons"] if data["is_exempt"] else "",
                )
                pack_issues_redact(actor=request.user, meeting=item.meeting)
        except ValidationError as error:
            form_errors(form, error)
        else:
            state = "withheld" if data["is_exempt"] else "released"
            return after_change(request, item.meeting, f"Item {item.number} {state}.")
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": f"Publication of item {item.number}",
            "caption": item.title,
            "meeting": item.meeting,
        },
        status=400 if form.errors else 200,
    )


@officer_required
def papers(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    items = (
        meeting.agenda_items.select_related("urgency", "exempt_category")
        .prefetch_related(
            Prefetch(
                "documents", queryset=Document.objects.select_related("exempt_category", "report")
            ),
            "publications",
            "generated_appendices",
        )
        .order_by("number")
    )
    return render(
        request,
        "documents/papers.html",
        {
            "meeting": meeting,
            "items": items,
            "deadline": services.publication_deadline(meeting),
            "publications": meeting.publications.all(),
        },
    )


@officer_required
def publish(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    if request.method != "POST":
        return redirect("documents:papers", pk)
    missing = items_without_papers(meeting)
    if missing and request.POST.get("confirm_missing_papers") != "yes":
        return render(
            request, "documents/publish_confirm.html", {"meeting": meeting, "missing": missing}
        )
    try:
        publication = services.agenda_publish(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("documents:papers", pk)
    meeting.refresh_from_db()  # now published: its packs are queued for the worker
    return after_change(request, meeting, f"{publication.get_kind_display()} published.")


@officer_required
def item_urgent(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    form = UrgencyForm(
        request.POST or None,
        initial={"reasons": getattr(getattr(item, "urgency", None), "reasons", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.agenda_item_mark_urgent(
                actor=request.user, item=item, reasons=form.cleaned_data["reasons"]
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, item.meeting, f"Item {item.number} recorded as urgent.")
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": f"Record item {item.number} as urgent",
            "caption": item.title,
            "meeting": item.meeting,
        },
    )
