"""The register's pages: the list, a case, each stage's form, themes and recommendations.

The import is in ``import_views``, the yearly figures in ``figure_views``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scrutiny.core.access import Level
from scrutiny.core.audit import audit_trail
from scrutiny.core.dates import current_year
from scrutiny.core.decorators import editors_required
from scrutiny.core.forms import run_service
from scrutiny.core.identifiers import identifier_kind, reference_problem
from scrutiny.core.models import Council
from scrutiny.reviews import forms, queries, rules, services
from scrutiny.reviews.models import (
    CASE_WORKFLOW,
    PARTNERSHIP_GROUP,
    CaseReview,
    Partnership,
    ReviewRecommendation,
)

editors_only = editors_required(PARTNERSHIP_GROUP, services.REFUSAL)


def register(request):
    cases = list(queries.register(request.user))
    return render(
        request,
        "reviews/register.html",
        {
            "cases": cases,
            "can_keep": queries.can_keep_register(request.user),
            "year": current_year(timezone.localdate()),
        },
    )


def case_detail(request, pk: int):
    case, level = queries.case_for(request.user, pk)
    if case is None or level is Level.NONE:
        raise Http404("No such case review")
    if level is not Level.CONTENT:
        raise PermissionDenied("The details of this case review are not for publication.")
    region = Council.load().bank_holiday_region
    keeper = queries.can_keep_register(request.user)
    return render(
        request,
        "reviews/case.html",
        {
            "case": case,
            "can_keep": keeper,
            "notification_days": rules.notification_days(case, region),
            "notification_due": rules.notification_due(case, region),
            "notified_in_time": rules.notified_in_time(case, region),
            "decision_days": rules.decision_days(case, region),
            "decision_due": rules.decision_due(case, region),
            "decided_in_time": rules.decided_in_time(case, region),
            "rules": rules,
            "next_steps": CASE_WORKFLOW.allowed_from(case.status) if keeper else [],
            "trail": list(audit_trail(case)[:50]) if keeper else [],
        },
    )


@editors_only
def case_new(request):
    partnership = Partnership.objects.order_by("pk").first()
    if partnership is None:
        raise Http404("No safeguarding partnership is set up yet")
    form = forms.CaseCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        case = run_service(
            form,
            lambda: services.case_review_create(
                actor=request.user,
                partnership=partnership,
                reference=d["reference"],
                incident_date=d["incident_date"],
                aware_date=d["aware_date"],
                notification_date=d["notification_date"],
            ),
        )
        if case is not None:
            messages.success(request, f"Case {case.reference} added to the register.")
            return redirect(case.get_absolute_url())
    return form_page(request, form, "Add a case to the register", None, "Add the case")


def _forget_identifiers(form) -> None:
    """Never show a refused identifier back, not even to the person who typed it."""
    if not form.is_bound or not form.errors:
        return
    data = form.data.copy()
    for name in form.fields:
        value = data.get(name, "")
        if isinstance(value, str) and (
            identifier_kind(value) or (name == "reference" and reference_problem(value))
        ):
            data[name] = ""
    form.data = data


def form_page(request, form, title: str, case: CaseReview | None, button: str, **extra: Any):
    _forget_identifiers(form)
    return render(
        request,
        "reviews/form.html",
        {
            "form": form,
            "errors_form": form,
            "title": title,
            "case": case,
            "button": button,
            **extra,
        },
        status=400 if form.errors else 200,
    )


@dataclass(frozen=True)
class Stage:
    """One stage of a case: its form, and the service its fields are passed to by name."""

    form: type
    title: str
    button: str
    service: Callable[..., Any]
    shown: tuple[str, ...] = ()  # fields prefilled from the case


STAGES = {
    "dates": Stage(
        forms.CaseDatesForm,
        "Dates of the incident and notification",
        "Save the dates",
        services.case_review_update_dates,
        ("incident_date", "aware_date", "notification_date"),
    ),
    "notify": Stage(
        forms.NotifyForm,
        "Serious incident notification",
        "Record the notification",
        services.case_review_notify,
    ),
    "decide": Stage(
        forms.DecisionForm,
        "Rapid review and decision",
        "Record the decision",
        services.case_review_decide,
    ),
    "milestones": Stage(
        forms.MilestonesForm,
        "Practice review milestones",
        "Save the milestones",
        services.case_review_record_milestones,
        ("commissioned_on", "reviewer", "draft_received_on", "sent_to_national_panel_on"),
    ),
    "publish": Stage(
        forms.PublishForm,
        "Publication of the review",
        "Record the publication",
        services.case_review_publish,
    ),
    "close": Stage(
        forms.CloseForm, "Closing the case", "Close the case", services.case_review_close
    ),
}


@editors_only
def case_stage(request, pk: int, stage: str):
    """A stage's form; the service gets the version the editor saw, to refuse a stale save."""
    step = STAGES[stage]
    case = get_object_or_404(CaseReview.objects.select_related("partnership"), pk=pk)
    initial = {name: getattr(case, name) for name in step.shown}
    form = step.form(request.POST or None, initial={**initial, "version": case.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        call = lambda: step.service(  # noqa: E731
            actor=request.user, case=case, expected_version=version, **data
        )
        if run_service(form, call) is not None:
            messages.success(request, f"Case {case.reference}: {step.title.lower()} saved.")
            return redirect(case.get_absolute_url())
    return form_page(request, form, step.title, case, step.button)


@editors_only
def case_themes(request, pk: int):
    case = get_object_or_404(CaseReview, pk=pk)
    initial = {"themes": list(case.themes.all()), "version": case.version}
    form = forms.ThemesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        call = lambda: services.case_review_set_themes(  # noqa: E731
            actor=request.user,
            case=case,
            themes=[t.name for t in d["themes"]] + d["new_themes"].splitlines(),
            expected_version=d["version"],
        )
        if run_service(form, call) is not None:
            messages.success(request, f"Case {case.reference}: learning themes saved.")
            return redirect(case.get_absolute_url())
    return form_page(request, form, "Learning themes", case, "Save the themes")


@editors_only
def recommendation_new(request, pk: int):
    case = get_object_or_404(CaseReview, pk=pk)
    form = forms.RecommendationForm(request.POST or None, initial={"status": "open"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def call():
            item = services.review_recommendation_add(
                actor=request.user,
                case=case,
                text=d["text"],
                owning_agency=d["owning_agency"],
                action=d["action"],
                recorded_on=timezone.localdate(),
            )
            if d["status"] != item.status or d["evidence_of_impact"]:
                item = services.review_recommendation_update(
                    actor=request.user,
                    recommendation=item,
                    text=d["text"],
                    owning_agency=d["owning_agency"],
                    action=d["action"],
                    evidence_of_impact=d["evidence_of_impact"],
                    to=d["status"],
                    completed_on=d["completed_on"],
                )
            return item

        from django.db import transaction

        if run_service(form, lambda: transaction.atomic(call)()) is not None:
            messages.success(request, "Recommendation added.")
            return redirect(case.get_absolute_url())
    return form_page(request, form, "Add a recommendation", case, "Add the recommendation")


@editors_only
def recommendation_edit(request, pk: int):
    item = get_object_or_404(ReviewRecommendation.objects.select_related("case"), pk=pk)
    initial = {
        f: getattr(item, f)
        for f in ("text", "owning_agency", "action", "evidence_of_impact", "status", "completed_on")
    }
    form = forms.RecommendationForm(
        request.POST or None, initial={**initial, "version": item.version}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.review_recommendation_update(
                actor=request.user,
                recommendation=item,
                text=d["text"],
                owning_agency=d["owning_agency"],
                action=d["action"],
                evidence_of_impact=d["evidence_of_impact"],
                to=d["status"],
                completed_on=d["completed_on"],
                expected_version=d["version"],
            ),
        )
        if saved is not None:
            messages.success(request, f"Recommendation {item.number} saved.")
            return redirect(item.case.get_absolute_url())
    return form_page(
        request, form, f"Recommendation {item.number}", item.case, "Save the recommendation"
    )
