"""The dashboard in Debian's chromium (Playwright) with axe-core: WCAG 2.2 A/AA."""

import pytest
from playwright.sync_api import expect

from scrutiny.performance import demo
from tests.conftest import axe_violations, expect_text

pytestmark = pytest.mark.browser


@pytest.fixture
def perf_server(live_app):
    """The live server with the performance report's seed figures, loaded by its own loader."""
    demo.load_seed_report()
    return live_app


def test_dashboard_has_no_wcag_violations_and_every_chart_has_its_table(live_page, perf_server):
    response = live_page.goto(f"{perf_server}/performance/?month=2024-10")
    assert response.status == 200
    # GOV.UK Frontend's stylesheet really applied, so colour contrast is checked as styled.
    assert (
        live_page.evaluate(
            "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
        )
        != "rgba(0, 0, 0, 0)"
    )
    assert axe_violations(live_page) == []
    rag = live_page.locator("strong.govuk-tag").first.inner_text()
    assert rag in {"Green", "Amber", "Red"}  # the rating is written, not only coloured
    # The charts are one click away, a page per section.
    links = live_page.evaluate(
        "() => [...document.querySelectorAll('a[href*=\"/performance/trends/\"]')].map(a => a.href)"
    )
    assert links
    figures = []
    for link in links:
        live_page.goto(link)
        assert axe_violations(live_page) == [], link
        figures += live_page.evaluate("""() => [...document.querySelectorAll('figure.perf-chart-card')]
        .map(f => ({svg: f.querySelectorAll('svg[role=img]').length,
                    tables: f.querySelectorAll('table').length,
                    caption: (f.querySelector('table caption') || {}).textContent || '',
                    colHeaders: f.querySelectorAll('table th[scope=col]').length,
                    rowHeaders: f.querySelectorAll('table th[scope=row]').length}))""")
    assert len(figures) == 73
    for figure in figures:
        assert figure["svg"] == 1 and figure["tables"] == 1
        assert figure["caption"].startswith("Chart data:")
        assert figure["colHeaders"] == 2 and figure["rowHeaders"] >= 13


def test_indicator_page_has_no_wcag_violations(live_page, perf_server):
    live_page.goto(f"{perf_server}/performance/indicators/assessments_45d_pct/")
    assert axe_violations(live_page) == []
    assert live_page.get_by_role("heading", level=1).inner_text() == (
        "Percentage of assessments completed within 45 days"
    )


def test_officer_import_errors_are_accessible(live_page, perf_server, tmp_path):
    from django.contrib.auth import get_user_model
    from django.test import Client

    officer = get_user_model().objects.create_user("analyst-browser", is_staff=True)
    client = Client()
    client.force_login(officer)
    session = client.cookies["sessionid"].value
    host = perf_server.split("//", 1)[1].split(":")[0]
    live_page.context.add_cookies(
        [{"name": "sessionid", "value": session, "domain": host, "path": "/"}]
    )
    bad = tmp_path / "october.csv"
    bad.write_text("indicator_code,month,value\nreferrals_rate,2024-13,x\n")
    live_page.goto(f"{perf_server}/performance/import/")
    live_page.get_by_label("Monthly values").check()
    live_page.get_by_label("CSV or XLSX file").set_input_files(str(bad))
    live_page.get_by_role("button", name="Import file").click()
    expect_text(live_page, "nothing has been changed")
    rows = live_page.locator(".govuk-error-summary table tbody tr")
    expect(rows).to_have_count(2)  # the month and the value of row 2
    assert axe_violations(live_page) == []


def test_about_this_figure_opens_and_the_case_data_upload_is_accessible(
    live_page, perf_server, tmp_path, monkeypatch
):
    from django.contrib.auth import get_user_model
    from django.test import Client

    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))
    live_page.goto(f"{perf_server}/performance/?month=2024-10")
    about = live_page.locator("details.perf-about").first
    about.locator("summary").click()
    assert "Definition" in about.inner_text() and "Source" in about.inner_text()
    assert axe_violations(live_page) == []  # with a note open

    officer = get_user_model().objects.create_user("casedata-browser", is_staff=True)
    client = Client()
    client.force_login(officer)
    host = perf_server.split("//", 1)[1].split(":")[0]
    session = client.cookies["sessionid"].value
    live_page.context.add_cookies(
        [{"name": "sessionid", "value": session, "domain": host, "path": "/"}]
    )
    wrong = tmp_path / "census.csv"
    wrong.write_text("a,b\n")
    live_page.goto(f"{perf_server}/casedata/import/")
    live_page.get_by_label("Children in need census (XML file)").check()
    live_page.get_by_label("File", exact=True).set_input_files(str(wrong))
    live_page.get_by_role("button", name="Upload and import").click()
    expect_text(live_page, "is a .xml file")
    assert axe_violations(live_page) == []  # the form in its error state
