"""Officers' screens: upload past papers, review the proposed records, save or reject them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service
from scrutiny.paperimport import review, services
from scrutiny.paperimport.forms import ReviewForm, UploadForm
from scrutiny.paperimport.models import ImportStatus, PaperImport
from scrutiny.paperimport.saving import Outcome, Step


@officer_required
def imports(request):
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        default_vocabulary=services.default_vocabulary(),
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            # Receive and read in the request. With a task worker, the view would call
            # paper_import_receive and enqueue paper_import_read: the review page already
            # shows a file that is still being read.
            record = services.paper_import_create(
                actor=request.user,
                file_name=upload.name,
                data=upload.read(),
                vocabulary=form.cleaned_data["vocabulary"] or None,
            )
        except services.NothingNew as nothing:
            messages.info(request, " ".join(nothing.messages))
            return redirect("paperimport:imports")
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            return redirect(record)
    recent = PaperImport.objects.select_related("created_by").defer("text", "proposal")[:20]
    return render(request, "paperimport/imports.html", {"form": form, "recent": recent})


def _stored_outcome(record: PaperImport) -> Outcome:
    return Outcome(steps=[Step(**step) for step in record.outcome.get("steps", [])])


@officer_required
def review_import(request, pk: int):
    record = get_object_or_404(PaperImport, pk=pk)
    if record.status == ImportStatus.RECEIVED:
        return render(request, "paperimport/reading.html", {"record": record})
    editable = record.status == ImportStatus.PROPOSED
    if request.method == "POST" and not editable:
        messages.error(request, f"This import is {record.get_status_display().lower()}.")
        return redirect(record)
    action = request.POST.get("action", "check")
    if request.method == "POST" and action == "reject":
        services.paper_import_reject(actor=request.user, paper_import=record)
        messages.success(request, f"{record.file_name}: import rejected; nothing was saved.")
        return redirect("paperimport:imports")
    form = ReviewForm(request.POST or None, proposal=record.proposal, saving=action == "save")
    if request.method == "POST" and form.is_valid():
        corrected = form.corrected()
        if action == "save":
            outcome = run_service(
                form,
                lambda: services.paper_import_save(
                    actor=request.user,
                    paper_import=record,
                    publish=form.cleaned_data["publish"] == "yes",
                    proposal=corrected,
                ),
            )
            if outcome is not None:
                messages.success(request, f"{record.file_name}: {len(outcome.new)} records saved.")
                return redirect(record)
        else:
            services.paper_import_correct(
                actor=request.user, paper_import=record, proposal=corrected
            )
            messages.success(request, "Corrections kept. Check the records again before saving.")
            return redirect(record)
    if editable:
        outcome = services.plan(
            record, form.corrected() if form.is_bound and form.is_valid() else None
        )
    else:
        outcome = _stored_outcome(record)
    context = {
        "record": record,
        "form": form,
        "sections": review.sections(form, record.text, outcome),
        "outcome": outcome,
        "editable": editable,
    }
    return render(request, "paperimport/review.html", context)
