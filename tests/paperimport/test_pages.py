"""The officers' import screens: upload, review beside the source, correct, save or reject."""

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from scrutiny.committees.models import Meeting
from scrutiny.minutes.models import Minutes
from scrutiny.paperimport.models import ImportStatus, PaperImport

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def officer_client(client, officer):
    call_command("load_demo", "--apps", "core", stdout=io.StringIO())
    client.force_login(officer)
    return client


def _upload(client, name="minutes-2020-01-23.txt", data=None):
    data = data if data is not None else (FIXTURES / name).read_bytes()
    return client.post(
        "/imports/",
        {"file": SimpleUploadedFile(name, data), "vocabulary": "southampton"},
    )


def test_only_officers_reach_the_import_screens(client, outsider):
    assert client.get("/imports/").status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get("/imports/").status_code == 403


def test_upload_then_review_beside_the_source(officer_client):
    response = _upload(officer_client)
    record = PaperImport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{record.pk}/"
    page = officer_client.get(f"/imports/{record.pk}/").content.decode()
    assert "Minute 27: Exclusion of the Press and Public" in page
    assert "Source text, line" in page
    assert "MINUTES OF THE MEETING HELD ON 23 JANUARY 2020" in page  # the source beside it
    assert "Check: No time printed: check the time." in page  # a confidence mark
    # The meeting, 12 attendances and 7 minutes are new.
    assert page.count('class="govuk-tag govuk-tag--green">New<') == 20


def test_bad_file_is_refused_on_the_form(officer_client):
    response = _upload(officer_client, "pack.pdf", b"PK\x03\x04" + b"\x00" * 40)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "pack.pdf: the name ends in .pdf but the file is a spreadsheet" in page
    assert PaperImport.objects.count() == 0


def _form_data(page: str) -> dict:
    """The review form as the browser would post it: inputs, checked boxes, textareas."""
    data = {}
    for name, value in re.findall(
        r'<input class="govuk-input[^"]*" id="[^"]*" name="([^"]+)" type="text"[^>]*? value="([^"]*)"',
        page,
    ):
        data[name] = value
    for name in re.findall(r'type="checkbox" name="([^"]+)" id="[^"]*" checked', page):
        data[name] = "on"
    for name, value in re.findall(r'name="([^"]+)" rows="\d+"[^>]*>([^<]*)</textarea>', page):
        data[name] = value.replace("&#x27;", "'").replace("&amp;", "&")
    for name, value in re.findall(
        r'<select class="govuk-select" id="[^"]*" name="([^"]+)">.*?<option value="([^"]+)" selected',
        page,
        re.S,
    ):
        data[name] = value
    return data


def test_correct_then_save_without_a_publish_choice_shows_the_error(officer_client):
    _upload(officer_client)
    record = PaperImport.objects.get()
    url = f"/imports/{record.pk}/"
    data = _form_data(officer_client.get(url).content.decode())
    data.update({"m0-start_time": "17:30", "m0-venue": "Civic Centre", "action": "save"})
    response = officer_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choose whether to publish the minutes and the original file." in page
    assert Meeting.objects.count() == 0
    del data["m0-minute-6-include"]  # leave out minute 29
    data["publish"] = "no"
    response = officer_client.post(url, data)
    assert response.status_code == 302
    minutes = Minutes.objects.get(meeting__date="2020-01-23")
    assert list(minutes.items.values_list("number", flat=True)) == [23, 24, 25, 26, 27, 28]
    assert minutes.meeting.venue == "Civic Centre"
    record.refresh_from_db()
    assert record.status == ImportStatus.SAVED
    page = officer_client.get(url).content.decode()
    assert "Save the records" not in page  # saved: read-only


def test_reject(officer_client):
    _upload(officer_client)
    record = PaperImport.objects.get()
    response = officer_client.post(f"/imports/{record.pk}/", {"action": "reject"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.REJECTED
    assert Meeting.objects.count() == 0


def test_uploading_the_same_file_after_saving_says_nothing_new(officer_client):
    _upload(officer_client)
    record = PaperImport.objects.get()
    url = f"/imports/{record.pk}/"
    data = _form_data(officer_client.get(url).content.decode())
    data.update({"m0-start_time": "17:30", "action": "save", "publish": "yes"})
    assert officer_client.post(url, data).status_code == 302
    response = _upload(officer_client)
    assert response.status_code == 302 and response["Location"] == "/imports/"
    page = officer_client.get("/imports/").content.decode()
    assert "nothing new was proposed" in page
    assert PaperImport.objects.count() == 1


def test_officer_navigation_links_to_the_import_screen(officer_client, client):
    page = officer_client.get("/imports/").content.decode()
    assert 'aria-current="page">Import past papers</a>' in page
    client.logout()
    assert "Import past papers" not in client.get("/").content.decode()


def test_withheld_by_default_until_the_officer_publishes(officer_client, client):
    from scrutiny.documents.models import Document
    from scrutiny.minutes.models import MinuteItem

    _upload(officer_client)
    record = PaperImport.objects.get()
    url = f"/imports/{record.pk}/"
    page = officer_client.get(url).content.decode()
    # The minute after the exclusion is marked for checking, with a way to withhold it.
    assert "Check: Taken after the press and public were excluded" in page
    data = _form_data(page)
    data.update(
        {"m0-start_time": "17:30", "m0-minute-5-is_exempt": "on", "action": "save", "publish": "no"}
    )
    assert officer_client.post(url, data).status_code == 302
    withheld = MinuteItem.objects.get(number=28)
    assert (withheld.is_exempt, withheld.exempt_category.code) == (True, "1")
    original = Document.objects.get()
    client.logout()
    assert client.get(original.get_absolute_url()).status_code in (403, 404)
    assert client.get(withheld.minutes.get_absolute_url()).status_code in (403, 404)


def test_the_meeting_date_is_a_govuk_date_input_and_a_wrong_date_is_refused(officer_client):
    _upload(officer_client)
    record = PaperImport.objects.get()
    url = f"/imports/{record.pk}/"
    page = officer_client.get(url).content.decode()
    assert 'class="govuk-date-input" id="id_m0-date"' in page
    data = _form_data(page)
    assert (data["m0-date_0"], data["m0-date_1"], data["m0-date_2"]) == ("23", "1", "2020")
    data.update({"m0-date_0": "30", "m0-date_1": "2", "action": "save", "publish": "no"})
    response = officer_client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a real date" in page
    assert 'href="#id_m0-date_0"' in page or 'href="#id_m0-date"' in page
    assert Meeting.objects.count() == 0
