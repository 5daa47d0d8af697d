"""In a browser: an officer records, from the minutes screen of 28 November 2024, that the panel
accepts the three complete items; the next monitoring report lists only the four in progress."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser


def _report_rows(page, base: str, day: str) -> list[list[str]]:
    page.goto(f"{base}/recommendations/panel/children-and-families/monitoring/{day}/")
    rows = page.locator("#monitoring-table tbody tr")
    return [
        [c.strip() for c in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]


def test_officer_accepts_the_three_complete_items(page, writable_demo_server):
    # A server of its own: the decisions change what other browser tests read.
    base = writable_demo_server
    before = _report_rows(page, base, "2024-11-28")
    # the seed's seven and the referral to the Cabinet Member the members' demo adds
    assert [row[4] for row in before].count("Complete") == 3 and len(before) == 8

    sign_in(page, base, "officer", "officer-demo")
    page.goto(f"{base}/panels/children-and-families/")
    page.get_by_role("link", name="Thursday 28 November 2024").click()
    page.get_by_role("link", name="Record minutes and decisions").click()
    # expect() waits for the minutes screen to load; count() would read the page being left.
    accept_buttons = page.locator("#decisions-table").get_by_role(
        "button", name=re.compile(r"^Accept ")
    )
    expect(accept_buttons).to_have_count(3)
    for remaining in (2, 1, 0):
        accept_buttons.first.click()
        expect(accept_buttons).to_have_count(remaining)
        expect(page.get_by_text("The panel's decision has been recorded.")).to_be_visible()
    expect(page.locator("#decisions-table .app-decision")).to_have_count(3)

    after = _report_rows(page, base, "2025-01-30")
    assert len(after) == 5
    assert {row[4] for row in after} == {"In progress", "Not started"}
    assert not any("Completed - the Lead Independent Reviewing Officer" in row[3] for row in after)
    # The 28 November report is the one the panel decided on, so it still shows all eight.
    assert len(_report_rows(page, base, "2024-11-28")) == 8


@pytest.mark.parametrize(
    "path",
    [
        "/minutes/",
        "/recommendations/panel/children-and-families/",
        "/recommendations/panel/children-and-families/monitoring/2024-11-28/",
        "/work-programme/children-and-families/2024-25/",
    ],
)
def test_pages_have_no_wcag_violations(page, demo_server, path):
    page.goto(demo_server + path)
    assert axe_violations(page) == []


def test_minutes_page_has_no_wcag_violations(page, demo_server):
    page.goto(f"{demo_server}/minutes/")
    page.get_by_role("link", name="8 August 2024").click()
    expect_text(page, "MINUTES OF THE MEETING HELD ON 8 AUGUST 2024")
    assert axe_violations(page) == []
