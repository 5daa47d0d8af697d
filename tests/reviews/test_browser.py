"""The register's pages in a real browser, with axe-core: forms in their error states too."""

import pytest

from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser

PARTNERSHIP = ("partnership", "partnership-demo")


def _case_url(page, base: str, reference: str) -> str:
    page.goto(f"{base}/reviews/")
    return base + page.get_by_role("link", name=reference).get_attribute("href")


def _no_violations(page):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("year", ["2022-23", "2023-24"])
def test_public_figures_pages(page, demo_server, year):
    page.goto(f"{demo_server}/reviews/figures/{year}/")
    assert "Serious incident notifications" in page.content()
    assert "SSCP-2" not in page.content()
    _no_violations(page)


def test_public_printable_appendix_and_register(page, demo_server):
    page.goto(f"{demo_server}/reviews/figures/2022-23/print/")
    assert '"c"' in page.content()
    _no_violations(page)
    page.goto(f"{demo_server}/reviews/")
    assert "SSCP-2" not in page.content()
    _no_violations(page)


def test_period_form_in_its_error_state(page, demo_server):
    page.goto(f"{demo_server}/reviews/figures/2022-23/")
    for field, (day, month, year) in {"start": (30, 6, 2024), "end": (1, 1, 2024)}.items():
        page.fill(f"#id_{field}_0", str(day))
        page.fill(f"#id_{field}_1", str(month))
        page.fill(f"#id_{field}_2", str(year))
    page.get_by_role("button", name="Show the figures").click()
    expect_text(page, "There is a problem")
    _no_violations(page)


def test_a_panel_member_reads_a_published_review(page, demo_server):
    sign_in(page, demo_server, "barnes-andrews", "member-demo")
    page.goto(_case_url(page, demo_server, "SSCP-2122-02"))
    assert "the published review" in page.content()
    _no_violations(page)


@pytest.mark.parametrize("path", ["register", "case", "figures"])
def test_partnership_staff_pages(page, demo_server, path):
    sign_in(page, demo_server, *PARTNERSHIP)
    if path == "register":
        page.goto(f"{demo_server}/reviews/")
        assert "SSCP-2223-16" in page.content()
    elif path == "case":
        page.goto(_case_url(page, demo_server, "SSCP-2223-01"))
        assert "Review milestones" in page.content()
    else:
        page.goto(f"{demo_server}/reviews/figures/2022-23/")
        assert "You see the exact counts" in page.content()
    _no_violations(page)


@pytest.mark.parametrize("form", ["new", "decision", "recommendation", "themes", "import"])
def test_partnership_staff_forms_in_their_error_states(page, demo_server, form):
    sign_in(page, demo_server, *PARTNERSHIP)
    if form == "new":
        page.goto(f"{demo_server}/reviews/new/")
        page.fill("#id_reference", "Jane Smith")
    elif form == "import":
        page.goto(f"{demo_server}/reviews/import/")
    else:
        case = _case_url(page, demo_server, "SSCP-2223-09")
        page.goto(
            case
            + {
                "decision": "decision/",
                "recommendation": "recommendations/new/",
                "themes": "themes/",
            }[form]
        )
        if form == "themes":
            page.fill("#id_new_themes", "Neglect 943 476 5919")
    page.locator("main button[type=submit]").click()
    expect_text(page, "There is a problem")
    assert "Jane Smith" not in page.content() and "943 476 5919" not in page.content()
    _no_violations(page)
