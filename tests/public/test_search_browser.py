"""The search page in a real browser against the demo, with axe-core WCAG 2.2 A/AA checks."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

CANARY = "KS4-PROVISIONAL-2024"


def _assert_accessible(page) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def test_search_form_from_the_home_page_and_its_results(page, demo_server):
    page.goto(demo_server + "/")
    page.get_by_label("Search agendas, papers, minutes and recommendations").fill("key stage")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=key\+stage"))
    results = page.locator("li.app-search-result")
    expect(results.first).to_be_visible()
    assert results.count() >= 2
    text = page.locator("main").inner_text()
    assert "Appendix 2: CONFIDENTIAL - 2024 Key Stage 4 Outcomes Provisional" in text
    assert "Not for publication" in text and CANARY not in page.content()
    _assert_accessible(page)


@pytest.mark.parametrize("query", ["", "zzzz-nothing", "a"])
def test_empty_and_no_result_pages_are_accessible(page, demo_server, query):
    page.goto(f"{demo_server}/search/?q={query}")
    _assert_accessible(page)


def test_paginated_results_are_accessible(page, demo_server):
    page.goto(f"{demo_server}/search/?q=the")
    assert page.locator("nav.govuk-pagination").count() == 1
    _assert_accessible(page)
    page.get_by_role("link", name="Next page").click()
    expect(page).to_have_url(re.compile(r"page=2"))
    _assert_accessible(page)


def test_a_panel_member_finds_the_confidential_appendix_by_its_content(page, demo_server):
    sign_in(page, demo_server, "barnes-andrews", "member-demo")
    page.goto(f"{demo_server}/search/?q=invented+demonstration")
    result = page.locator("li.app-search-result", has_text="CONFIDENTIAL - 2024 Key Stage 4")
    assert result.count() == 1
    assert CANARY in result.inner_text()
    _assert_accessible(page)
