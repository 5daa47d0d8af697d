"""The education pages in Debian's chromium with axe-core (WCAG 2.2 A and AA), including the
import form in its error state; every chart has its table beside it."""

from __future__ import annotations

import pytest

from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser

EVIDENCE = "/education/panels/children-and-families/"


def _paper_urls(page, base: str) -> list[str]:
    page.goto(base + EVIDENCE)
    page.goto(base + "/panels/children-and-families/")
    meeting = page.get_by_role("link", name="Thursday 28 November 2024").get_attribute("href")
    page.goto(base + meeting)
    return [
        page.get_by_role("link", name=name).first.get_attribute("href")
        for name in ("Appendix 1: 2024 Key Stage 2 Outcomes", "Appendix 3: Attendance Data")
    ]


@pytest.mark.parametrize("who", ["public", "member", "officer"])
def test_evidence_page_has_no_violations_and_a_table_beside_every_chart(page, demo_server, who):
    if who == "member":
        sign_in(page, demo_server, "barnes-andrews", "member-demo")
    if who == "officer":
        sign_in(page, demo_server, "officer", "officer-demo")
    response = page.goto(demo_server + EVIDENCE)
    assert response.status == 200
    blocks = page.locator("section.edu-block")
    assert blocks.count() >= 10
    for index in range(blocks.count()):
        assert blocks.nth(index).locator("svg[role=img]").count() == 1
        assert blocks.nth(index).locator("table.perf-chart-table").count() == 1
    assert ("Attainment 8" in page.content()) == (who != "public")
    assert axe_violations(page) == []


def test_generated_papers_have_no_violations(page, demo_server):
    for url in _paper_urls(page, demo_server):
        page.goto(demo_server + url)
        assert axe_violations(page) == []


def test_officer_screens_and_the_import_error_state(page, demo_server, tmp_path):
    sign_in(page, demo_server, "officer", "officer-demo")
    for url in ("/education/figures/", "/education/figures/import/"):
        assert page.goto(demo_server + url).status == 200
        assert axe_violations(page) == []
    bad = tmp_path / "bad.csv"
    bad.write_text("time_period,time_identifier\n2023-24,Academic year\n")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Import file").click()
    expect_text(page, "nothing has been changed")
    assert axe_violations(page) == []
    page.goto(demo_server + "/panels/children-and-families/")
    meeting = page.get_by_role("link", name="Thursday 28 November 2024").get_attribute("href")
    page.goto(demo_server + meeting)
    page.get_by_role("link", name="Attach a paper generated from the education figures").click()
    page.get_by_role("button", name="Generate and attach").click()
    expect_text(page, "There is a problem")
    assert axe_violations(page) == []
