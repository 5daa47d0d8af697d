"""Tracker pages: read-only for everyone; officers record progress and the panel's decisions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form as DjangoForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.access import Level, access_level, can_edit
from scrutiny.core.actors import require_officer
from scrutiny.core.audit import audit_trail
from scrutiny.core.decorators import officer_required as officer_view
from scrutiny.core.forms import error_messages, run_service
from scrutiny.core.pdf import html_to_pdf
from scrutiny.minutes.models import Resolution
from scrutiny.recommendations import evidence_links, forms, queries, services
from scrutiny.recommendations.models import Recommendation


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise Http404("Give the date as YYYY-MM-DD") from exc


def tracker(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    recommendations = list(queries.tracker(panel, request.user))
    judgement = request.GET.get("evidence", "")
    recommendations = evidence_links.with_evidence(recommendations, request.user, judgement)
    reports = (
        Meeting.objects.filter(panel=panel, agenda_items__kind="monitoring")
        .distinct()
        .order_by("-date")
    )
    return render(
        request,
        "recommendations/tracker.html",
        {
            "panel": panel,
            "recommendations": recommendations,
            "reports": reports,
            "today": timezone.localdate(),
            "can_edit": can_edit(request.user),
            "judgement": judgement,
        },
    )


def monitoring(request, slug: str, on: str):
    panel = get_object_or_404(Panel, slug=slug)
    report = queries.monitoring_report(panel, _parse_day(on), user=request.user)
    linked = [
        (row, found)
        for row in report.rows
        if (found := evidence_links.linked_evidence(row.recommendation, request.user))
    ]
    return render(request, "recommendations/monitoring.html", {"report": report, "linked": linked})


def monitoring_pdf(request, slug: str, on: str):
    panel = get_object_or_404(Panel, slug=slug)
    report = queries.monitoring_report(panel, _parse_day(on), user=request.user)
    html = render_to_string(
        "recommendations/monitoring_pdf.html", {"report": report}, request=request
    )
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'inline; filename="scrutiny-monitoring-{report.on:%Y-%m-%d}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def recommendation_detail(request, pk: int):
    recommendation = get_object_or_404(
        queries._with_history(Recommendation.objects.all()),
        pk=pk,
    )
    level = access_level(request.user, recommendation)
    if level is not Level.CONTENT:
        raise PermissionDenied(
            "This recommendation was made in private and is not for publication."
        )
    officer = can_edit(request.user)
    bound, errors_form = {}, None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "evidence_unlink":
            link = get_object_or_404(recommendation.evidence_links, pk=request.POST.get("link"))
            services.recommendation_evidence_unlink(actor=request.user, link=link)
            messages.success(request, "Evidence link removed.")
            return redirect(recommendation.get_absolute_url() + "#evidence")
        if action != "evidence_link":
            require_officer(request.user, "Only officers can update recommendations.")
        form, ok = _handle(request, recommendation, action)
        if ok:
            messages.success(request, "Saved.")
            return redirect(recommendation.get_absolute_url())
        bound[action], errors_form = form, form
    context = {
        "recommendation": recommendation,
        "can_edit": officer,
        "errors_form": errors_form,
        "today": timezone.localdate(),
        "audit": audit_trail(recommendation)[:50] if officer else [],
        "evidence": evidence_links.linked_evidence(recommendation, request.user),
        "may_link": request.user.is_authenticated
        and evidence_links.may_link(recommendation, request.user),
    }
    if context["may_link"]:
        context["evidence_form"] = bound.get("evidence_link") or forms.EvidenceLinkForm(prefix="e")
    if officer:
        context["transition_form"] = bound.get("transition") or forms.TransitionForm(
            recommendation=recommendation, prefix="t"
        )
        context["action_form"] = bound.get("action") or forms.ActionForm(prefix="a")
        context["response_form"] = bound.get("response") or forms.ResponseForm(
            prefix="r", initial={"version": recommendation.version}
        )
    return render(
        request, "recommendations/detail.html", context, status=400 if errors_form else 200
    )


def _handle(request, recommendation: Recommendation, action: str):
    user = request.user
    form: DjangoForm
    call: Callable[[dict[str, Any]], object]
    if action == "transition":
        form = forms.TransitionForm(request.POST, recommendation=recommendation, prefix="t")
        call = lambda d: services.recommendation_transition(  # noqa: E731
            actor=user,
            recommendation=recommendation,
            to=d["to"],
            on=d["on"],
            at_meeting=d["at_meeting"],
            reason=d["reason"],
            opened_version=d["version"],
        )
    elif action == "action":
        form = forms.ActionForm(request.POST, prefix="a")
        call = lambda d: services.recommendation_log_action(  # noqa: E731
            actor=user, recommendation=recommendation, text=d["text"], on=d["on"]
        )
    elif action == "evidence_link":
        form = forms.EvidenceLinkForm(request.POST, prefix="e")
        call = lambda d: services.recommendation_evidence_link(  # noqa: E731
            actor=user, recommendation=recommendation, reference=d["reference"]
        )
    elif action == "response":
        form = forms.ResponseForm(request.POST, prefix="r")
        call = lambda d: services.recommendation_record_response(  # noqa: E731
            actor=user,
            recommendation=recommendation,
            text=d["text"],
            received_on=d["received_on"],
            opened_version=d["version"],
        )
    else:
        raise Http404("Unknown action")
    ok = form.is_valid() and run_service(form, lambda: call(form.cleaned_data)) is not None
    return form, ok


@officer_view
def recommendation_create(request):
    resolution = None
    if request.GET.get("resolution", "").isdigit():
        resolution = get_object_or_404(
            Resolution.objects.select_related("item__minutes__meeting"),
            pk=int(request.GET["resolution"]),
        )
    initial = {}
    if resolution is not None:
        initial = {
            "meeting": resolution.item.minutes.meeting,
            "title": resolution.item.title,
            "action_proposed": resolution.text,
        }
    form = forms.RecommendationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        created = run_service(
            form,
            lambda: services.recommendation_create(
                actor=request.user,
                meeting=d["meeting"],
                title=d["title"],
                action_proposed=d["action_proposed"],
                addressee_kind=d["addressee_kind"],
                addressee=d["addressee"],
                resolution=resolution,
                lead_officer=d["lead_officer"],
                due_date=d["due_date"],
                target_meeting=d["target_meeting"],
            ),
        )
        if created is not None:
            messages.success(request, "Recommendation added to the tracker.")
            return redirect(created.get_absolute_url())
    return render(
        request,
        "recommendations/create.html",
        {"form": form, "resolution": resolution, "errors_form": form if form.errors else None},
        status=400 if form.errors else 200,
    )


@officer_view
def panel_decision(request, meeting_pk: int):
    """Record the panel's decision on a monitoring-report item, from the minutes screen."""
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=meeting_pk)
    if request.method != "POST":
        return redirect("minutes:edit", meeting.pk)
    form = forms.DecisionForm(request.POST)
    if form.is_valid():
        d, user = form.cleaned_data, request.user
        calls = {
            "accept": lambda: services.recommendation_accept(
                actor=user, recommendation=d["recommendation"], at_meeting=meeting
            ),
            "decline": lambda: services.recommendation_decline(
                actor=user,
                recommendation=d["recommendation"],
                at_meeting=meeting,
                reason=d["reason"],
            ),
            "remove": lambda: services.recommendation_transition(
                actor=user, recommendation=d["recommendation"], to="removed", at_meeting=meeting
            ),
        }
        if run_service(form, calls[d["decision"]]) is not None:
            messages.success(request, "The panel's decision has been recorded.")
            return redirect("minutes:edit", meeting.pk)
    for error in error_messages(form):
        messages.error(request, error)
    return redirect("minutes:edit", meeting.pk)
