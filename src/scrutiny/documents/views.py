"""Document pages and file downloads: both go through the same access check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from scrutiny.core.access import Level, access_level, can_edit
from scrutiny.core.pagecache import anonymous_cache
from scrutiny.core.registry import render_sections
from scrutiny.documents.models import Document, DocumentVersion
from scrutiny.documents.reports import report_context


def _document_for(request, pk: int) -> Document:
    document = get_object_or_404(
        Document.objects.select_related(
            "meeting__panel", "agenda_item__exempt_category", "exempt_category"
        ),
        pk=pk,
    )
    level = access_level(request.user, document)
    if level is Level.NONE:
        raise Http404("No such document")
    if level is Level.LISTING:
        withheld_under = document.withholding_category
        category = withheld_under.label if withheld_under else "exempt"
        raise PermissionDenied(
            f"“{document.display_title}” is not for publication ({category}). "
            "Only members of the panel and officers can read it."
        )
    return document


@anonymous_cache
def document_detail(request, pk: int):
    document = _document_for(request, pk)
    report = getattr(document, "report", None) if document.kind == Document.Kind.REPORT else None
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "report_context": report_context(report) if report else None,
            "version_count": document.versions.count(),
            "can_edit": can_edit(request.user),
            "sections": render_sections("document_section", request, document),
        },
    )


def document_history(request, pk: int):
    """Earlier published versions; each is as restricted as the document itself."""
    document = _document_for(request, pk)
    versions = document.versions.select_related("exempt_category")
    return render(
        request,
        "documents/history.html",
        # Officers' usernames are for officers: the public reads "democratic services".
        {"document": document, "versions": versions, "can_edit": can_edit(request.user)},
    )


def document_version(request, pk: int, version: int):
    document = _document_for(request, pk)
    old = get_object_or_404(
        DocumentVersion.objects.select_related("exempt_category"),
        document=document,
        version=version,
    )
    if access_level(request.user, old) is not Level.CONTENT:
        raise PermissionDenied(
            f"Version {old.version} of “{document.display_title}” was not for publication "
            f"({old.exempt_category.label if old.exempt_category else 'exempt'})."
        )
    if old.file and "file" in request.GET:
        response = FileResponse(
            old.file.open("rb"),
            content_type=old.content_type or "application/octet-stream",
            filename=old.file_name,  # empty: the stored file's name
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "documents/version.html", {"document": document, "old": old})


def document_file(request, pk: int):
    document = _document_for(request, pk)
    if not document.file:
        raise Http404("This document has no file")
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type or "application/octet-stream",
        as_attachment=False,
        filename=document.file_name,  # empty: the stored file's name
    )
    # Public only for what everyone may read; core.caching makes it private for anyone
    # signed in and no-store wherever withheld or unpublished content was served.
    response["Cache-Control"] = (
        "private, no-store" if document.is_withheld() else "public, max-age=300"
    )
    return response
