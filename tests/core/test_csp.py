"""Every page is sent with a Content-Security-Policy that allows no inline script or style,
and no template holds inline script (the policy would block it, and the page would break)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import scrutiny

TEMPLATES = sorted(Path(scrutiny.__file__).parent.glob("*/templates/**/*.html"))
# Printed by WeasyPrint, never served as a page: their <style> blocks are not web content.
PRINT_ONLY = re.compile(r"(pdf|/pack/)")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag == "script":
            self._in_script = not values.get("src")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f"style attribute on <{tag}>")
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}>")
            if name == "href" and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append("javascript: link")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"inline script: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def test_no_template_holds_inline_script_or_style():
    assert len(TEMPLATES) > 40
    found = []
    for template in TEMPLATES:
        text = template.read_text()
        for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I):
            if "src=" not in match.group(1) or match.group(2).strip():
                found.append(f"{template}: inline <script>")
        if re.search(r"\son[a-z]+\s*=", text) or "javascript:" in text:
            found.append(f"{template}: event handler or javascript: URL")
        if not PRINT_ONLY.search(str(template)) and re.search(r"<style\b|\sstyle=", text):
            found.append(f"{template}: inline style")
    assert found == []


def _policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = (p.strip().split() for p in header.split(";") if p.strip())
    return {p[0]: p[1:] for p in parts}


def _assert_strict(url: str, response) -> None:
    policy = _policy(response)
    assert policy, f"{url}: no Content-Security-Policy"
    for directive in ("script-src", "style-src", "default-src"):
        assert policy.get(directive) == ["'self'"], (url, directive, policy.get(directive))
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def _crawl(client, seeds: list[str], limit: int = 120) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = list(seeds)
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        _assert_strict(url, response)
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        assert page.problems == [], (url, page.problems)
        for href in page.links:
            target = urlsplit(urljoin(url, href))
            if target.netloc or target.path.startswith(("/accounts/logout", "/static/")):
                continue
            path = target.path + (f"?{target.query}" if target.query else "")
            if path not in seen:
                queue.append(path)
    return seen


@pytest.mark.django_db
def test_every_page_type_sends_a_strict_policy(client, demo, officer):
    anonymous = _crawl(client, ["/", "/search/?q=school", "/accounts/login/", "/no-such-page/"])
    assert 404 in anonymous.values()
    client.force_login(officer)
    # The officers' screens add many links to every page: the tracker is a start of its own.
    signed_in = _crawl(
        client,
        ["/", "/admin/", "/performance/", "/recommendations/panel/children-and-families/"],
        limit=200,
    )
    statuses = {**anonymous, **signed_in}
    assert 200 in statuses.values() and len(statuses) > 60
    # The kinds of page the crawl must have reached.
    for prefix in (
        "/panels/",
        "/meetings/",
        "/documents/",
        "/minutes/",
        "/recommendations/",
        "/performance/",
        "/admin/",
    ):
        assert any(url.startswith(prefix) for url in statuses), prefix
