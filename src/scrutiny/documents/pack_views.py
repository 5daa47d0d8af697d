"""Agenda pack pages and downloads. Both ask scrutiny.core.access; neither ever builds a pack.

Once the agenda is published the packs are its issues as printed (``pack_issues``); before
that, officers see the pack of the papers as they are now (``pack_builds``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from scrutiny.committees.models import Meeting
from scrutiny.core.access import Level, access_level, can_edit
from scrutiny.documents.models import AgendaPack, PackIssue
from scrutiny.documents.pack_builds import pack_request
from scrutiny.documents.pack_issues import issue_request


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
        if meeting.agenda_is_published:
            pack: Any = issue_request(meeting, variant)
        else:
            pack = pack_request(meeting=meeting, variant=variant)
        entries.append(
            {
                "variant": variant,
                "label": label,
                "pack": pack,
                "issues": issues_shown(meeting, variant),
            }
        )
    if not entries:
        _check(request, meeting, AgendaPack.Variant.PUBLIC)
    waiting = any(e["pack"] is not None and e["pack"].status != "ready" for e in entries)
    response = render(
        request,
        "documents/packs.html",
        {
            "meeting": meeting,
            "entries": entries,
            "waiting": waiting,
            "officer": can_edit(request.user),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def issues_shown(meeting: Meeting, variant: str) -> list[PackIssue]:
    """Every printed issue of this pack, newest first (withdrawn ones listed, their files
    kept to officers)."""
    return list(
        meeting.pack_issues.filter(variant=variant)
        .exclude(status__in=[PackIssue.Status.PENDING, PackIssue.Status.BUILDING])
        .order_by("-number")
    )


def _serve(file, name: str, *, public: bool, etag: str):
    response = FileResponse(file.open("rb"), content_type="application/pdf", filename=name)
    # A public issue can be withdrawn at any moment (a paper made exempt): shared caches may
    # keep it but must ask again each time, so a withdrawn issue is never handed out stale.
    response["Cache-Control"] = (
        "public, max-age=0, must-revalidate" if public else "private, no-store"
    )
    response["ETag"] = f'"{etag}"'
    return response


def pack_download(request, pk: int, variant: str):
    """The current pack: the latest issue once published, the papers as they are before."""
    meeting = _meeting(pk)
    _check(request, meeting, variant)
    public = variant == AgendaPack.Variant.PUBLIC
    if meeting.agenda_is_published:
        issue = issue_request(meeting, variant)
        if issue is None or issue.status != PackIssue.Status.READY or not issue.file:
            return redirect(reverse("documents:packs", args=[meeting.pk]) + f"#{variant}")
        return _serve(issue.file, issue.download_name, public=public, etag=issue.sha256)
    pack = pack_request(meeting=meeting, variant=variant)
    if pack.status != AgendaPack.Status.READY or not pack.file:
        # Never wait for a build, and never hand out a pack built from older papers.
        return redirect(reverse("documents:packs", args=[meeting.pk]) + f"#{variant}")
    return _serve(pack.file, pack.download_name, public=public, etag=pack.fingerprint)


def pack_issue_download(request, pk: int, variant: str, number: int):
    """One issue as printed. A withdrawn public issue is kept for officers only."""
    meeting = _meeting(pk)
    _check(request, meeting, variant)
    issue = get_object_or_404(
        PackIssue, meeting=meeting, variant=variant, number=number, status=PackIssue.Status.READY
    )
    if issue.is_withdrawn and not can_edit(request.user):
        raise Http404("This issue of the pack has been withdrawn.")
    public = variant == AgendaPack.Variant.PUBLIC and not issue.is_withdrawn
    return _serve(issue.file, issue.download_name, public=public, etag=issue.sha256)
