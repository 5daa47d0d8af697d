# ruff: noqa: F811 - the small meeting fixtures are the documents tests' own, imported here
"""Public pages for anonymous visitors from the cache (core.pagecache): hits, freshness,
conditional GET, and never a withheld or role-dependent page from or into the cache."""

from __future__ import annotations

import pickle

import pytest
from django.core.cache import cache

from scrutiny.core.pagecache import SERVED_HEADER
from scrutiny.documents import services
from scrutiny.documents.models import Document
from tests.documents.conftest import CANARY, small_meeting, small_member  # noqa: F401

pytestmark = pytest.mark.django_db


def _pages(meeting) -> dict[str, str]:
    paper = Document.objects.get(meeting=meeting, title="Budget table")
    return {
        "home": "/",
        "panel": meeting.panel.get_absolute_url(),
        "meeting": meeting.get_absolute_url(),
        "document": paper.get_absolute_url(),
    }


def _cached_bytes() -> bytes:
    """Everything the local-memory cache holds, as stored."""
    return b"".join(
        value if isinstance(value, bytes) else pickle.dumps(value)
        for value in cache._cache.values()  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("page", ["home", "panel", "meeting", "document"])
def test_anonymous_visitors_are_served_from_the_cache_with_no_query(
    client, small_meeting, page, django_assert_num_queries
):
    url = _pages(small_meeting)[page]
    first = client.get(url)
    assert first.status_code == 200 and first[SERVED_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second[SERVED_HEADER] == "hit"
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert second["ETag"] == first["ETag"]
    assert "Cookie" in second["Vary"]


def test_a_conditional_get_is_answered_not_modified(client, small_meeting):
    url = small_meeting.get_absolute_url()
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 304 and response.content == b""
    changed = client.get(url, headers={"if-none-match": '"something-else"'})
    assert changed.status_code == 200


def test_a_service_write_brings_the_page_up_to_date(client, small_meeting, officer):
    url = small_meeting.get_absolute_url()
    etag = client.get(url)["ETag"]
    paper = Document.objects.get(meeting=small_meeting, title="Glossary")
    services.document_replace(
        actor=officer, document=paper, title="Glossary of terms", reason="Clearer title"
    )
    response = client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200 and response[SERVED_HEADER] == "miss"
    assert "Glossary of terms" in response.content.decode()


def test_signed_in_visitors_bypass_the_cache_and_are_never_stored(
    client, small_meeting, small_member
):
    url = Document.objects.get(title="Provisional outturn").get_absolute_url()
    meeting_url = small_meeting.get_absolute_url()
    client.force_login(small_member)
    for address in (url, meeting_url):
        response = client.get(address)
        assert response.status_code == 200 and SERVED_HEADER not in response
        assert response["Cache-Control"] == "private, no-store"
    assert CANARY in client.get(url).content.decode()
    assert CANARY.encode() not in _cached_bytes()
    client.logout()
    # The withheld paper is refused to the public, and a refusal is never cached.
    assert client.get(url).status_code == 403
    assert client.get(url).status_code == 403
    public = client.get(meeting_url)
    assert public[SERVED_HEADER] == "miss" and CANARY not in public.content.decode()


def test_a_cached_public_page_is_never_served_to_an_officer(client, small_meeting, officer):
    draft = services.document_add(
        actor=officer,
        meeting=small_meeting,
        agenda_item=small_meeting.agenda_items.first(),
        number=4,
        title="Late briefing note",
        body_html="<p>Draft.</p>",
    )
    url = small_meeting.get_absolute_url()
    client.get(url)
    assert client.get(url)[SERVED_HEADER] == "hit"
    assert draft.title not in client.get(url).content.decode()
    client.force_login(officer)
    response = client.get(url)
    assert SERVED_HEADER not in response and draft.title in response.content.decode()


def test_the_meeting_page_takes_a_fixed_number_of_queries(
    client, small_meeting, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        response = client.get(small_meeting.get_absolute_url())
    assert response[SERVED_HEADER] == "miss"
