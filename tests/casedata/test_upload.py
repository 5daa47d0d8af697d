"""Analysts import child-level files through the web: queued, shown with progress and
problems, nothing stored on rejection, never a traceback."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model

from scrutiny.casedata.models import ImportJob, ImportRun, JobStatus
from scrutiny.casedata.services import upload_dir
from scrutiny.casedata.store import open_store

from .annex_a_fixture import sample_rows, write_workbook

pytestmark = pytest.mark.django_db

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN\n1,1,01/01/2010,WBRI,\n2,3,01/01/2011,WBRI,\n"
EPISODES = (
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE\n"
    "1,01/01/2020,S,C2,N1,U4,PR1,,,\n"
)


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("SCRUTINY_DATA_DIR", str(tmp_path / "var"))
    return tmp_path / "var"


@pytest.fixture
def analyst(client):
    user = get_user_model().objects.create_user("analyst", password="pw", is_staff=True)
    client.force_login(user)
    return client


def _zip(files: dict[str, str]) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, text in files.items():
            bundle.writestr(name, text)
    out.seek(0)
    out.name = "ssda903.zip"
    return out


def _post(client, kind, upload, la=""):
    return client.post("/casedata/import/", {"kind": kind, "file": upload, "la": la})


def test_an_ssda903_zip_is_imported_in_the_background_with_its_problems(analyst, run_tasks):
    response = _post(analyst, "ssda903", _zip({"903/header.csv": HEADER, "episodes.csv": EPISODES}))
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/casedata/import/{job.pk}/"
    page = analyst.get(f"/casedata/import/{job.pk}/")
    assert page["Refresh"] == "2" and 'value="5"' in page.content.decode()  # queued
    assert not ImportRun.objects.exists()  # nothing ran inside the request
    run_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FINISHED and job.run.status == "completed"
    page = analyst.get(f"/casedata/import/{job.pk}/")
    html = page.content.decode()
    assert "Refresh" not in page and 'value="100"' in html
    assert re.search(r"header.csv</td><td[^>]*>3</td><td[^>]*>SEX</td>", html)
    problems = analyst.get(f"/casedata/import/{job.pk}/problems.csv").content.decode()
    assert problems.splitlines()[0] == "file,row,field,reason"
    assert "header.csv,3,SEX," in problems
    with open_store() as store:
        assert store.counts()["cla_episodes"] == 1
    assert not upload_dir(job.pk).exists()  # the upload does not linger on disk


def test_a_rejected_upload_stores_nothing(analyst, run_tasks):
    book = io.BytesIO(b"not a workbook")
    book.name = "annex.xlsx"
    _post(analyst, "annex-a", book)
    run_tasks()
    job = ImportJob.objects.get()
    assert job.run.status == "rejected" and "nothing was stored" in job.message
    assert "not a readable XLSX" in analyst.get(f"/casedata/import/{job.pk}/").content.decode()
    with open_store() as store:
        assert sum(store.counts().values()) == 0


def test_an_annex_a_workbook_imports(analyst, run_tasks, tmp_path):
    path = write_workbook(tmp_path / "annex_a.xlsx", sample_rows())
    upload = io.BytesIO(path.read_bytes())
    upload.name = "annex_a.xlsx"
    _post(analyst, "annex-a", upload, la="852")
    run_tasks()
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FINISHED and job.run.la == "852"
    assert job.run.rows_written["referrals"] == 3


def test_a_bad_zip_and_a_busy_store_fail_clearly(analyst, run_tasks, monkeypatch):
    bomb = _zip({"header.csv": HEADER, "zeros.csv": "0" * (300 << 20)})
    _post(analyst, "ssda903", bomb)
    run_tasks()
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED and "expands to" in job.message
    assert job.run is None

    from scrutiny.casedata.store import StoreBusy

    def busy(**kwargs):
        raise StoreBusy()

    monkeypatch.setattr("scrutiny.casedata.services.records_import", busy)
    _post(analyst, "ssda903", _zip({"header.csv": HEADER}))
    run_tasks()
    job = ImportJob.objects.order_by("pk").last()
    assert job.status == JobStatus.FAILED
    assert "Another import is running, try again" in job.message


def test_wrong_file_type_is_a_form_error_and_the_public_is_refused(analyst, client):
    wrong = io.BytesIO(b"a,b\n")
    wrong.name = "census.csv"
    response = _post(analyst, "cin", wrong)
    assert response.status_code == 400 and "is a .xml file" in response.content.decode()
    assert not ImportJob.objects.exists()
    client.logout()
    assert client.get("/casedata/import/").status_code in (302, 403)
