"""The demo in a real browser (Debian's chromium driven by Playwright), with axe-core checks."""

import re

import pytest

from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser

CANARY = "KS4-PROVISIONAL-2024"


def _meeting_url(page, base: str, label: str) -> str:
    page.goto(f"{base}/panels/children-and-families/")
    return page.get_by_role("link", name=label).get_attribute("href")


def _confidential_url(page, base: str) -> str:
    page.goto(base + _meeting_url(page, base, "Thursday 28 November 2024"))
    return page.get_by_role("link", name=re.compile("Appendix 2: CONFIDENTIAL")).get_attribute(
        "href"
    )


def test_panel_page_names_the_chair_and_shows_both_vacancies(page, demo_server):
    page.goto(f"{demo_server}/panels/children-and-families/")
    members = page.locator("ul[aria-labelledby=members]")
    assert members.get_by_text("Councillor Barnes-Andrews").count() == 1
    assert "Councillor Barnes-Andrews (Chair)" in members.inner_text()
    appointed = page.locator("ul[aria-labelledby=appointed-members]").inner_text()
    assert "Vacancy - Primary Parent Governor" in appointed
    assert "Vacancy - Secondary Parent Governor" in appointed


def test_28_november_2024_lists_its_ten_agenda_items(page, demo_server):
    page.goto(demo_server + _meeting_url(page, demo_server, "Thursday 28 November 2024"))
    items = page.locator("li.app-agenda-item")
    assert items.count() == 10
    assert items.nth(6).locator("h3").inner_text().startswith("7 Exclusion of the press and public")
    assert "Monitoring Scrutiny Recommendations" in items.nth(9).inner_text()


def test_confidential_appendix_is_refused_to_an_anonymous_visitor(page, demo_server):
    url = _confidential_url(page, demo_server)
    response = page.goto(demo_server + url)
    assert response.status == 403
    assert "not for publication" in page.content()
    assert CANARY not in page.content()


def test_confidential_appendix_is_shown_to_a_panel_member(page, demo_server):
    sign_in(page, demo_server, "barnes-andrews", "member-demo")
    url = _confidential_url(page, demo_server)
    response = page.goto(demo_server + url)
    assert response.status == 200
    assert CANARY in page.content()


@pytest.mark.parametrize(
    "path_label", ["home", "panel", "meeting", "person", "appendix", "login", "manage", "refused"]
)
def test_pages_have_no_wcag_2_2_a_or_aa_violations(page, demo_server, path_label):
    if path_label == "home":
        page.goto(demo_server + "/")
    elif path_label == "panel":
        page.goto(f"{demo_server}/panels/children-and-families/")
    elif path_label == "meeting":
        page.goto(demo_server + _meeting_url(page, demo_server, "Thursday 28 November 2024"))
    elif path_label == "person":
        page.goto(f"{demo_server}/people/barnes-andrews/")
    elif path_label == "appendix":
        sign_in(page, demo_server, "barnes-andrews", "member-demo")
        page.goto(demo_server + _confidential_url(page, demo_server))
    elif path_label == "manage":
        sign_in(page, demo_server, "officer", "officer-demo")
        page.goto(f"{demo_server}/manage/meetings/new/")
        page.click("main button[type=submit]")  # empty form: the error summary is checked too
        expect_text(page, "There is a problem")
    elif path_label == "refused":
        page.goto(demo_server + _confidential_url(page, demo_server))
    else:
        page.goto(f"{demo_server}/accounts/login/")
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]
