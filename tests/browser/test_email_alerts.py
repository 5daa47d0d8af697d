"""Signing up for email alerts in a real browser: the GOV.UK pattern, checked with axe-core,
in its error state too; and the page sends a policy that blocks inline script."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_signing_up_for_alerts_is_accessible_with_and_without_errors(page, demo_server):
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{demo_server}/panels/children-and-families/")
    page.get_by_role("link", name="Sign up for email alerts").click()
    expect(page.get_by_role("heading", name="Get email alerts")).to_be_visible()
    assert axe_violations(page) == []
    page.fill("#id_email", "not an address")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile("^Error: "))
    summary = page.locator(".govuk-error-summary")
    assert "correct format" in summary.inner_text()
    assert page.evaluate("document.activeElement.closest('.govuk-error-summary') !== null")
    assert axe_violations(page) == []
    page.fill("#id_email", "resident@example.org")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert blocked == []


def test_confirming_a_cancelled_subscription_shows_an_accessible_error(live_page, live_app):
    from scrutiny.notifications import services, tokens
    from scrutiny.notifications.models import Subscription
    from tests.committees.factories import PanelFactory

    subscription = Subscription.objects.create(email="resident@example.org", panel=PanelFactory())
    services.subscription_cancel(subscription=subscription)
    path = "/" + tokens.confirm_url(subscription).split("/", 3)[3]
    live_page.goto(live_app + path)
    assert axe_violations(live_page) == []
    live_page.get_by_role("button", name="Confirm email alerts").click()
    expect(live_page.locator(".govuk-error-summary")).to_contain_text("was cancelled")
    assert live_page.title().startswith("Error: ")
    assert axe_violations(live_page) == []
