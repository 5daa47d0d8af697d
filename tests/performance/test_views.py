import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from scrutiny.core.models import AuditEvent
from scrutiny.performance.charts import MARKER
from scrutiny.performance.models import Commentary, MonthlyValue, Section

from .factories import IndicatorFactory, MonthlyValueFactory

pytestmark = pytest.mark.django_db

# The seed's new UASC in month, Oct-22 and Oct-23 to Oct-24.
UASC = ["5", "2", "1", "1", "2", "2", "4", "2", "0", "6", "1", "1", "1", "0"]


def public_view(cells):
    return ["c" if c in {"1", "2", "3", "4", "5"} else c for c in cells]


def row_cells(html, name):
    """Cells of the indicator table row whose header links to the indicator's page."""
    match = re.search(rf'/performance/indicators/{name}/">.*?</th>(.*?)</tr>', html, re.S)
    return re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)


def test_public_dashboard_hides_small_counts_members_see_them(client, demo_report, member):
    public = client.get("/performance/?month=2024-10").content.decode()
    uasc = row_cells(public, "cla_new_uasc")
    assert (
        uasc[:14]
        == public_view(UASC)
        == ["c", "c", "c", "c", "c", "c", "c", "c", "0", "6", "c", "c", "c", "0"]
    )
    cao = row_cells(public, "cla_cao_sgo")[:14]
    assert cao == ["c"] * 9 + ["7"] + ["c"] * 4
    assert "Not shown: small number" in public
    # Team table: Family Help Central 1 had 1 of 1, shown only as c.
    assert re.search(r"Family Help Central 1</th><td[^>]*>c</td><td[^>]*>c</td><td[^>]*>c<", public)
    assert ">150<" in public and ">100<" in public
    assert "LA numbers 851, 879, 801, 887, 866, 831, 874, 846, 810, 892" in public
    client.force_login(member)
    exact = client.get("/performance/?month=2024-10").content.decode()
    assert row_cells(exact, "cla_new_uasc")[:14] == UASC
    assert "Family Help Central 1</th><td" in exact and ">9.1%<" in exact


def trend_pages(client, dashboard_html):
    """The trend chart pages the dashboard links to, one per section with indicators."""
    links = re.findall(r'href="(/performance/trends/[\w-]+/\?month=[\d-]+)"', dashboard_html)
    assert links and len(links) == len(set(links))
    return {link: client.get(link) for link in links}


def test_dashboard_links_to_each_sections_trend_charts_with_their_tables(client, demo_report):
    dashboard = client.get("/performance/?month=2024-10").content.decode()
    assert "<svg" not in dashboard  # charts are one click away, not inline
    pages = trend_pages(client, dashboard)
    figures = 0
    for link, response in pages.items():
        assert response.status_code == 200, link
        html = response.content.decode()
        cards = re.findall(r'<figure class="perf-chart-card".*?</figure>', html, re.S)
        assert cards, link
        for card in cards:
            assert card.count("<svg") == 1 and card.count("<table") == 1
            assert "Chart data:" in card
        figures += len(cards)
    rows = re.findall(r'<a class="govuk-link" href="/performance/indicators/[\w-]+/">', dashboard)
    assert figures == len(rows) > 0  # one chart per indicator row of the dashboard
    assert client.get("/performance/trends/no-such-section/").status_code == 404


def test_public_chart_tables_and_svg_carry_no_small_counts(client, demo_report):
    html = client.get("/performance/").content.decode()
    html = "".join(r.content.decode() for r in trend_pages(client, html).values())
    figure = re.search(
        r'<figure class="perf-chart-card" id="trend-cla_cao_sgo">(.*?)</figure>', html, re.S
    ).group(1)
    table = figure[figure.index("<table") :]
    values = re.findall(r'govuk-table__cell--numeric">(.*?)</td>', table)
    assert values[:14] == ["c"] * 9 + ["7"] + ["c"] * 4
    assert figure.count(MARKER) == 1  # only the one value above 5 is plotted


def test_public_indicator_page_csv_and_pdf_suppress(client, demo_report, run_tasks):
    page = client.get("/performance/indicators/cla_new_uasc/").content.decode()
    months = re.findall(
        r'<th scope="row" class="govuk-table__header">(\w{3}-\d\d)</th>'
        r'<td class="govuk-table__cell govuk-table__cell--numeric">(.*?)</td>',
        page,
    )
    assert dict(months)["Oct-22"] == "c" and dict(months)["May-24"] == "0"
    exported = list(
        csv.DictReader(io.StringIO(client.get("/performance/report.csv").content.decode()))
    )
    uasc = [r["value"] for r in exported if r["indicator_code"] == "cla_new_uasc"]
    assert uasc == public_view(UASC)
    team_page = client.get("/performance/indicators/assessments_45d_pct/").content.decode()
    assert ">9.1%<" not in team_page  # 1 of 11: numerator hidden, so is the percentage
    client.get("/performance/report.pdf")  # queued for the worker
    run_tasks()
    served = b"".join(client.get("/performance/report.pdf").streaming_content)
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(served)).pages)
    assert "Public version" in pdf_text
    assert "9.1%" not in pdf_text


