"""No shared cache keeps a page that differs by who asks, or anything withheld."""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.minutes import services as minutes_services
from tests.committees.factories import HeldMeetingFactory
from tests.documents.factories import ExemptDocumentFactory, PublishedDocumentFactory
from tests.security.sweep import council

pytestmark = pytest.mark.django_db


def _header(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert "Cookie" in response.get("Vary", ""), path
    return response["Cache-Control"]


def test_pages_are_private_to_everyone_and_never_stored_for_officers():
    people = council()
    pages = ["/", f"/panels/{people.panel.slug}/", "/search/?q=budget", "/minutes/"]
    # The public pages served from the anonymous cache (ADR 2001) are public, revalidated
    # each time, for anonymous visitors only.
    cached = {"/", f"/panels/{people.panel.slug}/"}
    for path in pages:
        anonymous = _header(people.client("anonymous"), path)
        if path in cached:
            assert anonymous == "public, max-age=0, must-revalidate", path
        else:
            assert anonymous.startswith("private"), path
        assert _header(people.client("member"), path).startswith("private"), path
        assert _header(people.client("officer"), path) == "private, no-store", path


def test_public_files_are_public_only_to_anonymous_visitors(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = council()
    from django.core.files.base import ContentFile

    document = PublishedDocumentFactory(meeting__panel=people.panel)
    document.file.save("paper.pdf", ContentFile(b"%PDF-1.4 public paper"), save=True)
    path = f"/documents/{document.pk}/file/"
    assert _header(people.client("anonymous"), path) == "public, max-age=300"
    assert _header(people.client("outsider"), path) == "private, max-age=300"
    assert _header(people.client("officer"), path) == "private, no-store"


def test_withheld_files_and_pages_are_never_stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    people = council()
    from django.core.files.base import ContentFile

    document = ExemptDocumentFactory(meeting__panel=people.panel, meeting__date=date.today())
    document.file.save("paper.pdf", ContentFile(b"%PDF-1.4 exempt paper"), save=True)
    for path in (f"/documents/{document.pk}/", f"/documents/{document.pk}/file/"):
        assert _header(people.client("member"), path) == "private, no-store", path
        assert people.client("anonymous").get(path).status_code == 403


def test_draft_minutes_an_officer_prints_are_not_cached_publicly():
    people = council()
    meeting = HeldMeetingFactory(panel=people.panel, date=date(2024, 9, 26))
    minutes = minutes_services.minutes_create(actor=people.officer, meeting=meeting)
    minutes_services.minute_item_add(actor=people.officer, minutes=minutes, title="Budget")
    path = f"/minutes/meeting/{meeting.pk}/pdf/"
    assert _header(people.client("officer"), path) == "private, no-store"
    assert people.client("anonymous").get(path).status_code == 404
