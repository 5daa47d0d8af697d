"""Minutes pages, read-only for everyone (access-checked): the list, a meeting's minutes, the PDF.

The officers' screens are ``edit_views`` (the minutes of a meeting) and ``item_views`` (one
minute and its parts).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from scrutiny.committees.models import Meeting
from scrutiny.core.access import can_edit
from scrutiny.core.pdf import html_to_pdf
from scrutiny.minutes import queries


def minutes_index(request):
    return render(
        request, "minutes/index.html", {"minutes_list": queries.minutes_list(request.user)}
    )


def _view_or_404(request, meeting_pk: int) -> queries.MinutesView:
    meeting = get_object_or_404(Meeting.objects.select_related("panel"), pk=meeting_pk)
    minutes = queries.minutes_for(meeting)
    view = queries.minutes_view(minutes, request.user) if minutes else None
    if view is None:
        raise Http404("No published minutes for this meeting")
    return view


def council_name() -> str:
    from scrutiny.core.models import Council

    return Council.load().name


def minutes_detail(request, meeting_pk: int):
    view = _view_or_404(request, meeting_pk)
    return render(
        request,
        "minutes/detail.html",
        {"view": view, "council": council_name(), "can_edit": can_edit(request.user)},
    )


def minutes_pdf(request, meeting_pk: int):
    view = _view_or_404(request, meeting_pk)
    html = render_to_string(
        "minutes/pdf.html", {"view": view, "council": council_name()}, request=request
    )
    response = HttpResponse(
        html_to_pdf(html, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    meeting = view.minutes.meeting
    response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
    response["Cache-Control"] = (
        "private, no-store"
        if view.minutes.items.filter(is_exempt=True).exists()
        else "public, max-age=300"
    )
    return response
