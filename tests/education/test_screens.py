"""Officers' screens: import (with its errors by file, row and column), publish, attach; and
small-number suppression on the public page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from scrutiny.statistics.models import Release, Value
from tests.committees.factories import AgendaItemFactory, PanelFactory

KS2_HEAD = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name,breakdown_topic,breakdown,"
    "pt_rwm_met_expected_standard,t_rwm_met_expected_standard,t_rwm_eligible_pupils"
)
COUNCIL = "202324,Academic year,Local authority,E92000001,England,E12000008,South East,852,E06000045,Southampton,Total,Total"


def ks2_csv(*rows: str) -> bytes:
    mapping_columns = (
        ",pt_rwm_met_higher_standard,t_rwm_met_higher_standard,pt_read_met_expected_standard,"
        "t_read_met_expected_standard,t_read_eligible_pupils,pt_writta_met_expected_standard,"
        "t_writta_met_expected_standard,t_writta_eligible_pupils,pt_writta_greater_depth,"
        "avg_writ_progress,pt_mat_met_expected_standard,t_mat_met_expected_standard,"
        "t_mat_eligible_pupils"
    )
    blanks = "," * 14
    return ("\n".join([KS2_HEAD + mapping_columns, *(r + blanks for r in rows)]) + "\n").encode()


def post_import(client: Client, data: bytes, name: str = "ks2.csv"):
    return client.post(
        "/education/figures/import/",
        {
            "mapping": "education/ks2-attainment.toml",
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
        },
    )


@pytest.fixture
def officer_client(officer, neighbours):
    client = Client()
    client.force_login(officer)
    return client


def test_the_screens_are_for_officers_only(db, outsider):
    client = Client()
    client.force_login(outsider)
    for url in ("/education/figures/", "/education/figures/import/"):
        assert client.get(url).status_code == 403
    # Not signed in: sent to sign in, as on every officers' screen.
    response = Client().get("/education/figures/import/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/education/figures/import/"


def test_a_bad_file_lists_every_problem_and_stores_nothing(officer_client):
    response = post_import(
        officer_client,
        ks2_csv(
            COUNCIL.replace("202324", "2023-24") + ",55.7,1610,2890",
            COUNCIL + ",55.7,3000,2890",
        ),
    )
    text = response.content.decode()
    assert response.status_code == 400 and "nothing has been changed" in text
    assert "time_period" in text and "t_rwm_met_expected_standard" in text
    assert "more than the cohort of 2890" in text and "Traceback" not in text
    assert Release.objects.count() == 0 and Value.objects.count() == 0


def test_import_then_publish_then_the_public_sees_it(officer_client):
    response = post_import(officer_client, ks2_csv(COUNCIL + ",55.7,1610,2890"))
    assert response.status_code == 200 and "publish the release" in response.content.decode()
    release = Release.objects.get()
    panel = PanelFactory()
    public_page = f"/education/panels/{panel.slug}/"
    assert "55.7%" not in Client().get(public_page).content.decode()
    officer_client.post(f"/education/figures/{release.pk}/publish/")
    assert "55.7%" in Client().get(public_page).content.decode()


def test_small_numbers_are_suppressed_for_the_public_not_for_officers(officer_client):
    england = "202324,Academic year,National,E92000001,England,,,,,,Total,Total,60.4,:,:"
    post_import(officer_client, ks2_csv(COUNCIL + ",60.0,3,5", england))
    officer_client.post(f"/education/figures/{Release.objects.get().pk}/publish/")
    panel = PanelFactory()
    public = Client().get(f"/education/panels/{panel.slug}/").content.decode()
    assert "60.0%" not in public and ">c<" in public
    assert "Gap to" not in public, "a gap would narrow down the hidden figure"
    exact = officer_client.get(f"/education/panels/{panel.slug}/").content.decode()
    assert "60.0%" in exact and "Gap to England" in exact


def test_attach_form_shows_a_service_error_and_then_attaches(officer_client):
    item = AgendaItemFactory()
    url = f"/education/meetings/{item.meeting.pk}/papers/new/"
    form = {"agenda_item": item.pk, "number": 1, "kind": "ks2", "year_start": 2023}
    response = officer_client.post(url, form)
    assert response.status_code == 400 and "import them first" in response.content.decode()
    post_import(officer_client, ks2_csv(COUNCIL + ",55.7,1610,2890"))
    response = officer_client.post(url, form)
    assert response.status_code == 302
    document = item.documents.get(number=1)
    assert document.title == "2024 Key Stage 2 Outcomes" and document.published_at is None
