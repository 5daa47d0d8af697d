"""Document pages and file downloads: both go through the same access check."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from scrutiny.core.access import Level, access_level
from scrutiny.documents.models import Document


def _document_for(request, pk: int) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("meeting__panel", "agenda_item", "exempt_category"), pk=pk
    )
    level = access_level(request.user, document)
    if level is Level.NONE:
        raise Http404("No such document")
    if level is Level.LISTING:
        category = document.exempt_category.label if document.exempt_category else "exempt"
        raise PermissionDenied(
            f"“{document.display_title}” is not for publication ({category}). "
            "Only members of the panel and officers can read it."
        )
    return document


def document_detail(request, pk: int):
    document = _document_for(request, pk)
    return render(request, "documents/detail.html", {"document": document})


def document_file(request, pk: int):
    document = _document_for(request, pk)
    if not document.file:
        raise Http404("This document has no file")
    response = FileResponse(
        document.file.open("rb"),
        content_type=document.content_type or "application/octet-stream",
        as_attachment=False,
        filename=document.file_name or None,
    )
    response["Cache-Control"] = "private, no-store" if document.is_exempt else "public, max-age=300"
    return response
