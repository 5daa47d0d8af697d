"""The read-only JSON API, version 1, with its OpenAPI 3 document.

Anonymous callers get the public view (what the pages show a visitor); an officer or panel
member may send a personal token (``Authorization: Bearer scr_...``) to read as themselves.
Session cookies are ignored here, so no page visit can lend its rights to a script.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from scrutiny.committees.models import Meeting, Panel
from scrutiny.documents.models import Document
from scrutiny.public.api import declared, records
from scrutiny.public.api import schemas as s
from scrutiny.public.api.http import set_last_modified
from scrutiny.public.ocd import Identifiers
from scrutiny.public.services import api_token_user

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50


class PersonalToken(HttpBearer):
    """A personal API token; a wrong or revoked one is refused rather than read as public."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token)
        if user is None:
            raise AuthenticationError()
        return user


def public_caller(request: HttpRequest) -> Any:
    """No token at all: the public view."""
    if "Authorization" in request.headers:
        return None  # a malformed header is refused, not taken as anonymous
    return AnonymousUser()


api = NinjaAPI(
    title="Scrutiny open data",
    version="1",
    description=(
        "Panels, people and memberships, meetings with their agendas and papers, minutes, "
        "recommendations, attendance, declarations of interest, the published register of "
        "interests, the work programme and published performance figures. Data is "
        "published under the Open Government Licence v3.0."
    ),
    urls_namespace="api-v1",
    docs_url=None,
    auth=[PersonalToken(), public_caller],
)


def _caller(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _paginate(request: HttpRequest, rows: QuerySet | list, page: int, page_size: int) -> dict:
    page = max(page, 1)
    page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
    count = rows.count() if isinstance(rows, QuerySet) else len(rows)
    start = (page - 1) * page_size
    chunk = list(rows[start : start + page_size])

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        query["page_size"] = str(page_size)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "page": page,
        "page_size": page_size,
        "next": link(page + 1) if start + page_size < count else None,
        "previous": link(page - 1) if page > 1 else None,
        "results": chunk,
    }


def _panel_q(panel: str | None, field: str) -> Q:
    if not panel:
        return Q()
    if panel.isdigit():
        return Q(**{f"{field}__pk": int(panel)})
    return Q(**{f"{field}__slug": panel})


# Panels, people, memberships ---------------------------------------------------------------


