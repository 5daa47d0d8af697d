"""Pages a council must publish and the downloads: statements (officer-edited), licence,
councillor details, the panel's CSV files and the performance report's CSV columns."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from scrutiny.committees import services as committees
from scrutiny.committees.models import Attendance, MeetingStatus
from scrutiny.documents import services as documents
from scrutiny.minutes import services as minutes_services
from scrutiny.public.models import Statement
from scrutiny.recommendations import services as recommendations
from tests.committees.factories import (
    ExemptCategoryFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db


def test_statements_and_licence_are_published_before_an_officer_writes_them(client):
    for url, words in [
        ("/accessibility/", "Public Sector Bodies (Websites and Mobile Applications)"),
        ("/privacy/", "data controller"),
        ("/open-data-licence/", "Open Government Licence v3.0"),
    ]:
        page = client.get(url).content.decode()
        assert words in page, url
    assert "not yet reviewed" in client.get("/accessibility/").content.decode()
    footer = client.get("/").content.decode()
    for link in ("/accessibility/", "/privacy/", "/open-data-licence/", "/api/"):
        assert f'href="{link}"' in footer


def test_an_officer_edits_the_accessibility_statement_with_errors_tied_to_fields(client, officer):
    client.force_login(officer)
    form = client.get("/manage/statements/accessibility/").content.decode()
    assert "How accessible this website is" in form  # starts from the starting text
    response = client.post(
        "/manage/statements/accessibility/",
        {
            "body": "",
            "contact_email": "nope",
            "reviewed_on_0": "31",
            "reviewed_on_1": "2",
            "reviewed_on_2": "2025",
        },
    )
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'aria-describedby="id_body-hint id_body-error"' in page
    assert 'aria-describedby="id_contact_email-error"' in page
    assert 'aria-describedby="id_reviewed_on-hint id_reviewed_on-error"' in page
    assert 'href="#id_reviewed_on_0"' in page  # the summary links to the day box
    assert "Enter a real date" in page
    assert not Statement.objects.exists()
    response = client.post(
        "/manage/statements/accessibility/",
        {
            "body": "Our statement.\n\n## Feedback\n\nWrite to us.",
            "contact_email": "democratic.support@southampton.gov.uk",
            "contact_telephone": "023 8083 4428",
            "reviewed_on_0": "27",
            "reviewed_on_1": "3",
            "reviewed_on_2": "2025",
            "version": "0",
        },
    )
    assert response.status_code == 302
    page = client.get("/accessibility/").content.decode()
    assert '<h2 class="govuk-heading-m">Feedback</h2>' in page
    assert "democratic.support@southampton.gov.uk" in page and "27 March 2025" in page
    assert "not yet reviewed" not in page


def test_a_stale_statement_edit_is_refused_not_overwritten(client, officer):
    from scrutiny.public import services

    saved = services.statement_save(
        actor=officer,
        kind="privacy",
        body="One.",
        contact_email="a@example.org",
        reviewed_on=date(2025, 1, 1),
    )
    services.statement_save(
        actor=officer,
        kind="privacy",
        body="Two.",
        contact_email="a@example.org",
        reviewed_on=date(2025, 1, 2),
        expected_version=saved.version,
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Someone else changed"):
        services.statement_save(
            actor=officer,
            kind="privacy",
            body="Three.",
            contact_email="a@example.org",
            reviewed_on=date(2025, 1, 3),
            expected_version=saved.version,
        )
    assert Statement.objects.get().body == "Two."


def test_only_officers_edit_statements(client, outsider):
    assert client.get("/manage/statements/privacy/").status_code == 302
    client.force_login(outsider)
    assert client.get("/manage/statements/privacy/").status_code == 403
    assert client.get("/manage/statements/nonsense/").status_code in (403, 404)


def test_a_councillors_page_shows_ward_party_and_contact(client):
    person = PersonFactory(
        name="Fielker",
        slug="fielker",
        ward="Bitterne",
        party="Labour",
        email="councillor.fielker@southampton.gov.uk",
    )
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Bitterne" in page and "Labour" in page
    assert "councillor.fielker@southampton.gov.uk" in page


@pytest.fixture
def panel_records(officer):
    panel = PanelFactory(name="Children and Families Scrutiny Panel", slug="children-and-families")
    category = ExemptCategoryFactory(code="3", title="Financial or business affairs")
    meeting = committees.meeting_create(
        actor=officer,
        panel=panel,
        date=timezone.localdate() - timedelta(days=7),
        start_time=time(17, 30),
        venue="Civic Centre",
        with_standard_items=False,
    )
    committees.agenda_item_add(actor=officer, meeting=meeting, title="Early help")
    documents.agenda_publish(
        actor=officer, meeting=meeting, when=timezone.now() - timedelta(days=21)
    )
    meeting = committees.meeting_transition(actor=officer, meeting=meeting, to=MeetingStatus.HELD)
    member = PersonFactory(name="Fielker", slug="fielker")
    MembershipFactory(seat=SeatFactory(panel=panel), person=member, start_date=date(2020, 5, 1))
    committees.attendance_record(
        actor=officer, meeting=meeting, person=member, status=Attendance.Status.PRESENT
    )
    minutes = minutes_services.minutes_create(actor=officer, meeting=meeting)
    public_item = minutes_services.minute_item_add(
        actor=officer, minutes=minutes, title="Early help"
    )
    private_item = minutes_services.minute_item_add(
        actor=officer, minutes=minutes, title="Contract", is_exempt=True, exempt_category=category
    )
    minutes_services.declaration_record(
        actor=officer,
        minutes=minutes,
        person=member,
        kind="other",
        item=public_item,
        matter="Governor of a school named in the report.",
    )
    minutes_services.declaration_record(
        actor=officer,
        minutes=minutes,
        person=member,
        kind="pecuniary",
        item=private_item,
        matter="CANARY-DECLARED-2231 employed by the bidder",
    )
    public_resolution = minutes_services.resolution_add(
        actor=officer, item=public_item, text="That waiting times be reported."
    )
    private_resolution = minutes_services.resolution_add(
        actor=officer, item=private_item, text="CANARY-REC-6610 re-let the contract"
    )
    minutes_services.minutes_publish(actor=officer, minutes=minutes)
    for resolution in (public_resolution, private_resolution):
        recommendations.recommendation_create(
            actor=officer,
            meeting=meeting,
            title=resolution.item.title,
            action_proposed=resolution.text,
            addressee_kind="service",
            addressee="Early Help",
            resolution=resolution,
        )
    return panel


def _csv(client, name):
    response = client.get(f"/panels/children-and-families/downloads/{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    return response, list(csv.DictReader(io.StringIO(response.content.decode())))


def test_panel_downloads_hold_what_the_public_may_see(client, panel_records):
    page = client.get("/panels/children-and-families/").content.decode()
    for name in ("recommendations", "attendance", "declarations", "work-programme"):
        assert f"/panels/children-and-families/downloads/{name}.csv" in page
    response, rows = _csv(client, "recommendations")
    assert [r["action_proposed"] for r in rows] == ["That waiting times be reported."]
    assert rows[0]["progress_status"] == "Not started"
    _response, rows = _csv(client, "attendance")
    assert [(r["person"], r["status"]) for r in rows] == [("Councillor Fielker", "Present")]
    _response, rows = _csv(client, "declarations")
    assert [r["matter"] for r in rows] == ["Governor of a school named in the report."]
    _response, rows = _csv(client, "work-programme")
    assert rows == []
    everything = b"".join(
        client.get(f"/panels/children-and-families/downloads/{n}.csv").content
        for n in ("recommendations", "attendance", "declarations", "work-programme")
    )
    assert b"CANARY" not in everything
    assert response["Cache-Control"].startswith("public")


def test_an_officer_downloads_everything_privately(client, panel_records, officer):
    client.force_login(officer)
    response, rows = _csv(client, "declarations")
    assert len(rows) == 2
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/panels/children-and-families/downloads/nope.csv").status_code == 404


def test_the_performance_csv_has_counts_targets_ratings_and_benchmarks(client, officer):
    from decimal import Decimal

    from tests.performance.factories import (
        BenchmarkFactory,
        IndicatorFactory,
        MonthlyValueFactory,
        TargetFactory,
    )

    share = IndicatorFactory(code="assessments_in_time", decimals=1)
    TargetFactory(indicator=share, value=Decimal("80"))
    MonthlyValueFactory(
        indicator=share,
        month=date(2024, 10, 31),
        value=Decimal("85.0"),
        decimals=1,
        numerator=170,
        denominator=200,
    )
    MonthlyValueFactory(
        indicator=share,
        month=date(2024, 9, 30),
        value=Decimal("75.0"),
        decimals=1,
        numerator=3,
        denominator=4,
    )
    BenchmarkFactory(indicator=share, year_start=2023, value=Decimal("82.3"))
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/performance/report.csv?month=2024-10").content.decode())
        )
    )
    by_month = {r["month"]: r for r in rows if r["indicator_code"] == "assessments_in_time"}
    october = by_month["2024-10"]
    assert (october["numerator"], october["denominator"]) == ("170", "200")
    assert october["target"] == "80%" and october["rag"] == "green"
    assert october["direction"] == ""  # September is suppressed: no arrow for the public
    benchmark = next(k for k in october if k.startswith("benchmark: Statistical neighbours"))
    assert october[benchmark] == "82.3%"
    september = by_month["2024-09"]
    assert september["value"] == "c" and september["numerator"] == "c"
    client.force_login(officer)
    exact = list(
        csv.DictReader(
            io.StringIO(client.get("/performance/report.csv?month=2024-10").content.decode())
        )
    )
    september = next(r for r in exact if r["month"] == "2024-09")
    assert (september["numerator"], september["denominator"]) == ("3", "4")


def test_the_council_wide_meetings_page_lists_meetings_by_month(client):
    from scrutiny.committees.models import MunicipalYear
    from tests.committees.factories import CancelledMeetingFactory, ScheduledMeetingFactory

    MunicipalYear.objects.create(
        label="2024/25", start_date=date(2024, 5, 1), end_date=date(2025, 4, 30)
    )
    ScheduledMeetingFactory(date=date(2024, 11, 28))
    CancelledMeetingFactory(date=date(2025, 1, 30))
    page = client.get("/meetings/").content.decode()
    assert page.index("November 2024") < page.index("January 2025")
    assert "Cancelled" in page and "webcal://" in page


def test_the_sign_in_page_uses_the_one_form_renderer(client):
    page = client.get("/accounts/login/?next=/manage/").content.decode()
    assert 'id="id_username"' in page and 'autocomplete="username"' in page
    assert 'type="password" autocomplete="current-password"' in page
    assert 'name="next" value="/manage/"' in page
    wrong = client.post("/accounts/login/", {"username": "nobody", "password": "wrong"})
    assert wrong.status_code == 200
    text = wrong.content.decode()
    assert "govuk-error-summary" in text and "correct username and password" in text
    assert text.count("govuk-error-summary__title") == 1  # one summary, from the renderer


def test_the_youth_justice_import_form_uses_the_one_form_renderer(client, officer):
    client.force_login(officer)
    page = client.get("/youth-justice/import/").content.decode()
    assert 'type="file" accept=".csv,.xlsx"' in page and 'aria-describedby="id_file-hint"' in page
    response = client.post("/youth-justice/import/", {})
    text = response.content.decode()
    assert response.status_code == 400
    assert text.count("govuk-error-summary__title") == 1
    assert 'href="#id_file"' in text and 'id="id_file-error"' in text
    assert "govuk-file-upload--error" in text


def test_the_performance_import_form_uses_the_one_form_renderer(client, officer):
    client.force_login(officer)
    page = client.get("/performance/import/").content.decode()
    assert 'type="radio" name="kind" id="id_kind_0"' in page
    assert 'type="file"' in page and "What the file holds" in page
    empty = client.post("/performance/import/", {"kind": "nonsense"}).content.decode()
    assert empty.count("govuk-error-summary__title") == 1
    assert 'href="#id_kind_0"' in empty and 'href="#id_file"' in empty
    assert 'id="id_kind-error"' in empty and 'id="id_file-error"' in empty
    upload = io.BytesIO(b"indicator_code,month,value\nreferrals_rate,2024-13,x\n")
    upload.name = "october.csv"
    bad = client.post("/performance/import/", {"kind": "values", "file": upload})
    assert bad.status_code == 400 and "nothing has been changed" in bad.content.decode()
