"""Signing in: lockout per account and per address, password rules, reset by email, session
expiry, the officers' second factor."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from scrutiny.core.models import AuditEvent
from scrutiny.core.signin import LAST_SEEN
from tests.security.sweep import PASSWORD, council

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_account_is_locked_after_repeated_failures_even_with_the_right_password():
    people = council()
    client = Client()
    for n in range(5):
        _sign_in(client, "dso", f"wrong-{n}", address=f"10.0.1.{n}")
    response = _sign_in(client, "dso", PASSWORD, address="10.0.2.1")
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert not _signed_in(client)

    # An officer lifts the lock in the sign-in locks screen (audited); then it signs in.
    other_officer = User.objects.create_user("dso2", password=PASSWORD)
    other_officer.groups.set(people.officer.groups.all())
    officer = Client()
    officer.force_login(other_officer)
    page = officer.get("/accounts/locks/")
    assert page.status_code == 200 and "dso" in page.content.decode()
    assert officer.post("/accounts/locks/", {"username": "dso"}).status_code == 302
    assert AuditEvent.objects.filter(action="core.signin_lock_clear", actor=other_officer).exists()
    assert _sign_in(Client(), "dso", PASSWORD).status_code == 302


def test_an_address_is_locked_after_repeated_failures_across_accounts():
    council()
    client = Client()
    for name in ["chair", "former", "healthmember", "outsider", "nobody"]:
        _sign_in(client, name, "wrong-password", address="10.9.9.9")
    response = _sign_in(client, "dso", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert _sign_in(Client(), "dso", PASSWORD, address="10.9.9.10").status_code == 302


def test_members_and_the_public_cannot_unlock():
    people = council()
    for who in ["member", "outsider"]:
        assert people.client(who).post("/accounts/locks/", {"username": "dso"}).status_code == 403


@pytest.mark.parametrize("weak", ["password", "12345678", "passw0rd1", "dso-dso-dso"])
def test_weak_passwords_are_refused(weak):
    user = User(username="dso-dso-dso", email="dso@example.org")
    with pytest.raises(ValidationError):
        validate_password(weak, user)
    validate_password("Kestrel-orchard-71", user)


def test_password_reset_by_email_refuses_a_weak_new_password(run_tasks):
    council()
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "dso@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []  # sent by the worker, not in the request
    run_tasks()
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    target = form.redirect_chain[-1][0]
    weak = client.post(target, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "too common" in weak.content.decode()
    strong = client.post(
        target, {"new_password1": "Kestrel-orchard-71", "new_password2": "Kestrel-orchard-71"}
    )
    assert strong.status_code == 302
    assert User.objects.get(username="dso").check_password("Kestrel-orchard-71")


def test_sessions_end_on_browser_close_and_an_officers_after_a_working_day_idle(settings):
    people = council()
    client = Client()
    assert _sign_in(client, "dso", PASSWORD).status_code == 302
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert not cookie["expires"] and not cookie["max-age"]  # gone when the browser closes
    assert client.get("/accounts/locks/").status_code == 200

    session = client.session
    session[LAST_SEEN] = int(time.time()) - settings.SCRUTINY_OFFICER_IDLE_SECONDS - 60
    session.save()
    response = client.get("/accounts/locks/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not _signed_in(client)
    assert people.officer.pk  # the account itself is untouched


def _code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def test_an_officer_with_an_authenticator_gives_a_code_after_the_password():
    people = council()
    device = TOTPDevice.objects.create(user=people.officer, name="phone", confirmed=True)
    client = Client()
    _sign_in(client, "dso", PASSWORD)
    for page in ["/accounts/locks/", "/"]:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/second-factor/" in response["Location"]
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/second-factor/" in response["Location"]
    wrong = client.post("/accounts/second-factor/", {"code": "000000", "next": "/"})
    assert wrong.status_code == 400
    time.sleep(1.2)  # django-otp slows repeated guesses: a second after one failure
    assert client.post("/accounts/second-factor/", {"code": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200


def test_the_second_factor_can_be_required_of_every_officer(settings):
    settings.SCRUTINY_REQUIRE_OFFICER_OTP = True
    people = council()
    client = Client()
    _sign_in(client, "dso", PASSWORD)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/second-factor/setup/"
    page = client.get("/accounts/second-factor/setup/")
    assert "Set up your authenticator app" in page.content.decode()
    device = TOTPDevice.objects.get(user=people.officer)
    assert client.post("/accounts/second-factor/setup/", {"code": _code(device)}).status_code == 302
    assert client.get("/").status_code == 200
    # Members are not asked.
    member = Client()
    _sign_in(member, "chair", PASSWORD)
    assert member.get("/").status_code == 200
