"""The youth justice figures page, its printable appendix and the officers' import."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from scrutiny.core.access import can_edit
from scrutiny.core.decorators import officer_required
from scrutiny.core.tabular import ImportRejected
from scrutiny.youthjustice import services
from scrutiny.youthjustice.figures import tables_as_at
from scrutiny.youthjustice.hooks import title_for
from scrutiny.youthjustice.models import Release

MAX_BYTES = 2 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Youth Justice Board table (CSV or XLSX)",
        help_text="Columns: measure, period, period_end, area_type, area, numerator, denominator, value.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    source = forms.CharField(
        label="Source",
        max_length=300,
        required=False,
        help_text="For example the publication's name.",
    )


def _as_at(key: str) -> date:
    try:
        return date.fromisoformat(key)
    except ValueError as exc:
        raise Http404("Not a date") from exc


def figures(request, key: str | None = None):
    as_at = _as_at(key) if key else timezone.localdate()
    return render(
        request,
        "youthjustice/figures.html",
        {
            "tables": tables_as_at(as_at),
            "as_at": as_at,
            "title": title_for(as_at),
            "can_import": can_edit(request.user),
            "releases": Release.objects.all()[:5],
        },
    )


def figures_print(request, key: str):
    as_at = _as_at(key)
    return render(
        request,
        "youthjustice/print.html",
        {"tables": tables_as_at(as_at), "as_at": as_at, "title": title_for(as_at)},
    )


@officer_required
def figures_import(request):
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            release = services.youth_justice_import(
                actor=request.user,
                file_name=upload.name,
                data=upload.read(MAX_BYTES + 1),
                source=form.cleaned_data["source"],
            )
        except ImportRejected as rejected:
            problems = [str(e) for e in rejected.errors]
            form.add_error("file", f"{len(problems)} problem(s) found; nothing was saved.")
        else:
            messages.success(request, f"{release.rows} figures imported from {release.file_name}.")
            return redirect("youthjustice:current")
    return render(
        request,
        "youthjustice/import.html",
        {"form": form, "errors_form": form, "problems": problems},
        status=400 if form.errors else 200,
    )
