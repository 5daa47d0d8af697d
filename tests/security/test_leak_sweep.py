"""Leak sweep: crawl the demo as the public and look for withheld material everywhere.

Every same-site link reachable from the home page is fetched (pages, files, PDFs as text,
calendars and feeds), together with searches for words of the withheld material. No marker of
withheld material may appear for an anonymous visitor or a signed-in user on no panel; a panel
member crawling the same way must find it, which proves the sweep can see a leak.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest

from tests.security.canaries import (
    FIXED_CANARIES,
    planted_canaries,
    search_words,
    withheld_markers,
    withheld_references,
    withheld_text,
)
from tests.security.crawler import MAX_PAGES, Crawler, CrawlResult

pytestmark = pytest.mark.browser


@pytest.fixture
def markers(demo):
    """Canaries planted in demo.py files plus sentences of every withheld record of the demo."""
    planted = planted_canaries(withheld_text())
    assert set(FIXED_CANARIES) <= set(planted), "the demo's planted canary is found by grep"
    return [*planted, *withheld_markers(), *withheld_references()]


def _app_roots() -> list[str]:
    """Each mounted app's root, in case an app's pages are not linked from the site yet."""
    from importlib.util import find_spec

    from scrutiny.urls import APP_PREFIXES

    return [
        f"/{prefix}"
        for app, prefix in APP_PREFIXES.items()
        if prefix and find_spec(app) is not None and find_spec(f"{app}.urls") is not None
    ]


def _seeds(markers: list[str]) -> list[str]:
    words = ["KS4", "provisional", *search_words(markers)]
    searches = [f"/search/?q={urllib.parse.quote(w)}" for w in [*FIXED_CANARIES, *words]]
    # The open data API: every list, then every link its records give (pages, files, details).
    api = [
        f"/api/v1/{name}?page_size=200"
        for name in (
            "panels",
            "people",
            "memberships",
            "meetings",
            "documents",
            "minutes",
            "recommendations",
            "work-programme",
            "indicators",
        )
    ]
    return ["/", "/accounts/login/", *_app_roots(), *searches, *api]


def _without_query_echo(page_url: str, text: str) -> str:
    """A search page repeats the query itself; that echo is not a leak."""
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(page_url).query).get("q", [""])[0]
    return text.replace(query, " ") if query else text


def _leaks(crawl: CrawlResult, markers: list[str]) -> list[tuple[str, str]]:
    found = []
    for url, page in crawl.pages.items():
        for body in (page.text, page.raw):
            body = _without_query_echo(url, body).lower()
            found += [(url, m) for m in markers if m.lower() in body]
    return sorted(set(found))


def _sweep(base: str, markers: list[str], user: tuple[str, str] | None) -> CrawlResult:
    crawler = Crawler(base)
    if user:
        crawler.sign_in(*user)
    return crawler.crawl(_seeds(markers))


@pytest.mark.parametrize("who", ["anonymous", "public"])
def test_no_withheld_material_reaches_the_public(demo_server, markers, who):
    user = ("public", "public-demo") if who == "public" else None
    crawl = _sweep(demo_server, markers, user)

    pages = crawl.pages
    assert len(pages) > 40, "the crawl should reach the panel, meetings, papers and minutes"
    kinds = {p.content_type for p in pages.values()}
    assert {"text/html", "application/pdf", "text/calendar", "application/atom+xml"} <= kinds
    assert any(p.status == 403 for p in pages.values()), "the confidential appendix is linked"
    pdfs = [p for p in pages.values() if p.content_type == "application/pdf"]
    assert all(len(p.text) > 200 for p in pdfs), "PDF text is extracted, not skipped"
    assert _leaks(crawl, markers) == []
    failures = {u: p.status for u, p in pages.items() if p.status >= 500}
    assert failures == {}
    html_statuses = {p.status for p in pages.values() if p.content_type == "text/html"}
    assert html_statuses <= {200, 403, 404}
    for url, page in pages.items():
        if page.status == 403:
            assert not any(m.lower() in page.raw.lower() for m in markers), url
    assert len(pages) <= MAX_PAGES


def test_a_panel_member_finds_the_canary_so_the_sweep_can_see_a_leak(demo_server, markers):
    crawl = _sweep(demo_server, markers, ("barnes-andrews", "member-demo"))
    leaked = {marker for _url, marker in _leaks(crawl, markers)}
    assert set(FIXED_CANARIES) <= leaked
    where = {url for url, marker in _leaks(crawl, markers) if marker in FIXED_CANARIES}
    assert any(re.match(r"^/documents/\d+/$", url) for url in where)
    # Search gives the member the withheld text too, so the search seeds are live probes.
    assert any(url.startswith("/search/") for url, _m in _leaks(crawl, markers))
