"""Sign-in screens: the second factor, its set-up, password reset and officers' unlocks."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutiny.core.decorators import officer_required
from scrutiny.core.forms import run_service
from scrutiny.core.signin import is_officer, signin_lock_clear

INPUT = {"class": "govuk-input govuk-input--width-10", "autocomplete": "one-time-code"}


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's reset form; the message is queued for the worker rather than sent here."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.template import loader

        from scrutiny.core.queue import enqueue
        from scrutiny.core.tasks import account_email_send

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        enqueue(account_email_send, to_email, subject, body)


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={**INPUT, "inputmode": "numeric"}),
    )


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return "/"


@login_required
def second_factor(request):
    """The code after the password, for an officer with an authenticator app."""
    devices = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not devices:
        return redirect("second_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_token(form.cleaned_data["code"].strip()):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("code", "The code is not right or has expired: enter the newest code.")
    return render(
        request,
        "core/second_factor.html",
        {"form": form, "next": _safe_next(request)},
        status=400 if form.errors else 200,
    )


@login_required
def second_factor_setup(request):
    """An officer adds an authenticator app: the key is shown once, confirmed with a code."""
    if not is_officer(request.user):
        raise PermissionDenied("The second factor is for officers' accounts.")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Your authenticator app is set up.")
            return redirect("/")
        form.add_error("code", "The code is not right: check the key and the clock of your device.")
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "core/second_factor_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "uri": device.config_url,
        },
        status=400 if form.errors else 200,
    )


class UnlockForm(forms.Form):
    username = forms.CharField(
        required=False, label="Username", widget=forms.TextInput(attrs={"class": "govuk-input"})
    )
    address = forms.CharField(
        required=False,
        label="Or the address (IP) that is locked",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )


@officer_required
def lockouts(request):
    """Accounts and addresses locked after repeated failed sign-ins; an officer unlocks them."""
    from axes.models import AccessAttempt

    form = UnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cleared = run_service(
            form,
            lambda: signin_lock_clear(
                actor=request.user,
                username=form.cleaned_data["username"],
                address=form.cleaned_data["address"],
            ),
        )
        if cleared is not None:
            messages.success(request, f"Unlocked ({cleared} record{'s' if cleared != 1 else ''}).")
            return redirect("signin_lockouts")
    attempts = AccessAttempt.objects.order_by("-attempt_time")[:200]
    return render(
        request,
        "core/lockouts.html",
        {"form": form, "attempts": attempts},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("accounts/second-factor/", second_factor, name="second_factor"),
    path("accounts/second-factor/setup/", second_factor_setup, name="second_factor_setup"),
    path("accounts/locks/", lockouts, name="signin_lockouts"),
    path(
        "accounts/password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="core/password_reset.html",
            form_class=QueuedPasswordResetForm,
            email_template_name="core/password_reset_email.txt",
            subject_template_name="core/password_reset_subject.txt",
            success_url=reverse_lazy("password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="core/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "accounts/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="core/password_reset_confirm.html",
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="core/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
