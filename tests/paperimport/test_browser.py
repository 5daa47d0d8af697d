"""The import screens in Debian's chromium with axe-core, forms in their error states."""

import io
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from scrutiny.core.access import OFFICER_GROUP
from tests.conftest import axe_violations, expect_text, sign_in

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def import_server(live_app):
    """The live server with the council and an officer."""
    call_command("load_demo", "--apps", "core", stdout=io.StringIO())
    officer = User.objects.create_user("import-officer", password="pw-import-123")
    officer.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
    return live_app


def test_upload_and_review_screens_pass_axe_including_error_states(live_page, import_server):
    sign_in(live_page, import_server, "import-officer", "pw-import-123")
    live_page.goto(f"{import_server}/imports/")
    assert axe_violations(live_page) == []
    live_page.click("main button[type=submit]")  # no file chosen
    expect_text(live_page, "Choose the file to import.")
    assert axe_violations(live_page) == []

    live_page.set_input_files("#id_file", str(FIXTURES / "minutes-2020-01-23.txt"))
    live_page.select_option("#id_vocabulary", "southampton")
    live_page.click("main button[type=submit]")
    expect_text(live_page, "Review minutes-2020-01-23.txt")
    assert axe_violations(live_page) == []

    live_page.click("button[value=save]")  # no publish choice, no start time
    expect_text(live_page, "There is a problem")
    expect_text(live_page, "Choose whether to publish")
    assert axe_violations(live_page) == []

    live_page.fill("#id_m0-start_time", "17:30")
    live_page.check("#id_publish_0")
    live_page.click("button[value=save]")
    expect_text(live_page, "records saved")
    assert axe_violations(live_page) == []
