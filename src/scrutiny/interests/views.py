"""Registers of interests: the member's own, and the officers' screens. Thin: services decide."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees.models import Person
from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service
from scrutiny.interests import queries, services
from scrutiny.interests.forms import DecisionForm, EndForm, InterestForm
from scrutiny.interests.models import ChangeKind, InterestSubmission

MEMBERS = (Person.Kind.COUNCILLOR, Person.Kind.APPOINTED)


def _changing(person: Person, request):
    """The entry a member is changing or ending (?change=<pk>&kind=change|end)."""
    pk = request.GET.get("change") or request.POST.get("interest")
    if not pk:
        return None
    return get_object_or_404(person.interests.filter(ended_on__isnull=True), pk=pk)


def _register_page(request, person: Person, *, officer: bool):
    """One screen for a register: the member notifies changes; an officer records them."""
    changing = _changing(person, request)
    kind = request.POST.get("change") or request.GET.get("kind") or ChangeKind.ADD
    if kind not in ChangeKind.values:
        raise Http404("Unknown kind of change")
    initial = {}
    if kind == ChangeKind.CHANGE and changing is not None:
        initial = {
            "category": changing.category,
            "description": changing.description,
            "is_sensitive": changing.is_sensitive,
        }
    elif officer and request.GET.get("description"):
        # From a declaration at a meeting of an interest not on the register.
        initial = {"description": request.GET["description"], "arose_on": request.GET.get("on")}
    form_class = EndForm if kind == ChangeKind.END else InterestForm
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call: Callable[[], object]
        if officer and kind == ChangeKind.ADD:
            call = lambda: services.interest_register(actor=request.user, person=person, **data)  # noqa: E731
            done = "Interest added to the register."
        else:
            call = lambda: services.interest_submission_create(  # noqa: E731
                actor=request.user, person=person, change=kind, interest=changing, **data
            )
            done = "Change notified: an officer will add it to the register."
        if run_service(form, call) is not None:
            messages.success(request, done)
            return redirect(request.path)
    context = {
        "person": person,
        "register": queries.full_register(person),
        "form": form,
        "kind": kind,
        "changing": changing,
        "officer": officer,
        "failed": form if form.errors else None,
    }
    return render(request, "interests/register.html", context, status=400 if form.errors else 200)


@login_required
def my_register(request):
    person = Person.objects.filter(user=request.user, kind__in=MEMBERS).first()
    if person is None:
        raise PermissionDenied("Only councillors and appointed members have a register.")
    return _register_page(request, person, officer=False)


@officer_required
def person_register(request, slug: str):
    person = get_object_or_404(Person.objects.filter(kind__in=MEMBERS), slug=slug)
    return _register_page(request, person, officer=True)


@officer_required
def officer_index(request):
    return render(
        request,
        "interests/index.html",
        {"pending": queries.pending_submissions(), "form": DecisionForm()},
    )


@officer_required
def decide(request, pk: int):
    submission = get_object_or_404(InterestSubmission.objects.select_related("person"), pk=pk)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data["note"]
        call: Callable[[], object]
        if request.POST.get("decision") == "accept":
            call = lambda: services.interest_submission_accept(  # noqa: E731
                actor=request.user, submission=submission, note=note
            )
        else:
            call = lambda: services.interest_submission_decline(  # noqa: E731
                actor=request.user, submission=submission, note=note
            )
        if run_service(form, call) is not None:
            messages.success(request, "Decision recorded.")
            return redirect("interests:index")
    return render(
        request,
        "interests/decide.html",
        {"submission": submission, "form": form, "failed": form if form.errors else None},
        status=400 if form.errors else 200,
    )


def published_register_csv(request, slug: str | None = None):
    """The published register as CSV, for one member or everyone: the same for every caller
    (sensitive interests are withheld even from officers here), so it may be cached."""
    from scrutiny.interests.downloads import register_rows, to_csv

    people = Person.objects.filter(kind__in=MEMBERS).order_by("name")
    if slug is not None:
        people = people.filter(pk=get_object_or_404(people, slug=slug).pk)
    response = HttpResponse(to_csv(register_rows(people)), content_type="text/csv; charset=utf-8")
    name = f"register-of-interests-{slug}" if slug else "register-of-interests"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Link"] = '</open-data-licence/>; rel="license"'
    response["Cache-Control"] = "public, max-age=300"
    return response
