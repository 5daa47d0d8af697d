"""The register's yearly figures for any period: the page, the printable appendix, the PDF."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from scrutiny.core.dates import Period, PeriodError, current_year, parse_period
from scrutiny.reviews import forms, queries
from scrutiny.reviews.printing import figures_context, figures_pdf


def _period_or_404(key: str) -> Period:
    try:
        return parse_period(key)
    except PeriodError as exc:
        raise Http404(str(exc)) from exc


def figures_current(request):
    form = forms.PeriodForm(request.GET or None)
    if request.GET and form.is_valid():
        period = Period(form.cleaned_data["start"], form.cleaned_data["end"])
        return redirect("reviews:figures", period.key)
    if request.GET:
        return render(
            request, "reviews/figures.html", {"form": form, "errors_form": form}, status=400
        )
    return redirect("reviews:figures", current_year(timezone.localdate()).key)


def figures(request, key: str):
    period = _period_or_404(key)
    keeper = queries.can_keep_register(request.user)
    form = forms.PeriodForm(initial={"start": period.start, "end": period.end})
    context = figures_context(period, suppress=not keeper)
    years = queries.neighbouring_years(period, timezone.localdate())
    return render(
        request,
        "reviews/figures.html",
        {**context, "form": form, "can_keep": keeper, "years": years},
    )


def figures_print(request, key: str):
    period = _period_or_404(key)
    return render(request, "reviews/appendix_page.html", figures_context(period, suppress=True))


def figures_download(request, key: str):
    period = _period_or_404(key)
    response = HttpResponse(
        figures_pdf(period, base_url=request.build_absolute_uri("/")),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="case-reviews-{period.key}.pdf"'
    return response


def figures_url(period: Period) -> str:
    return reverse("reviews:figures", args=[period.key])
