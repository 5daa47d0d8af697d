"""Officers' pages that add papers to an item: write the report, upload a file, add an appendix."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, render

from scrutiny.committees.models import AgendaItem
from scrutiny.core.decorators import officer_required
from scrutiny.documents import services
from scrutiny.documents.forms import AppendixForm, NewReportForm, UploadedPaperForm
from scrutiny.documents.models import Document
from scrutiny.documents.officer_views import after_change, form_errors


def _saved(what: str, item: AgendaItem) -> str:
    if item.publications.exists():
        return f"{what} as a draft: nobody but officers sees it until you publish it."
    return f"{what}. It is published with item {item.number} when the agenda is published."


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
