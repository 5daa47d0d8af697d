"""Open data and the pages a council must publish: the API's documentation, API tokens,
calendars and feeds for all panels, the accessibility statement, privacy notice and licence."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from scrutiny.committees.models import Meeting, Panel
from scrutiny.core.access import Role, role_for
from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service
from scrutiny.public import feeds, services
from scrutiny.public.api.docs import PREFIX, endpoints
from scrutiny.public.api.v1 import MAX_PAGE_SIZE
from scrutiny.public.forms import ApiTokenForm, StatementForm
from scrutiny.public.models import ApiToken, Statement
from scrutiny.public.statements import starting_text, statement_page

# Feeds are the public view whoever asks (scrutiny.public.feeds), so shared caches may keep them.
FEED_CACHE = "public, max-age=300"


def base_url(request) -> str:
    """For links inside feeds only: identifiers never depend on the host."""
    return f"{request.scheme}://{request.get_host()}"


def calendar_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = FEED_CACHE
    return response


def feed_response(body: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
    response["Cache-Control"] = FEED_CACHE
    return response


def panel_calendar(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    body = feeds.meetings_calendar(
        Meeting.objects.filter(panel=panel), f"{panel.name} meetings", base_url(request)
    )
    return calendar_response(body, f"{panel.slug}-meetings.ics")


def site_calendar(request):
    body = feeds.meetings_calendar(Meeting.objects.all(), "Scrutiny meetings", base_url(request))
    return calendar_response(body, "scrutiny-meetings.ics")


def panel_papers_feed(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    return feed_response(feeds.publications_feed(panel, base_url(request), request.path))


def site_papers_feed(request):
    return feed_response(feeds.publications_feed(None, base_url(request), request.path))


def api_docs(request):
    return render(
        request,
        "public/api_docs.html",
        {"endpoints": endpoints(), "prefix": PREFIX, "max_page_size": MAX_PAGE_SIZE},
    )


def licence(request):
    return render(request, "public/licence.html")


def statement(request, kind: str):
    if kind not in Statement.Kind.values:
        raise Http404("No such page")
    page = statement_page(kind)
    return render(
        request,
        "public/statement.html",
        {"page": page, "can_edit": role_for(request.user).sees_everything},
    )


@officer_required
def statement_edit(request, kind: str):
    if kind not in Statement.Kind.values:
        raise Http404("No such page")
    page = statement_page(kind)
    initial = {
        "body": "\n\n".join(("## " if b.heading else "") + b.text for b in page.blocks)
        if page.is_council_text
        else starting_text(kind),
        "contact_email": page.contact_email,
        "contact_telephone": page.contact_telephone,
        "reviewed_on": page.reviewed_on,
        "version": page.version,
    }
    form = StatementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.statement_save(
                actor=request.user,
                kind=kind,
                body=data["body"],
                contact_email=data["contact_email"],
                contact_telephone=data["contact_telephone"],
                reviewed_on=data["reviewed_on"],
                expected_version=data["version"] or None,
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.get_kind_display()} saved.")
            return redirect(f"public:{kind}")
    return render(request, "public/statement_form.html", {"page": page, "form": form})


@login_required
def api_tokens(request):
    if role_for(request.user) is Role.PUBLIC:
        raise PermissionDenied("Only officers and panel members can have API tokens.")
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and request.POST.get("revoke"):
        token = get_object_or_404(ApiToken, pk=request.POST["revoke"], user=request.user)
        services.api_token_revoke(actor=request.user, token=token)
        messages.success(request, f"Token “{token.name}” revoked.")
        return redirect("public:api_tokens")
    if request.method == "POST" and form.is_valid():
        made = run_service(
            form,
            lambda: services.api_token_create(actor=request.user, name=form.cleaned_data["name"]),
        )
        if made is not None:
            secret = made[1]
            form = ApiTokenForm()
    response = render(
        request,
        "public/api_tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        },
    )
    response["Cache-Control"] = "private, no-store"
    return response


def panel_download(request, slug: str, name: str):
    from scrutiny.public.downloads import DOWNLOADS, to_csv

    panel = get_object_or_404(Panel, slug=slug)
    if name not in DOWNLOADS:
        raise Http404("No such download")
    _label, build = DOWNLOADS[name]
    response = HttpResponse(
        to_csv(build(panel, request.user)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{panel.slug}-{name}.csv"'
    response["Link"] = '</open-data-licence/>; rel="license"'
    # What a download holds depends on who asks: a signed-in copy is never shared.
    signed_in = request.user.is_authenticated
    response["Cache-Control"] = "private, no-store" if signed_in else FEED_CACHE
    return response


def meetings_by_month(request):
    """Every panel's meetings, by month, for one municipal year at a time (newest first)."""
    from itertools import groupby

    from scrutiny.committees.models import MunicipalYear

    years = list(MunicipalYear.objects.order_by("-start_date"))
    wanted = request.GET.get("year", "")
    year = next((y for y in years if y.label == wanted), years[0] if years else None)
    meetings = Meeting.objects.select_related("panel").order_by("date", "start_time")
    if year is not None:
        meetings = meetings.filter(date__gte=year.start_date, date__lte=year.end_date)
    months = [
        (first, list(group))
        for first, group in groupby(meetings, key=lambda m: m.date.replace(day=1))
    ]
    return render(
        request,
        "public/meetings_by_month.html",
        {"months": months, "years": years, "year": year},
    )
