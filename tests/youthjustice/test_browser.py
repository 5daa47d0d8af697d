"""Youth justice pages in a real browser, with axe-core, the import form in its error state."""

import pytest

from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("path", ["/youth-justice/2024-09-26/", "/youth-justice/2024-09-26/print/"])
def test_youth_justice_pages(page, demo_server, path):
    page.goto(demo_server + path)
    assert "Custody rate per 1,000 aged 10-17" in page.content()
    _no_violations(page)


def test_the_import_form_in_its_error_state(page, demo_server):
    sign_in(page, demo_server, "officer", "officer-demo")
    page.goto(f"{demo_server}/youth-justice/import/")
    page.locator("main button[type=submit]").click()
    expect_text(page, "There is a problem")
    _no_violations(page)


def test_the_generated_appendices_form_in_its_error_state(page, demo_server):
    sign_in(page, demo_server, "officer", "officer-demo")
    page.goto(f"{demo_server}/panels/children-and-families/")
    page.get_by_role("link", name="Thursday 26 September 2024").click()
    page.get_by_role("link", name="Manage this meeting").click()
    page.get_by_role("link", name="Reports, appendices and publication of the agenda").click()
    page.get_by_role("link", name="Attach generated figures to item 7").click()
    page.fill("#id_number", "1")
    page.locator("main button[type=submit]").click()
    expect_text(page, "There is a problem")
    _no_violations(page)
