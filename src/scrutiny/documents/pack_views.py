"""Agenda pack pages and downloads. Both ask scrutiny.core.access; neither ever builds a pack."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.committees.models import Meeting
from scrutiny.core.access import Level, access_level
from scrutiny.documents.models import AgendaPack
from scrutiny.documents.pack_builds import pack_request


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.select_related("panel", "municipal_year"), pk=pk)


def pack_access(user, meeting: Meeting, variant: str) -> Level:
    # An unsaved pack carries the access facts of either variant of this meeting.
    return access_level(user, AgendaPack(meeting=meeting, variant=variant))


def _check(request, meeting: Meeting, variant: str) -> None:
    if variant not in AgendaPack.Variant.values:
        raise Http404("No such pack")
    level = pack_access(request.user, meeting, variant)
    if level is Level.NONE:
        raise Http404("The agenda for this meeting has not been published.")
    if level is Level.LISTING:
        raise PermissionDenied(
            "The members' pack includes papers that are not for publication. Only members of "
            "the panel and officers can download it; the public agenda pack is available to everyone."
        )


def meeting_packs(request, pk: int):
    """Both packs the user may have, ready or being prepared; queues what is missing."""
    meeting = _meeting(pk)
    entries: list[dict[str, Any]] = []
    for variant, label in AgendaPack.Variant.choices:
        if pack_access(request.user, meeting, variant) is not Level.CONTENT:
            continue
        entries.append(
            {
                "variant": variant,
                "label": label,
                "pack": pack_request(meeting=meeting, variant=variant),
            }
        )
    if not entries:
        _check(request, meeting, AgendaPack.Variant.PUBLIC)
    waiting = any(e["pack"].status != AgendaPack.Status.READY for e in entries)
    response = render(
        request,
        "documents/packs.html",
        {"meeting": meeting, "entries": entries, "waiting": waiting},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def pack_download(request, pk: int, variant: str):
    meeting = _meeting(pk)
    _check(request, meeting, variant)
    pack = pack_request(meeting=meeting, variant=variant)
    if pack.status != AgendaPack.Status.READY or not pack.file:
        # Never wait for a build, and never hand out a pack built from older papers.
        return redirect(reverse("documents:packs", args=[meeting.pk]) + f"#{variant}")
    response = FileResponse(
        pack.file.open("rb"), content_type="application/pdf", filename=pack.download_name
    )
    response["Cache-Control"] = (
        "private, no-store" if variant == AgendaPack.Variant.MEMBERS else "public, max-age=60"
    )
    response["ETag"] = f'"{pack.fingerprint}"'
    return response
