"""Public pages: home, panel, meeting and person. Reads come from each app's queries."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from scrutiny.committees import queries as committees
from scrutiny.committees.models import Meeting, MeetingStatus, MunicipalYear, Panel, Person
from scrutiny.core.access import Level, access_level
from scrutiny.core.pagecache import anonymous_cache
from scrutiny.core.registry import render_sections
from scrutiny.core.search_index import Filters
from scrutiny.documents.generated import generated_by_item
from scrutiny.documents.queries import documents_by_item
from scrutiny.public import search as site_search
from scrutiny.public.downloads import DOWNLOADS
from scrutiny.public.forms import SearchFilterForm


@anonymous_cache
def home(request):
    today = timezone.localdate()
    panels = Panel.objects.order_by("name")
    upcoming = (
        Meeting.objects.filter(date__gte=today)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("panel")
        .order_by("date")[:5]
    )
    recent = Meeting.objects.filter(date__lt=today).select_related("panel").order_by("-date")[:5]
    return render(
        request, "public/home.html", {"panels": panels, "upcoming": upcoming, "recent": recent}
    )


@anonymous_cache
def panel_detail(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    today = timezone.localdate()
    years = list(MunicipalYear.objects.filter(meetings__panel=panel).distinct())
    meetings = list(committees.meetings_for_panel(panel))
    holders = committees.seat_holders(panel, today)
    context = {
        "panel": panel,
        "councillors": [h for h in holders if h.seat.kind == "councillor"],
        "appointed": [h for h in holders if h.seat.kind == "appointed"],
        "contacts": panel.contacts.select_related("person"),
        "upcoming": [m for m in meetings if m.date >= today],
        "past": list(reversed([m for m in meetings if m.date < today])),
        "years": years,
        "terms": [
            line.strip()[2:] if line.strip().startswith("- ") else line.strip()
            for line in panel.terms_of_reference.splitlines()
            if line.strip()
        ],
        "sections": render_sections("panel_section", request, panel),
        "downloads": [(name, label) for name, (label, _build) in DOWNLOADS.items()],
    }
    return render(request, "public/panel.html", context)


@anonymous_cache
def meeting_detail(request, pk: int):
    try:
        meeting = committees.meeting_with_agenda(pk)
    except Meeting.DoesNotExist as exc:
        raise Http404("No such meeting") from exc
    documents = documents_by_item(meeting, request.user)
    generated = generated_by_item(meeting, request.user)
    items = []
    for item in meeting.agenda_items.all():
        level = access_level(request.user, item)
        if level is Level.NONE:
            continue
        items.append(
            {
                "item": item,
                "content_visible": level is Level.CONTENT,
                "documents": documents.get(item.pk, []),
                "generated": generated.get(item.pk, []) if level is Level.CONTENT else [],
            }
        )
    # Read once for both the attendance list and the quorum.
    roll = committees.meeting_roll(meeting) if meeting.has_been_held else None
    context = {
        "meeting": meeting,
        "items": items,
        "agenda_visible": bool(items),
        "general_documents": documents.get(None, []),
        "attendance": committees.meeting_attendance(meeting, roll) if roll else [],
        "quorum": committees.meeting_quorum(meeting, roll) if roll else None,
        "substitutions": roll.substitutions
        if roll
        else meeting.substitutions.select_related("member", "substitute").order_by("pk"),
        # Dated notices and supplementary-agenda changes, newest first (committees records them).
        "changes": list(meeting.changes.all()),
        "sections": render_sections("meeting_section", request, meeting),
    }
    return render(request, "public/meeting.html", context)


def person_detail(request, slug: str):
    person = get_object_or_404(Person, slug=slug)
    if person.kind in (Person.Kind.OFFICER, Person.Kind.OTHER):
        raise Http404("No public page for officers")
    record = committees.person_attendance_record(person)
    memberships = person.memberships.select_related("seat__panel").order_by("-start_date")
    return render(
        request,
        "public/person.html",
        {
            "person": person,
            "record": record,
            "memberships": memberships,
            "sections": render_sections("person_section", request, person),
        },
    )


SEARCH_PAGE_SIZE = 20


def _search_filters(request) -> tuple[SearchFilterForm, Filters]:
    form = SearchFilterForm(request.GET, panels=Panel.objects.order_by("name"))
    if not form.is_valid():
        return form, Filters()
    data = form.cleaned_data
    return form, Filters(
        panel_id=form.panel_ids.get(data["panel"]),
        date_from=data["date_from"],
        date_to=data["date_to"],
        kinds=frozenset([data["kind"]]) if data["kind"] else None,
    )


def search(request):
    query = request.GET.get("q", "").strip()[: site_search.MAX_QUERY_LENGTH]
    terms = site_search.parse_terms(query)
    filters_form, filters = _search_filters(request)
    results = site_search.site_search(request.user, query, filters)
    paginator = Paginator(results, SEARCH_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    others = request.GET.copy()
    others.pop("page", None)
    response = render(
        request,
        "public/search.html",
        {
            "query": query,
            "searched": bool(query),
            "too_short": bool(query) and not terms,
            "filters": filters_form,
            "filtered": any(v for k, v in request.GET.items() if k not in ("q", "page")),
            "querystring": others.urlencode(),
            "page": page,
            "page_numbers": list(paginator.get_elided_page_range(page.number, on_ends=1)),
            "ellipsis": paginator.ELLIPSIS,
            "results": [(r, site_search.highlight(r.snippet, terms)) for r in page],
            "total": paginator.count,
        },
    )
    # Results depend on who is asking: never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store"
    return response
