"""Thin views: the panel's education evidence, generated papers, and the officers' screens."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.access import Level, access_level, can_edit
from scrutiny.core.actors import require_officer
from scrutiny.core.forms import run_service
from scrutiny.core.tabular import ImportRejected
from scrutiny.statistics import services as statistics
from scrutiny.statistics.models import Release
from scrutiny.statistics.sources import ensure_catalogue, mapping_by_key

from . import services
from .catalogue import TOPIC
from .forms import PaperAttachForm, ReleaseImportForm
from .models import EvidencePaper
from .queries import panel_evidence


def _officer(request: HttpRequest) -> None:
    require_officer(request.user, "Only officers may change the education figures.")


def index(request: HttpRequest) -> HttpResponse:
    """The evidence of the first panel (councils usually have one children's panel)."""
    panel = Panel.objects.order_by("pk").first()
    if panel is None:
        raise Http404("No panels yet")
    return redirect("education:panel", slug=panel.slug)


def panel_page(request: HttpRequest, slug: str) -> HttpResponse:
    panel = get_object_or_404(Panel, slug=slug)
    return render(
        request,
        "education/panel.html",
        {
            "panel": panel,
            "evidence": panel_evidence(request.user, panel),
            "can_edit": can_edit(request.user),
        },
    )


def paper_page(request: HttpRequest, pk: int) -> HttpResponse:
    paper = get_object_or_404(
        EvidencePaper.objects.select_related(
            "document__meeting__panel",
            "document__exempt_category",
            "document__agenda_item__exempt_category",
        ),
        pk=pk,
    )
    level = access_level(request.user, paper)
    if level is Level.NONE:
        raise Http404("No such paper")
    return render(
        request,
        "education/paper.html",
        {
            "paper": paper,
            "document": paper.document,
            "readable": level is Level.CONTENT,
            "can_edit": can_edit(request.user),
        },
    )


def releases(request: HttpRequest) -> HttpResponse:
    _officer(request)
    return render(
        request,
        "education/releases.html",
        {
            "releases": Release.objects.filter(topic=TOPIC).select_related(
                "panel", "exempt_category"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def release_import(request: HttpRequest) -> HttpResponse:
    _officer(request)
    form = ReleaseImportForm(request.POST or None, request.FILES or None)
    errors: list = []
    summary = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploaded = data.get("mapping_file")
        shipped = mapping_by_key(data["mapping"])
        mapping_name = uploaded.name if uploaded else data["mapping"]
        mapping_data = uploaded.read() if uploaded else shipped.read() if shipped else b""
        if shipped is not None:
            ensure_catalogue(shipped.app, actor=request.user)
        try:
            summary = run_service(
                form,
                lambda: statistics.release_import(
                    actor=request.user,
                    mapping_name=mapping_name,
                    mapping_data=mapping_data,
                    file_name=data["file"].name,
                    data=data["file"].read(),
                    replace=data["replace"],
                    panel=data["panel"],
                    is_confidential=data["is_confidential"],
                    exempt_category=data["exempt_category"],
                    public_interest_reasoning=data["public_interest_reasoning"],
                    release_after=data["release_after"],
                ),
            )
        except ImportRejected as exc:
            errors = exc.errors
    status = 400 if errors or form.errors else 200
    return render(
        request,
        "education/release_import.html",
        {"form": form, "errors": errors, "summary": summary},
        status=status,
    )


@require_POST
def release_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _officer(request)
    release = get_object_or_404(Release, pk=pk, topic=TOPIC)
    statistics.release_publish(actor=request.user, release=release)
    messages.success(request, f"Published {release.title}.")
    return redirect("education:releases")


@require_http_methods(["GET", "POST"])
def paper_attach(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    _officer(request)
    meeting = get_object_or_404(Meeting, pk=meeting_pk)
    form = PaperAttachForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        paper = run_service(
            form, lambda: services.evidence_paper_attach(actor=request.user, **form.cleaned_data)
        )
        if paper is not None:
            messages.success(request, f"Attached {paper.document.display_title}.")
            return redirect("education:paper", pk=paper.pk)
    return render(
        request,
        "education/paper_attach.html",
        {"form": form, "meeting": meeting},
        status=400 if form.errors else 200,
    )


@require_POST
def paper_regenerate(request: HttpRequest, pk: int) -> HttpResponse:
    _officer(request)
    paper = get_object_or_404(EvidencePaper, pk=pk)
    services.evidence_paper_regenerate(
        actor=request.user, paper=paper, reason="Regenerated from the figures held"
    )
    messages.success(request, "Regenerated from the figures held now.")
    return redirect("education:paper", pk=paper.pk)
