"""Analysts' uploads of child-level files: the form, the job's progress and its problems."""

from __future__ import annotations

import csv

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from scrutiny.casedata import services
from scrutiny.casedata.forms import CaseDataUploadForm
from scrutiny.casedata.models import ImportJob, ImportProblem
from scrutiny.core.access import can_edit

# The job page shows this many problems; the CSV has them all.
PROBLEMS_SHOWN = 200


def _require_analyst(request: HttpRequest) -> None:
    if not can_edit(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    _require_analyst(request)
    form = CaseDataUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            job = services.import_job_submit(
                kind=form.cleaned_data["kind"],
                file_name=file.name,
                data=file.read(),
                la=form.cleaned_data["la"],
                actor=request.user,
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages[0])
        else:
            return redirect("casedata:job", job_id=job.pk)
    jobs = ImportJob.objects.select_related("run")[:10]
    return render(
        request,
        "casedata/upload.html",
        {"form": form, "jobs": jobs},
        status=400 if form.errors else 200,
    )


def job(request: HttpRequest, job_id: int) -> HttpResponse:
    _require_analyst(request)
    job = get_object_or_404(ImportJob.objects.select_related("run"), pk=job_id)
    problems = (
        list(ImportProblem.objects.filter(run=job.run).order_by("pk")[:PROBLEMS_SHOWN])
        if job.run
        else []
    )
    response = render(request, "casedata/job.html", {"job": job, "problems": problems})
    if not job.done:
        response["Refresh"] = "2"  # the page reloads itself until the job is done
    return response


def job_problems_csv(request: HttpRequest, job_id: int) -> HttpResponse:
    _require_analyst(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="upload-{job.pk}-problems.csv"'
    writer = csv.writer(response)
    writer.writerow(["file", "row", "field", "reason"])
    if job.run_id:
        for p in ImportProblem.objects.filter(run_id=job.run_id).order_by("pk").iterator():
            writer.writerow([p.file, "" if p.row is None else p.row, p.field, p.reason])
    return response