@api.get("/panels", response=s.page_of(s.OrganizationOut), tags=["panels"])
def panel_list(request: HttpRequest, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    """Panels (OCD organizations)."""
    ids = Identifiers.for_council()
    result = _paginate(request, Panel.objects.order_by("name"), page, page_size)
    result["results"] = [records.organization(p, ids) for p in result["results"]]
    return result


@api.get("/panels/{slug}", response=s.OrganizationOut, tags=["panels"])
def panel_detail(request: HttpRequest, slug: str):
    """One panel, by its slug."""
    return records.organization(get_object_or_404(Panel, slug=slug), Identifiers.for_council())


@api.get("/people", response=s.page_of(s.PersonOut), tags=["people"])
def person_list(
    request: HttpRequest,
    kind: str | None = None,
    party: str | None = None,
    ward: str | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Councillors and appointed members (OCD people), with ward and party."""
    people = records.public_people()
    if kind:
        people = people.filter(kind=kind)
    if party:
        people = people.filter(party__iexact=party)
    if ward:
        people = people.filter(ward__iexact=ward)
    ids = Identifiers.for_council()
    result = _paginate(request, people, page, page_size)
    result["results"] = [records.person(p, ids) for p in result["results"]]
    return result


@api.get("/people/{slug}", response=s.PersonOut, tags=["people"])
def person_detail(request: HttpRequest, slug: str):
    person = get_object_or_404(records.public_people(), slug=slug)
    return records.person(person, Identifiers.for_council())


@api.get("/memberships", response=s.page_of(s.MembershipOut), tags=["people"])
def membership_list(
    request: HttpRequest,
    panel: str | None = None,
    current: bool | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Seats held on panels (OCD memberships); ``current=true`` for today's members."""
    from django.utils import timezone

    from scrutiny.committees.models import Membership

    rows = records.memberships().filter(_panel_q(panel, "seat__panel"))
    if current:
        rows = rows.filter(Membership.active_q(timezone.localdate()))
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    result["results"] = [records.membership(m, ids) for m in result["results"]]
    return result


# Meetings and papers -----------------------------------------------------------------------


class MeetingFilters(s.Schema):
    panel: str | None = None
    status: str | None = None
    from_date: date | None = None
    to_date: date | None = None
    updated_since: datetime | None = None


@api.get("/meetings", response=s.page_of(s.EventOut), tags=["meetings"])
def meeting_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[MeetingFilters],
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Meetings (OCD events), oldest first. ``status`` is the OCD status (confirmed,
    cancelled, passed) or the meeting's own (scheduled, agenda_published, held, ...)."""
    rows = records.meetings().filter(_panel_q(filters.panel, "panel"))
    if filters.from_date:
        rows = rows.filter(date__gte=filters.from_date)
    if filters.to_date:
        rows = rows.filter(date__lte=filters.to_date)
    rows = rows.filter(records.updated_since_q("updated_at", filters.updated_since))
    if filters.status and filters.status not in ("confirmed", "cancelled", "passed"):
        rows = rows.filter(status=filters.status)
    items: QuerySet | list = rows
    if filters.status in ("confirmed", "cancelled", "passed"):
        items = [m for m in rows if records.event_status(m) == filters.status]
    ids = Identifiers.for_council()
    result = _paginate(request, items, page, page_size)
    set_last_modified(response, [m.updated_at for m in result["results"]])
    result["results"] = [records.event(m, ids) for m in result["results"]]
    return result


@api.get("/meetings/{pk}", response=s.EventDetailOut, tags=["meetings"])
def meeting_detail(request: HttpRequest, response: HttpResponse, pk: int):
    """One meeting with its agenda (once published) and papers."""
    meeting = get_object_or_404(records.meetings(), pk=pk)
    caller = _caller(request)
    data = records.event_detail(meeting, caller, Identifiers.for_council())
    set_last_modified(response, [meeting.updated_at, *[d["updated_at"] for d in data["documents"]]])
    return data


class DocumentFilters(s.Schema):
    panel: str | None = None
    meeting: int | None = None
    kind: str | None = None
    updated_since: datetime | None = None


@api.get("/documents", response=s.page_of(s.DocumentOut), tags=["meetings"])
def document_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[DocumentFilters],
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Published papers. A withheld paper is listed by title and exempt paragraph only,
    without its file."""
    caller = _caller(request)
    rows = records.listed_documents(caller).filter(_panel_q(filters.panel, "meeting__panel"))
    if filters.meeting:
        rows = rows.filter(meeting_id=filters.meeting)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    rows = rows.filter(records.updated_since_q("updated_at", filters.updated_since))
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    set_last_modified(response, [d.updated_at for d in result["results"]])
    result["results"] = [records.document(d, caller, ids) for d in result["results"]]
    return result


@api.get("/documents/{pk}", response=s.DocumentOut, tags=["meetings"])
def document_detail(request: HttpRequest, pk: int):
    caller = _caller(request)
    document = get_object_or_404(records.listed_documents(caller), pk=pk)
    return records.document(document, caller, Identifiers.for_council())


# Minutes, recommendations, work programme ------------------------------------------------


@api.get("/minutes", response=s.page_of(s.MinutesOut), tags=["decisions"])
def minutes_list(
    request: HttpRequest,
    panel: str | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Published minutes (without their items: fetch one meeting's minutes for those)."""
    caller = _caller(request)
    rows = records.listed_minutes(caller).filter(_panel_q(panel, "meeting__panel"))
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    result["results"] = [
        records.minutes(m, caller, ids, with_items=False) for m in result["results"]
    ]
    return result


@api.get("/meetings/{pk}/minutes", response=s.MinutesOut, tags=["decisions"])
def minutes_detail(request: HttpRequest, pk: int):
    """A meeting's minutes and resolutions; minutes taken in private by number and title."""
    caller = _caller(request)
    minutes = get_object_or_404(records.listed_minutes(caller), meeting_id=pk)
    return records.minutes(minutes, caller, Identifiers.for_council(), with_items=True)


class RecommendationFilters(s.Schema):
    panel: str | None = None
    status: str | None = None
    from_date: date | None = None
    to_date: date | None = None
    updated_since: datetime | None = None


@api.get("/recommendations", response=s.page_of(s.RecommendationOut), tags=["decisions"])
def recommendation_list(
    request: HttpRequest,
    filters: Query[RecommendationFilters],
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Recommendations with their status history, action taken and executive response."""
    caller = _caller(request)
    rows = records.listed_recommendations(caller).filter(_panel_q(filters.panel, "meeting__panel"))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.from_date:
        rows = rows.filter(meeting__date__gte=filters.from_date)
    if filters.to_date:
        rows = rows.filter(meeting__date__lte=filters.to_date)
    if filters.updated_since:
        rows = rows.filter(
            Q(changes__recorded_at__gte=filters.updated_since)
            | Q(updates__recorded_at__gte=filters.updated_since)
        ).distinct()
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    result["results"] = [records.recommendation(r, ids) for r in result["results"]]
    return result


@api.get("/recommendations/{pk}", response=s.RecommendationOut, tags=["decisions"])
def recommendation_detail(request: HttpRequest, pk: int):
    caller = _caller(request)
    recommendation = get_object_or_404(records.listed_recommendations(caller), pk=pk)
    return records.recommendation(recommendation, Identifiers.for_council())


@api.get("/work-programme", response=s.page_of(s.WorkItemOut), tags=["decisions"])
def work_programme(
    request: HttpRequest,
    panel: str | None = None,
    status: str | None = None,
    year: str | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Topics on the panels' work programmes; ``year`` as "2024/25"."""
    rows = records.work_items().filter(_panel_q(panel, "panel"))
    if status:
        rows = rows.filter(status=status)
    if year:
        rows = rows.filter(municipal_year__label=year)
    result = _paginate(request, rows, page, page_size)
    allowed = records.readable_recommendation_ids(_caller(request), result["results"])
    ids = Identifiers.for_council()
    result["results"] = [records.work_item(w, allowed, ids) for w in result["results"]]
    return result


# Attendance, declarations, register of interests -----------------------------------------


@api.get("/meetings/{pk}/attendance", response=s.page_of(s.AttendanceOut), tags=["meetings"])
def attendance_list(
    request: HttpRequest, pk: int, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE
):
    """Who attended a meeting and in what capacity, as its page lists them (empty until the
    meeting is held)."""
    meeting = get_object_or_404(records.meetings(), pk=pk)
    return _paginate(
        request, declared.attendance(meeting, Identifiers.for_council()), page, page_size
    )


@api.get("/declarations", response=s.page_of(s.DeclarationOut), tags=["decisions"])
def declaration_list(
    request: HttpRequest,
    panel: str | None = None,
    meeting: int | None = None,
    person: str | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Declarations of interest recorded in published minutes. None on a minute taken in
    private is listed unless the caller may read that minute."""
    rows = declared.readable_declarations(_caller(request))
    if panel:
        rows = [
            d
            for d in rows
            if (
                str(d.minutes.meeting.panel_id) if panel.isdigit() else d.minutes.meeting.panel.slug
            )
            == panel
        ]
    if meeting:
        rows = [d for d in rows if d.minutes.meeting_id == meeting]
    if person:
        rows = [d for d in rows if d.person.slug == person]
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    result["results"] = [declared.declaration(d, ids) for d in result["results"]]
    return result


@api.get("/interests", response=s.page_of(s.InterestOut), tags=["people"])
def interest_list(
    request: HttpRequest,
    person: str | None = None,
    current: bool | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """The published register of interests of councillors and appointed members. Sensitive
    interests (Localism Act 2011 s.32) are never listed: see a person's register for how
    many are withheld."""
    rows = declared.published_interests()
    if person:
        rows = rows.filter(person__slug=person)
    if current is not None:
        rows = rows.filter(ended_on__isnull=current)
    ids = Identifiers.for_council()
    result = _paginate(request, rows, page, page_size)
    result["results"] = [declared.interest(i, ids) for i in result["results"]]
    return result


@api.get("/people/{slug}/interests", response=s.RegisterOut, tags=["people"])
def person_register(request: HttpRequest, slug: str):
    """One person's published register: current and past entries, and how many sensitive
    interests are withheld."""
    person = get_object_or_404(declared.register_people(), slug=slug)
    return declared.register(person, Identifiers.for_council())


# Performance -------------------------------------------------------------------------------


@api.get("/indicators", response=s.page_of(s.IndicatorOut), tags=["performance"])
def indicator_list(request: HttpRequest, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE):
    from scrutiny.performance.models import Indicator

    rows = Indicator.objects.select_related("section")
    result = _paginate(request, rows, page, page_size)
    result["results"] = [records.indicator(i) for i in result["results"]]
    return result


class ValueFilters(s.Schema):
    indicator: str | None = None
    from_month: str | None = None
    to_month: str | None = None
    updated_since: datetime | None = None


@api.get("/indicator-values", response=s.page_of(s.IndicatorValueOut), tags=["performance"])
def indicator_value_list(
    request: HttpRequest,
    response: HttpResponse,
    filters: Query[ValueFilters],
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Monthly values as published: small numbers suppressed ("c") for the public, as on the
    performance pages. Months as YYYY-MM."""
    from django.db.models import Prefetch

    from scrutiny.performance.access import sees_exact_values
    from scrutiny.performance.models import MonthlyValue, Target
    from scrutiny.performance.parsing import parse_month

    rows = MonthlyValue.objects.select_related("indicator").prefetch_related(
        Prefetch("indicator__targets", queryset=Target.objects.order_by("effective_from"))
    )
    if filters.indicator:
        rows = rows.filter(indicator__code=filters.indicator)
    for name, lookup in (("from_month", "month__gte"), ("to_month", "month__lte")):
        text = getattr(filters, name)
        if text:
            try:
                month = parse_month(text)
            except ValueError:
                from ninja.errors import HttpError

                raise HttpError(422, f"{name}: give a month as YYYY-MM, not {text!r}") from None
            rows = rows.filter(**{lookup: month})
    rows = rows.filter(records.updated_since_q("updated_at", filters.updated_since))
    rows = rows.order_by("indicator__section__position", "indicator__position", "month")
    result = _paginate(request, rows, page, page_size)
    set_last_modified(response, [v.updated_at for v in result["results"]])
    exact = sees_exact_values(_caller(request))
    result["results"] = records.indicator_values(result["results"], exact=exact)
    return result


@api.get("/benchmarks", response=s.page_of(s.BenchmarkOut), tags=["performance"])
def benchmark_list(
    request: HttpRequest,
    indicator: str | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
):
    """Comparators (statistical neighbours, region, England) by year."""
    from scrutiny.performance.models import Benchmark

    rows = Benchmark.objects.select_related("indicator")
    if indicator:
        rows = rows.filter(indicator__code=indicator)
    result = _paginate(request, rows, page, page_size)
    result["results"] = [records.benchmark(b) for b in result["results"]]
    return result


def latest_change() -> datetime | None:
    """The newest meeting or paper change, for the documentation page."""
    newest = [
        Meeting.objects.aggregate(m=Max("updated_at"))["m"],
        Document.objects.aggregate(m=Max("updated_at"))["m"],
    ]
    known = [n for n in newest if n]
    return max(known) if known else None
