"""A small same-site crawler for the leak sweep: pages, files, PDFs (as text), feeds."""

from __future__ import annotations

import html
import http.cookiejar
import io
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_PAGES = 400
WORKERS = 8
# Not followed: sign-in links carry the current page in ?next= (endless variants), signing out
# would end the session mid-crawl, and static files hold no data. The sign-in page is a seed.
SKIPPED_PREFIXES = ("/accounts/", "/admin/", "/static/")


@dataclass
class Fetched:
    url: str
    status: int
    content_type: str
    text: str  # what a reader would see: page text, PDF text, feed or calendar text
    raw: str  # the body as served (markup included)


@dataclass
class CrawlResult:
    pages: dict[str, Fetched] = field(default_factory=dict)

    def statuses(self) -> dict[str, int]:
        return {url: page.status for url, page in self.pages.items()}


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag in ("a", "link") and values.get("href"):
            self.links.append(values["href"])


def _html_text(body: str) -> str:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _zip_text(data: bytes) -> str:
    """Text of the XML parts of a zipped office document (DOCX, XLSX, ODT)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return _html_text(" ".join(parts))


def _pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


class Crawler:
    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def sign_in(self, username: str, password: str) -> None:
        form = self.opener.open(self.base + "/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode(
            {"csrfmiddlewaretoken": token, "username": username, "password": password}
        ).encode()
        request = urllib.request.Request(  # noqa: S310 - the demo server over http only
            self.base + "/accounts/login/", data=data, headers={"Referer": self.base + "/"}
        )
        page = self.opener.open(request, timeout=30).read().decode()
        if "Sign out" not in page:
            raise AssertionError(f"could not sign in as {username}")

    def fetch(self, path: str) -> Fetched:
        try:
            response = self.opener.open(self.base + path, timeout=60)
            status, headers, data = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, data = error.code, error.headers, error.read()
        content_type = headers.get("Content-Type", "").split(";")[0].strip()
        if content_type == "application/pdf" and data.startswith(b"%PDF"):
            text = _pdf_text(data)
            raw = data.decode("latin-1")
        elif data.startswith(b"PK\x03\x04"):
            text = _zip_text(data)
            raw = data.decode("latin-1")
        else:
            raw = data.decode("utf-8", errors="replace")
            if content_type == "text/html":
                text = _html_text(raw)
            elif content_type == "application/json":
                text = "\n".join(_json_strings(raw))  # unescaped, as a reader would see it
            else:
                text = raw
        return Fetched(path, status, content_type, text, raw)

    def _links(self, page: Fetched) -> list[str]:
        if page.content_type == "text/html":
            parser = _LinkParser()
            parser.feed(page.raw)
            hrefs = parser.links
        elif page.content_type in ("application/atom+xml", "application/rss+xml"):
            hrefs = re.findall(r'href="([^"]+)"', page.raw)
        elif page.content_type == "text/calendar":
            hrefs = re.findall(r"^URL:(\S+)", page.raw, re.M)
        elif page.content_type == "application/json":
            # The API's links: pages, files, next pages of lists.
            hrefs = [t for t in _json_strings(page.raw) if t.startswith(("/", self.base))]
        else:
            hrefs = []
        found = []
        for href in hrefs:
            absolute = urllib.parse.urljoin(self.base + page.url, html.unescape(href))
            parts = urllib.parse.urlsplit(absolute)
            if f"{parts.scheme}://{parts.netloc}" != self.base:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith(SKIPPED_PREFIXES):
                found.append(path)
        return found

    def crawl(self, seeds: list[str], limit: int = MAX_PAGES) -> CrawlResult:
        result = CrawlResult()
        queued = set(seeds)
        frontier = list(seeds)
        with ThreadPoolExecutor(WORKERS) as pool:
            while frontier and len(result.pages) < limit:
                batch = frontier[: limit - len(result.pages)]
                frontier = frontier[len(batch) :]
                for page in pool.map(self.fetch, batch):
                    result.pages[page.url] = page
                    for link in self._links(page):
                        if link not in queued:
                            queued.add(link)
                            frontier.append(link)
        return result


def _json_strings(raw: str) -> list[str]:
    """Every string in a JSON document (keys and values), or none if it is not JSON."""
    import json

    try:
        document = json.loads(raw)
    except ValueError:
        return []
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                found.append(str(key))
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found
