"""A member's private notes: annotate a paper, add, change and delete notes, list and export
them. Every view answers for the signed-in owner's notes alone."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.core.access import Level, access_level
from scrutiny.core.actors import Refused
from scrutiny.core.forms import run_service
from scrutiny.documents.models import Document
from scrutiny.members import notes, services
from scrutiny.members.forms import NoteForm
from scrutiny.members.models import PrivateNote
from scrutiny.members.paragraphs import PAGE, PARAGRAPH, paper_parts


def _paper(request, pk: int) -> Document:
    if not request.user.is_authenticated:
        raise Refused("Sign in to annotate papers.")
    document = get_object_or_404(
        Document.objects.select_related("meeting__panel", "agenda_item", "exempt_category"), pk=pk
    )
    if access_level(request.user, document) is Level.NONE:
        raise Http404("No such document")
    if not notes.may_annotate(request.user, document):
        raise PermissionDenied("Private notes are for panel members who may read the paper.")
    return document


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def annotate(request, pk: int):
    document = _paper(request, pk)
    context = {"annotated": notes.annotated(request.user, document), "document": document}
    return _private(render(request, "members/annotate.html", context))


def note_new(request, pk: int):
    document = _paper(request, pk)
    anchor = request.GET.get("anchor", PARAGRAPH)
    try:
        position = int(request.GET.get("position", "0"))
    except ValueError:
        position = 0
    part = next(
        (p for p in paper_parts(document) if p.kind == anchor and p.position == position), None
    )
    if anchor not in (PARAGRAPH, PAGE) or part is None:
        raise Http404("No such paragraph or page")
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.note_save(
                actor=request.user,
                document=document,
                anchor=anchor,
                position=position,
                text=form.cleaned_data["text"],
                highlight=form.cleaned_data["highlight"],
            ),
        )
        if saved is not None:
            messages.success(request, "Note saved. Only you can see it.")
            return redirect(f"/members/documents/{document.pk}/notes/#{part.anchor}")
    context = {
        "document": document,
        "part": part,
        "form": form,
        "errors_form": form if form.errors else None,
    }
    status = 400 if form.errors else 200
    return _private(render(request, "members/note_form.html", context, status=status))


def _own_note(request, pk: int) -> PrivateNote:
    if not request.user.is_authenticated:
        raise Refused("Sign in to see your notes.")
    note = (
        PrivateNote.objects.select_related("document__meeting__panel")
        .filter(pk=pk, owner=request.user)
        .first()
    )
    if note is None or not notes.may_annotate(request.user, note.document):
        raise Http404("No such note")  # another member's note does not exist for you
    return note


def note_edit(request, pk: int):
    note = _own_note(request, pk)
    form = NoteForm(request.POST or None, initial={"text": note.text, "highlight": note.highlight})
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.note_save(
                actor=request.user,
                document=note.document,
                anchor=note.anchor,
                position=note.position,
                text=form.cleaned_data["text"],
                highlight=form.cleaned_data["highlight"],
                note=note,
            ),
        )
        if saved is not None:
            messages.success(request, "Note saved.")
            return redirect(f"/members/documents/{note.document_id}/notes/")
    context = {
        "document": note.document,
        "note": note,
        "form": form,
        "errors_form": form if form.errors else None,
    }
    status = 400 if form.errors else 200
    return _private(render(request, "members/note_form.html", context, status=status))


def note_delete(request, pk: int):
    note = _own_note(request, pk)
    if request.method != "POST":
        return redirect(f"/members/documents/{note.document_id}/notes/")
    document_id = note.document_id
    services.note_delete(actor=request.user, note=note)
    messages.success(request, "Note deleted.")
    return redirect(f"/members/documents/{document_id}/notes/")


def my_notes(request):
    if not request.user.is_authenticated:
        raise Refused("Sign in to see your notes.")
    if request.method == "POST" and request.POST.get("action") == "delete_all":
        count = services.notes_delete_mine(actor=request.user)
        messages.success(request, f"{count} note{'s' if count != 1 else ''} deleted.")
        return redirect("members:notes")
    context = {"notes": notes.readable_notes(request.user)}
    return _private(render(request, "members/notes.html", context))


def notes_export(request):
    if not request.user.is_authenticated:
        raise Refused("Sign in to export your notes.")
    response = HttpResponse(notes.export_csv(request.user), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="my-private-notes.csv"'
    return _private(response)
