"""The import screens in Debian's chromium with axe-core, forms in their error states."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from scrutiny.core.access import OFFICER_GROUP
from tests.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def import_server(request, transactional_db, settings):
    """pytest-django's live server (see ADR 204) with the council and an officer."""
    if settings.MEDIA_URL is None:
        settings.MEDIA_URL = "/test-media-not-served/"
    server = request.getfixturevalue("live_server")
    call_command("load_demo", "--apps", "core", stdout=io.StringIO())
    officer = User.objects.create_user("import-officer", password="pw-import-123")
    officer.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
    return server.url


def test_upload_and_review_screens_pass_axe_including_error_states(page, import_server):
    sign_in(page, import_server, "import-officer", "pw-import-123")
    page.goto(f"{import_server}/imports/")
    assert axe_violations(page) == []
    page.click("main button[type=submit]")  # no file chosen
    assert "Choose the file to import." in page.content()
    assert axe_violations(page) == []

    page.set_input_files("#id_file", str(FIXTURES / "minutes-2020-01-23.txt"))
    page.select_option("#id_vocabulary", "southampton")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Review minutes-2020-01-23.txt" in page.content()
    assert axe_violations(page) == []

    page.click("button[value=save]")  # no publish choice, no start time
    page.wait_for_load_state()
    assert "There is a problem" in page.content()
    assert "Choose whether to publish" in page.content()
    assert axe_violations(page) == []

    page.fill("#id_m0-start_time", "17:30")
    page.check("#id_publish_0")
    page.click("button[value=save]")
    page.wait_for_load_state()
    assert "records saved" in page.content()
    assert axe_violations(page) == []
