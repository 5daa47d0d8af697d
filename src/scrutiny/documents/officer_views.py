"""Officers' pages: write or upload papers, replace them, record urgency and publish."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees import services as committees_services
from scrutiny.committees.models import AgendaItem, Meeting
from scrutiny.core.decorators import officer_required
from scrutiny.documents import services
from scrutiny.documents.forms import (
    AppendixForm,
    GeneratedAppendixForm,
    ItemExemptionForm,
    NewReportForm,
    UploadedPaperForm,
    UrgencyForm,
)
from scrutiny.documents.models import AgendaPack, Document, GeneratedAppendix
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


def _saved(what: str, item: AgendaItem) -> str:
    if item.publications.exists():
        return f"{what} as a draft: nobody but officers sees it until you publish it."
    return f"{what}. It is published with item {item.number} when the agenda is published."


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


@officer_required
def report_write(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__panel"), pk=pk)
    initial = {
        "decision_maker": item.meeting.panel.name,
        "date_of_decision": item.meeting.date,
        "subject": item.title,
    }
    form = NewReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # A draft until published: with its item's agenda, or by the officer if the item
            # is already out (papers are withheld by default).
            services.report_write(
                actor=request.user,
                agenda_item=item,
                fields=form.report_fields(),
                is_exempt=data["is_exempt"],
                exempt_category=data["exempt_category"],
                public_interest_reasoning=data["public_interest_reasoning"],
                release_after=data["release_after"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, item.meeting, _saved("Report saved", item))
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": "Write the report",
            "caption": f"Item {item.number}: {item.title}",
            "meeting": item.meeting,
        },
    )


@officer_required
def paper_upload(request, pk: int, kind: str):
    """Upload a finished report (PDF or Word) or a minutes document for an item."""
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    if kind not in (Document.Kind.REPORT, Document.Kind.MINUTES, Document.Kind.OTHER):
        raise PermissionDenied("Unknown kind of paper.")
    form = UploadedPaperForm(
        request.POST or None, request.FILES or None, initial={"title": item.title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(
                actor=request.user,
                meeting=item.meeting,
                agenda_item=item,
                kind=kind,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
                is_exempt=form.cleaned_data["is_exempt"],
                exempt_category=form.cleaned_data["exempt_category"],
                public_interest_reasoning=form.cleaned_data["public_interest_reasoning"],
                release_after=form.cleaned_data["release_after"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, item.meeting, _saved("File uploaded", item))
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": f"Upload a {Document.Kind(kind).label.lower()}",
            "caption": f"Item {item.number}: {item.title}",
            "meeting": item.meeting,
        },
    )


@officer_required
def appendix_add(request, pk: int):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    next_number = item.documents.filter(kind=Document.Kind.APPENDIX).count() + 1
    form = AppendixForm(
        request.POST or None, request.FILES or None, initial={"number": next_number}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                actor=request.user,
                meeting=item.meeting,
                agenda_item=item,
                kind=Document.Kind.APPENDIX,
                number=data["number"],
                title=data["title"],
                body_html=data["body_html"] or "",
                upload=data["file"],
                is_exempt=data["is_exempt"],
                exempt_category=data["exempt_category"],
                public_interest_reasoning=data["public_interest_reasoning"],
                release_after=data["release_after"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(
                request, item.meeting, _saved(f"Appendix {data['number']} added", item)
            )
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": "Add an appendix",
            "caption": f"Item {item.number}: {item.title}",
            "meeting": item.meeting,
        },
    )


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
