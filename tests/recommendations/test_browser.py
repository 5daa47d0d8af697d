"""In a browser: an officer records, from the minutes screen of 28 November 2024, that the panel
accepts the three complete items; the next monitoring report lists only the four in progress."""

from __future__ import annotations

import re

import pytest

from tests.conftest import axe_violations, sign_in

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
    assert [row[4] for row in before].count("Complete") == 3 and len(before) == 7

    sign_in(page, base, "officer", "officer-demo")
    page.goto(f"{base}/panels/children-and-families/")
    page.get_by_role("link", name="Thursday 28 November 2024").click()
    page.get_by_role("link", name="Record minutes and decisions").click()
    decisions = page.locator("#decisions-table")
    assert decisions.get_by_role("button", name=re.compile(r"^Accept ")).count() == 3
    for _ in range(3):
        page.locator("#decisions-table").get_by_role(
            "button", name=re.compile(r"^Accept ")
        ).first.click()
        page.wait_for_load_state()
        assert "The panel's decision has been recorded." in page.content()
    assert page.locator("#decisions-table .app-decision").count() == 3

    after = _report_rows(page, base, "2025-01-30")
    assert len(after) == 4
    assert {row[4] for row in after} == {"In progress"}
    assert not any("Completed - the Lead Independent Reviewing Officer" in row[3] for row in after)
    # The 28 November report is the one the panel decided on, so it still shows all seven.
    assert len(_report_rows(page, base, "2024-11-28")) == 7


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
    assert "MINUTES OF THE MEETING HELD ON 8 AUGUST 2024" in page.content()
    assert axe_violations(page) == []
