"""Officers' pages for changing published papers: each change keeps the old version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import show_stale
from scrutiny.core.versioning import StaleEdit
from scrutiny.documents import services
from scrutiny.documents.forms import ExemptionForm, ReplaceForm, ReportForm
from scrutiny.documents.models import Document
from scrutiny.documents.officer_views import after_change, form_errors


@officer_required
def report_edit(request, pk: int):
    document = get_object_or_404(
        Document.objects.select_related("report", "meeting"), pk=pk, kind=Document.Kind.REPORT
    )
    form = ReportForm(request.POST or None, instance=document.report)
    reason = request.POST.get("reason", "")
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                actor=request.user,
                report=document.report,
                fields=form.report_fields(),
                reason=reason,
                opened_version=form.cleaned_data["version"],
            )
        except StaleEdit as error:
            show_stale(form, error)
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, document.meeting, "Report updated.")
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": "Change the report",
            "ask_reason": document.published_at,
            "caption": document.title,
            "meeting": document.meeting,
        },
    )


@officer_required
def document_replace(request, pk: int):
    document = get_object_or_404(
        Document.objects.select_related("meeting", "exempt_category"), pk=pk
    )
    if hasattr(document, "report"):
        return redirect("documents:report_edit", document.pk)
    form = ReplaceForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "title": document.title,
            "body_html": document.body_html if not document.file else "",
        },
    )
    exemption = ExemptionForm(
        request.POST or None,
        prefix="exempt",
        initial={
            "is_exempt": document.is_exempt,
            "exempt_category": document.exempt_category,
            "public_interest_reasoning": document.public_interest_reasoning,
            "release_after": document.release_after,
        },
    )
    if (
        request.method == "POST"
        and request.POST.get("change") == "exemption"
        and exemption.is_valid()
    ):
        data = exemption.cleaned_data
        try:
            services.document_set_exempt(
                actor=request.user,
                document=document,
                is_exempt=data["is_exempt"],
                exempt_category=data["exempt_category"],
                public_interest_reasoning=data["public_interest_reasoning"],
                release_after=data["release_after"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form_errors(exemption, error)
        else:
            return after_change(request, document.meeting, "Exemption updated.")
    elif request.method == "POST" and request.POST.get("change") != "exemption" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_replace(
                actor=request.user,
                document=document,
                reason=data["reason"],
                title=data["title"],
                body_html=None if data["file"] else data["body_html"],
                upload=data["file"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(
                request, document.meeting, "New version saved; the old one is kept in the history."
            )
    return render(
        request,
        "documents/replace.html",
        {
            "document": document,
            "form": form,
            "exemption": exemption,
            "meeting": document.meeting,
            "back": reverse("documents:papers", args=[document.meeting_id]),
        },
    )


@officer_required
def document_exemption(request, pk: int):
    """Make any paper exempt or release it: uploads, appendices and written reports alike."""
    document = get_object_or_404(
        Document.objects.select_related("meeting", "exempt_category"), pk=pk
    )
    form = ExemptionForm(
        request.POST or None,
        initial={
            "is_exempt": document.is_exempt,
            "exempt_category": document.exempt_category,
            "public_interest_reasoning": document.public_interest_reasoning,
            "release_after": document.release_after,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_set_exempt(
                actor=request.user,
                document=document,
                is_exempt=data["is_exempt"],
                exempt_category=data["exempt_category"],
                public_interest_reasoning=data["public_interest_reasoning"],
                release_after=data["release_after"],
                reason=data["reason"],
            )
        except ValidationError as error:
            form_errors(form, error)
        else:
            return after_change(request, document.meeting, "Exemption updated.")
    return render(
        request,
        "documents/form.html",
        {
            "form": form,
            "title": f"Publication of {document.display_title}",
            "caption": str(document.meeting),
            "meeting": document.meeting,
        },
        status=400 if form.errors else 200,
    )
