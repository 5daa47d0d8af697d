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
