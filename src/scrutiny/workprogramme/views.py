"""Work programme pages: one per panel and municipal year; officers add and close items."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scrutiny.committees.models import MunicipalYear, Panel
from scrutiny.core.access import Level, can_edit, visible
from scrutiny.core.decorators import officer_required as officer_view
from scrutiny.core.forms import error_messages, run_service
from scrutiny.recommendations.models import Recommendation
from scrutiny.workprogramme import forms, queries, services
from scrutiny.workprogramme.models import WorkItem


def _year(label: str) -> MunicipalYear:
    return get_object_or_404(MunicipalYear, label=label.replace("-", "/"))


def programme_current(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    today = timezone.localdate()
    year = (
        MunicipalYear.objects.filter(start_date__lte=today, end_date__gte=today).first()
        or MunicipalYear.objects.filter(work_items__panel=panel).order_by("-start_date").first()
    )
    if year is None:
        return render(
            request,
            "workprogramme/programme.html",
            {"panel": panel, "year": None, "items": [], "years": []},
        )
    return redirect("workprogramme:year", panel.slug, queries.year_slug(year))


def programme(request, slug: str, year: str):
    panel = get_object_or_404(Panel, slug=slug)
    municipal_year = _year(year)
    items = list(queries.work_programme(panel, municipal_year))
    allowed = set(
        visible(
            request.user, Recommendation.objects.filter(work_items__in=items), Level.CONTENT
        ).values_list("pk", flat=True)
    )
    rows = [
        {"item": i, "recommendations": [r for r in i.recommendations.all() if r.pk in allowed]}
        for i in items
    ]
    return render(
        request,
        "workprogramme/programme.html",
        {
            "panel": panel,
            "year": municipal_year,
            "rows": rows,
            "years": queries.years_with_items(panel),
            "can_edit": can_edit(request.user),
        },
    )


@officer_view
def item_create(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    form = forms.WorkItemForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item = run_service(
            form,
            lambda: services.work_item_add(
                actor=request.user,
                panel=panel,
                municipal_year=d["municipal_year"],
                topic=d["topic"],
                reason=d["reason"],
                detail=d["detail"],
                lead_officer=d["lead_officer"],
                target_meeting=d["target_meeting"],
                target_period=d["target_period"],
                recommendations=d["recommendations"],
            ),
        )
        if item is not None:
            messages.success(request, "Added to the work programme.")
            return redirect(item.get_absolute_url())
    return render(
        request,
        "workprogramme/create.html",
        {"panel": panel, "form": form, "errors_form": form if form.errors else None},
        status=400 if form.errors else 200,
    )


@officer_view
def item_transition(request, pk: int):
    item = get_object_or_404(WorkItem.objects.select_related("panel", "municipal_year"), pk=pk)
    form = forms.WorkItemTransitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        if (
            run_service(
                form,
                lambda: services.work_item_transition(
                    actor=request.user, item=item, to=d["to"], reason=d["reason"]
                ),
            )
            is not None
        ):
            messages.success(request, "Work programme updated.")
            return redirect(item.get_absolute_url())
    for error in error_messages(form):
        messages.error(request, error)
    return redirect(item.get_absolute_url())