def test_dashboard_query_count_is_fixed(client, demo_report, django_assert_num_queries):
    with django_assert_num_queries(11):
        assert client.get("/performance/?month=2024-10").status_code == 200
    extra = IndicatorFactory(section=Section.objects.get(code="family_help"))
    MonthlyValueFactory(indicator=extra)
    with django_assert_num_queries(11):
        client.get("/performance/?month=2024-10")


def test_signed_in_dashboard_query_count(member_client, demo_report):
    with CaptureQueriesContext(connection) as first:
        member_client.get("/performance/?month=2024-10")
    IndicatorFactory(section=Section.objects.get(code="visiting"))
    with CaptureQueriesContext(connection) as second:
        member_client.get("/performance/?month=2024-10")
    assert len(first) == len(second)


def test_unknown_month_or_indicator_is_404(client, demo_report):
    assert client.get("/performance/?month=2024-13").status_code == 404
    assert client.get("/performance/indicators/nope/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/performance/import/",
        "/performance/indicators/referrals_rate/values/",
        "/performance/commentary/family_help/2024-10/",
    ],
)
def test_editing_pages_refuse_public_and_members(client, member, demo_report, url):
    # Not signed in: sent to sign in, as on every officers' screen; signed in: refused.
    for response in (client.get(url), client.post(url, {"value": "1"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    client.force_login(member)
    assert client.get(url).status_code == 403


def test_officer_enters_a_value_through_the_form(officer_client, demo_report):
    url = "/performance/indicators/assessments_45d_pct/values/"
    bad = officer_client.post(url, {"month": "2024-13", "value": "76"})
    assert "Enter the month as YYYY-MM" in bad.content.decode()
    response = officer_client.post(url, {"month": "2024-09", "value": "76"})
    assert response.status_code == 302
    assert (
        MonthlyValue.objects.get(indicator__code="assessments_45d_pct", month="2024-09-30").value
        == 76
    )


def test_officer_edits_commentary(officer_client, demo_report):
    url = "/performance/commentary/visiting/2024-10/"
    assert "All statutory visiting measures" in officer_client.get(url).content.decode()
    officer_client.post(
        url, {"desired_outcome": "Seen on time.", "progress_analysis": "- First\n- Second"}
    )
    page = officer_client.get("/performance/?month=2024-10").content.decode()
    assert "<li>Second</li>" in page
    assert Commentary.objects.get(section__code="visiting").desired_outcome == "Seen on time."


def test_import_page_lists_errors_by_row_and_column(officer_client, demo_report):
    before = MonthlyValue.objects.count(), AuditEvent.objects.count()
    upload = io.BytesIO(
        b"indicator_code,month,value\nreferrals_rate,2024-11,600\nreferrals_rate,2024-11,x\n"
    )
    upload.name = "november.csv"
    response = officer_client.post("/performance/import/", {"kind": "values", "file": upload})
    html = response.content.decode()
    assert response.status_code == 400
    assert "nothing has been changed" in html
    assert re.search(r"november.csv</td><td[^>]*>3</td><td[^>]*>value</td>", html)
    assert (MonthlyValue.objects.count(), AuditEvent.objects.count()) == before
    good = io.BytesIO(b"indicator_code,month,value\nreferrals_rate,2024-11,600\n")
    good.name = "november.csv"
    ok = officer_client.post("/performance/import/", {"kind": "values", "file": good})
    assert ok.status_code == 200 and "1 added" in ok.content.decode()


@pytest.mark.parametrize(
    "url", ["/performance/import/", "/performance/indicators/referrals_rate/values/"]
)
def test_officer_forms_render_with_govuk_markup(officer_client, demo_report, url):
    html = officer_client.get(url).content.decode()
    assert 'class="govuk-button"' in html and "csrfmiddlewaretoken" in html
    assert "govuk-label" in html


def test_officer_sees_edit_links_members_do_not(officer_client, member, client, demo_report):
    assert "Edit commentary" in officer_client.get("/performance/").content.decode()
    client.force_login(member)
    assert "Edit commentary" not in client.get("/performance/").content.decode()


def test_report_pdf_is_printed_once_per_change_by_the_worker(
    client, demo_report, run_tasks, django_assert_max_num_queries
):
    from scrutiny.core.models import PreparedFile

    first = client.get("/performance/report.pdf")
    page = first.content.decode()
    assert first["Content-Type"].startswith("text/html")
    assert "being prepared" in page and "http-equiv" not in page and "Try the PDF again" in page
    client.get("/performance/report.pdf")  # asking again queues nothing more
    assert run_tasks() == 1
    served = client.get("/performance/report.pdf")
    assert served["Content-Type"] == "application/pdf"
    etag = served["ETag"]
    assert run_tasks() == 0  # served from the file: nothing printed
    assert client.get("/performance/report.pdf")["ETag"] == etag
    # A change to what the report shows gives a new print; the old one is not served for it.
    from scrutiny.performance.queries import latest_month

    value = MonthlyValue.objects.filter(month=latest_month(), value__gt=100).first()
    value.value += 1
    value.save()
    assert "being prepared" in client.get("/performance/report.pdf").content.decode()
    assert run_tasks() == 1
    assert client.get("/performance/report.pdf")["ETag"] != etag
    assert PreparedFile.objects.filter(status="ready").count() == 1
