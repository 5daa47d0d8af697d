"""The dashboard in Debian's chromium (Playwright) with axe-core: WCAG 2.2 A/AA."""

import pytest

from scrutiny.performance import demo

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def perf_server(request, transactional_db, settings):
    """pytest-django's live server with the demo loaded.

    The live server's media handler parses MEDIA_URL when it starts, and the project leaves
    MEDIA_URL unset (uploads are never served directly), so give it a path for the start-up.
    """
    if settings.MEDIA_URL is None:
        settings.MEDIA_URL = "/test-media-not-served/"
    server = request.getfixturevalue("live_server")
    demo.load_seed_report()
    return server.url


@pytest.fixture
def perf_page(perf_server, browser):
    """A page in the session's one browser, opened after the demo is loaded and closed before
    the database is flushed (a second Playwright in the same process cannot start)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:5])
        for v in results.response["violations"]
    ]


def test_dashboard_has_no_wcag_violations_and_every_chart_has_its_table(perf_page, perf_server):
    response = perf_page.goto(f"{perf_server}/performance/?month=2024-10")
    assert response.status == 200
    # GOV.UK Frontend's stylesheet really applied, so colour contrast is checked as styled.
    assert (
        perf_page.evaluate(
            "getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
        )
        != "rgba(0, 0, 0, 0)"
    )
    assert axe_violations(perf_page) == []
    figures = perf_page.evaluate("""() => [...document.querySelectorAll('figure.perf-chart-card')]
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
    rag = perf_page.locator("strong.govuk-tag").first.inner_text()
    assert rag in {"Green", "Amber", "Red"}  # the rating is written, not only coloured


def test_indicator_page_has_no_wcag_violations(perf_page, perf_server):
    perf_page.goto(f"{perf_server}/performance/indicators/assessments_45d_pct/")
    assert axe_violations(perf_page) == []
    assert perf_page.get_by_role("heading", level=1).inner_text() == (
        "Percentage of assessments completed within 45 days"
    )


def test_officer_import_errors_are_accessible(perf_page, perf_server, tmp_path):
    from django.contrib.auth import get_user_model
    from django.test import Client

    officer = get_user_model().objects.create_user("analyst-browser", is_staff=True)
    client = Client()
    client.force_login(officer)
    session = client.cookies["sessionid"].value
    host = perf_server.split("//", 1)[1].split(":")[0]
    perf_page.context.add_cookies(
        [{"name": "sessionid", "value": session, "domain": host, "path": "/"}]
    )
    bad = tmp_path / "october.csv"
    bad.write_text("indicator_code,month,value\nreferrals_rate,2024-13,x\n")
    perf_page.goto(f"{perf_server}/performance/import/")
    perf_page.get_by_label("Monthly values").check()
    perf_page.get_by_label("CSV or XLSX file").set_input_files(str(bad))
    perf_page.get_by_role("button", name="Import file").click()
    assert "nothing has been changed" in perf_page.content()
    rows = perf_page.locator(".govuk-error-summary table tbody tr")
    assert rows.count() == 2  # the month and the value of row 2
    assert axe_violations(perf_page) == []


def test_about_this_figure_opens_and_the_case_data_upload_is_accessible(
    perf_page, perf_server, tmp_path, monkeypatch
):
    from django.contrib.auth import get_user_model
    from django.test import Client

    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))
    perf_page.goto(f"{perf_server}/performance/?month=2024-10")
    about = perf_page.locator("details.perf-about").first
    about.locator("summary").click()
    assert "Definition" in about.inner_text() and "Source" in about.inner_text()
    assert axe_violations(perf_page) == []  # with a note open

    officer = get_user_model().objects.create_user("casedata-browser", is_staff=True)
    client = Client()
    client.force_login(officer)
    host = perf_server.split("//", 1)[1].split(":")[0]
    perf_page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )
    wrong = tmp_path / "census.csv"
    wrong.write_text("a,b\n")
    perf_page.goto(f"{perf_server}/casedata/import/")
    perf_page.get_by_label("Children in need census (XML file)").check()
    perf_page.get_by_label("File", exact=True).set_input_files(str(wrong))
    perf_page.get_by_role("button", name="Upload and import").click()
    assert "is a .xml file" in perf_page.content()
    assert axe_violations(perf_page) == []  # the form in its error state
