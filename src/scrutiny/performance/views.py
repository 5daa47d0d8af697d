"""Thin views: parse the request, call queries or services, render."""

from __future__ import annotations

import csv
from datetime import date

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from scrutiny.core.actors import require_officer
from scrutiny.core.models import PreparedFile
from scrutiny.core.prepared import prepared_file_request
from scrutiny.core.tabular import ImportRejected

from . import pdf, queries, services
from .access import may_edit, sees_exact_values
from .forms import CommentaryForm, ImportForm, MonthlyValueForm
from .models import Commentary, Indicator, Section
from .parsing import parse_month


def _report(request: HttpRequest) -> queries.Report:
    month = _requested_month(request.GET.get("month", ""))
    return queries.build_report(month, exact=sees_exact_values(request.user))


def _requested_month(text: str) -> date:
    if text:
        try:
            return parse_month(text)
        except ValueError:
            raise Http404("No such month") from None
    latest = queries.latest_month()
    if latest is None:
        raise Http404("No performance data has been loaded yet")
    return latest


def dashboard(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    return render(
        request,
        "performance/dashboard.html",
        {
            "report": report,
            "report_flags": report,
            "months": queries.available_months(),
            "can_edit": may_edit(request.user),
            "pdf": False,
        },
    )


def section_trends(request: HttpRequest, section_code: str) -> HttpResponse:
    """One section's trend charts with their tables (the dashboard links here)."""
    report = _report(request)
    block = next((b for b in report.sections if b.section.code == section_code and b.rows), None)
    if block is None:
        raise Http404("No such section")
    return render(
        request,
        "performance/section_trends.html",
        {"report": report, "report_flags": report, "trend_block": block, "pdf": False},
    )


def report_pdf(request: HttpRequest) -> HttpResponseBase:
    """The PDF as the worker printed it for the figures as they are now; while it is being
    printed, a page that says so (never printed here: it takes seconds of CPU)."""
    report = _report(request)
    prepared = prepared_file_request(
        kind=pdf.PREPARED_KIND,
        key=pdf.prepared_key(report.month, report.exact),
        fingerprint=pdf.fingerprint(pdf.report_html(report)),
    )
    response: HttpResponseBase
    if prepared.status != PreparedFile.Status.READY or not prepared.file:
        response = render(
            request,
            "performance/report_preparing.html",
            {"report": report, "prepared": prepared, "again": request.get_full_path()},
        )
    else:
        response = FileResponse(
            prepared.file.open("rb"),
            content_type="application/pdf",
            as_attachment=False,
            filename=pdf.pdf_file_name(report.month, report.exact),
        )
        response["ETag"] = f'"{prepared.fingerprint}"'
    response["Cache-Control"] = "private, no-store" if report.exact else "no-cache"
    return response


def report_csv(request: HttpRequest) -> HttpResponse:
    report = _report(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="performance-{report.month:%Y-%m}.csv"'
    csv.writer(response).writerows(queries.report_csv_rows(report))
    return response


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    exact = sees_exact_values(request.user)
    history = queries.indicator_history(code, exact=exact)
    if history is None:
        raise Http404("No such indicator")
    return render(
        request,
        "performance/indicator_detail.html",
        {
            "history": history,
            "report_flags": {"exact": exact},
            "can_edit": may_edit(request.user),
        },
    )


def _require_editor(request: HttpRequest) -> None:
    require_officer(request.user, "Only officers may change the performance report.")


@require_http_methods(["GET", "POST"])
def value_entry(request: HttpRequest, code: str) -> HttpResponse:
    _require_editor(request)
    indicator = get_object_or_404(Indicator, code=code)
    form = MonthlyValueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.monthly_value_enter(
                indicator=indicator, actor=request.user, **form.cleaned_data
            )
        except services.EntryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Saved {indicator.name} for {form.cleaned_data['month']:%B %Y}."
            )
            return redirect("performance:indicator", code=indicator.code)
    return render(request, "performance/value_entry.html", {"indicator": indicator, "form": form})


@require_http_methods(["GET", "POST"])
def commentary_edit(request: HttpRequest, section_code: str, month: str) -> HttpResponse:
    _require_editor(request)
    section = get_object_or_404(Section, code=section_code)
    month_date = _requested_month(month)
    current = Commentary.objects.filter(section=section, month=month_date).first()
    initial = (
        {"desired_outcome": current.desired_outcome, "progress_analysis": current.progress_analysis}
        if current
        else {}
    )
    form = CommentaryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commentary_edit(
                section=section, month=month_date, actor=request.user, **form.cleaned_data
            )
        except services.EntryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Saved the commentary for {section.title}.")
            url = reverse("performance:dashboard")
            return redirect(f"{url}?month={month_date:%Y-%m}#section-{section.code}")
    return render(
        request,
        "performance/commentary_edit.html",
        {"section": section, "month": month_date, "form": form},
    )


IMPORTERS = {
    "values": services.monthly_values_import,
    "benchmarks": services.benchmarks_import,
    "teams": services.team_breakdown_import,
    "neighbours": services.statistical_neighbour_groups_import,
}


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    _require_editor(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    summary = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            summary = IMPORTERS[form.cleaned_data["kind"]](
                file_name=upload.name, data=upload.read(), actor=request.user
            )
        except ImportRejected as exc:
            errors = exc.errors
    return render(
        request,
        "performance/import.html",
        {"form": form, "errors": errors, "summary": summary},
        status=400 if errors else 200,
    )
