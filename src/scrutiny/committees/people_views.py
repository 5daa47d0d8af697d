"""Officers' screens for people, seats, memberships and municipal years (through services)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from scrutiny.committees import queries, services
from scrutiny.committees.forms import (
    MembershipEndForm,
    MembershipForm,
    MunicipalYearForm,
    PersonForm,
    SeatForm,
)
from scrutiny.committees.models import Membership, MunicipalYear, Panel, Person, Seat
from scrutiny.core.decorators import officer_required
from scrutiny.core.form_views import form_saved


def _form_page(request, form, *, title: str, button: str, caption: str = "", back: str = ""):
    return render(
        request,
        "committees/officer_form.html",
        {"form": form, "title": title, "button": button, "caption": caption, "back": back},
    )


@officer_required
def person_list(request):
    return render(
        request,
        "committees/person_list.html",
        {"people": Person.objects.order_by("kind", "name"), "panels": Panel.objects.all()},
    )


@officer_required
def person_new(request):
    form = PersonForm(request.POST or None)
    person = form_saved(
        request, form, lambda data: services.person_create(actor=request.user, **data)
    )
    if person is not None:
        messages.success(request, f"{person} added.")
        return redirect("committees:person_list")
    return _form_page(request, form, title="Add a person", button="Add person")


@officer_required
def person_edit(request, pk: int):
    person = get_object_or_404(Person, pk=pk)
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    form = PersonForm(request.POST or None, initial=initial)
    saved = form_saved(
        request,
        form,
        lambda data: services.person_update(actor=request.user, person=person, **data),
    )
    if saved is not None:
        messages.success(request, f"{saved} changed.")
        return redirect("committees:person_list")
    return _form_page(request, form, title=f"Change {person}", button="Save changes")


@officer_required
def panel_seats(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    today = timezone.localdate()
    seats = panel.seats.prefetch_related("memberships__person").order_by("kind", "order", "pk")
    return render(
        request,
        "committees/panel_seats.html",
        {
            "panel": panel,
            "holders": queries.seat_holders(panel, today),
            "seats": seats,
            "today": today,
        },
    )


@officer_required
def seat_new(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    form = SeatForm(request.POST or None)
    seat = form_saved(
        request, form, lambda data: services.seat_create(actor=request.user, panel=panel, **data)
    )
    if seat is not None:
        messages.success(request, f"Seat added: {seat}.")
        return redirect("committees:panel_seats", slug=panel.slug)
    return _form_page(request, form, title="Add a seat", button="Add seat", caption=panel.name)


@officer_required
def membership_new(request, pk: int):
    seat = get_object_or_404(Seat.objects.select_related("panel"), pk=pk)
    form = MembershipForm(request.POST or None)
    membership = form_saved(
        request,
        form,
        lambda data: services.membership_start(actor=request.user, seat=seat, **data),
    )
    if membership is not None:
        messages.success(request, f"{membership} from {membership.start_date:%-d %B %Y}.")
        return redirect("committees:panel_seats", slug=seat.panel.slug)
    return _form_page(request, form, title="Appoint to a seat", button="Appoint", caption=str(seat))


@officer_required
def membership_end(request, pk: int):
    membership = get_object_or_404(
        Membership.objects.select_related("seat__panel", "person"), pk=pk
    )
    form = MembershipEndForm(request.POST or None)
    ended = form_saved(
        request,
        form,
        lambda data: services.membership_end(actor=request.user, membership=membership, **data),
    )
    if ended is not None:
        messages.success(request, f"{ended} ends on {ended.end_date:%-d %B %Y}.")
        return redirect("committees:panel_seats", slug=membership.seat.panel.slug)
    return _form_page(
        request, form, title="End a membership", button="End membership", caption=str(membership)
    )


@officer_required
def year_list(request):
    return render(request, "committees/year_list.html", {"years": MunicipalYear.objects.all()})


@officer_required
def year_new(request):
    form = MunicipalYearForm(request.POST or None)
    year = form_saved(
        request, form, lambda data: services.municipal_year_create(actor=request.user, **data)
    )
    if year is not None:
        messages.success(request, f"Municipal year {year} created.")
        return redirect("committees:year_detail", pk=year.pk)
    return _form_page(request, form, title="Create a municipal year", button="Create year")


@officer_required
def year_detail(request, pk: int):
    year = get_object_or_404(MunicipalYear, pk=pk)
    meetings = year.meetings.select_related("panel").order_by("date", "start_time")
    return render(
        request,
        "committees/year_detail.html",
        {"year": year, "meetings": meetings, "panels": Panel.objects.all()},
    )
