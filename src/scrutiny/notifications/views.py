"""Subscribing to a panel's alerts by email, confirming and unsubscribing: no account."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from scrutiny.committees.models import Panel
from scrutiny.core.forms import run_service
from scrutiny.notifications import services, tokens
from scrutiny.notifications.forms import ConfirmForm, SubscribeForm


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def subscribe(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_service(
            form,
            lambda: services.subscription_request(email=form.cleaned_data["email"], panel=panel),
        )
        if done is not None:
            return redirect("notifications:check_email", slug=panel.slug)
    return _private(render(request, "notifications/subscribe.html", {"panel": panel, "form": form}))


def check_email(request, slug: str):
    panel = get_object_or_404(Panel, slug=slug)
    return _private(render(request, "notifications/check_email.html", {"panel": panel}))


@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET shows a button and changes nothing (mail scanners follow links); POST confirms."""
    subscription = tokens.subscription_for(token, purpose="confirm")
    if subscription is None:
        return _private(render(request, "notifications/link_expired.html", status=404))
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_confirm(subscription=subscription)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return _private(
                render(request, "notifications/confirmed.html", {"subscription": subscription})
            )
    return _private(
        render(
            request,
            "notifications/confirm.html",
            {"subscription": subscription, "form": form},
        )
    )


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail programs POST with no form token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscription = tokens.subscription_for(token, purpose="unsubscribe")
    if subscription is None:
        return _private(render(request, "notifications/link_expired.html", status=404))
    if request.method == "POST":
        services.subscription_cancel(subscription=subscription)
        return _private(
            render(request, "notifications/unsubscribed.html", {"subscription": subscription})
        )
    return _private(
        render(request, "notifications/unsubscribe.html", {"subscription": subscription})
    )
