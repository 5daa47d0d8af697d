"""The members' pages: "My meetings" and each meeting's briefing (page and PDF)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from scrutiny.committees.models import Meeting
from scrutiny.core.access import Role, can_edit, can_view, role_for
from scrutiny.core.actors import Refused
from scrutiny.core.pdf import html_to_pdf
from scrutiny.members import queries, services
from scrutiny.members.briefing import SECTIONS
from scrutiny.members.models import Briefing


def home(request):
    """A member's own home; officers have theirs at /manage/."""
    if not request.user.is_authenticated:
        raise Refused("Sign in to see your meetings.")
    if can_edit(request.user):
        return redirect("workspace:home")
    person = queries.person_of(request.user)
    if person is None or role_for(request.user) is not Role.MEMBER:
        raise PermissionDenied("My meetings is for councillors and appointed members of a panel.")
    today = timezone.localdate()
    services.home_visit_record(actor=request.user)  # first: "new" means since the visit before
    mine = queries.my_meetings(request.user, person, today)
    return render(request, "members/home.html", {"mine": mine, "today": today})


def _briefing_for(request, pk: int) -> tuple[Meeting, Briefing | None]:
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=pk)
    briefing = Briefing.objects.filter(meeting=meeting).select_related("previous_meeting").first()
    stand_in = briefing or Briefing(meeting=meeting, as_at=meeting.date)
    if not can_view(request.user, stand_in):
        if not request.user.is_authenticated:
            raise Refused("Sign in to read the briefing.")
        if not meeting.agenda_is_published:
            raise Http404("No briefing yet.")
        raise PermissionDenied("The briefing is for the panel's members and officers.")
    return meeting, briefing


def _grouped(briefing: Briefing | None) -> list[tuple[str, str, list[dict]]]:
    lines = briefing.lines if briefing else []
    return [
        (code, title, [ln for ln in lines if ln["section"] == code]) for code, title in SECTIONS
    ]


def briefing_page(request, pk: int):
    meeting, briefing = _briefing_for(request, pk)
    context = {"meeting": meeting, "briefing": briefing, "sections": _grouped(briefing)}
    return render(request, "members/briefing.html", context)


def briefing_pdf(request, pk: int):
    meeting, briefing = _briefing_for(request, pk)
    if briefing is None:
        raise Http404("The briefing is being prepared.")
    context = {"meeting": meeting, "briefing": briefing, "sections": _grouped(briefing)}
    html = render_to_string("members/briefing_pdf.html", context, request=request)
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="briefing-{meeting.date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
