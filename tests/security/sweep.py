"""The people of a small council and an in-process sweep for a planted canary.

Each denial test plants a canary through an officer's screen (the test client posting the
officers' forms), then fetches everything a visitor can reach, as each role that is not
entitled to it: pages, files, PDFs (as text), feeds, calendars, search, plus the outbox of
email. The same sweep as an entitled member or an officer must find the canary, which proves
the sweep can see a leak.
"""

from __future__ import annotations

import html
import io
import re
import urllib.parse
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group, User
from django.test import Client

from scrutiny.core.access import OFFICER_GROUP
from tests.committees.factories import MembershipFactory, PanelFactory, PersonFactory, SeatFactory

SKIPPED = ("/accounts/", "/admin/", "/static/")
PASSWORD = "a-long-test-password-9"


@dataclass
class Council:
    """A panel with an officer, a current member, a former member, a member of another
    panel and a signed-in outsider."""

    panel: object
    other_panel: object
    officer: User
    member: User
    former: User
    other_member: User
    outsider: User

    def client(self, who: str) -> Client:
        client = Client()
        if who != "anonymous":
            client.force_login(getattr(self, who))
        return client


def _user(username: str, *, officer: bool = False) -> User:
    user = User.objects.create_user(username, password=PASSWORD, email=f"{username}@example.org")
    if officer:
        user.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
    return user


def _member(username: str, panel, start: date, end: date | None = None) -> User:
    user = _user(username)
    person = PersonFactory(user=user, name=f"Councillor {username.title()}")
    MembershipFactory(person=person, seat=SeatFactory(panel=panel), start_date=start, end_date=end)
    return user


def council() -> Council:
    panel = PanelFactory(name="Children Scrutiny Panel", slug="children")
    other = PanelFactory(name="Health Scrutiny Panel", slug="health")
    return Council(
        panel=panel,
        other_panel=other,
        officer=_user("dso", officer=True),
        member=_member("chair", panel, date(2020, 5, 1)),
        former=_member("former", panel, date(2018, 5, 1), date(2020, 4, 30)),
        other_member=_member("healthmember", other, date(2020, 5, 1)),
        outsider=_user("outsider"),
    )


UNENTITLED = ["anonymous", "outsider", "other_member", "former"]


def _links(path: str, content_type: str, body: str) -> list[str]:
    if content_type == "text/html":
        hrefs = re.findall(r'<(?:a|link)\b[^>]*\bhref="([^"]+)"', body)
    elif content_type in ("application/atom+xml", "application/rss+xml"):
        hrefs = re.findall(r'href="([^"]+)"', body)
    elif content_type == "text/calendar":
        hrefs = re.findall(r"^URL:(\S+)", body, re.M)
    else:
        hrefs = []
    found = []
    for href in hrefs:
        parts = urllib.parse.urlsplit(urllib.parse.urljoin(path, html.unescape(href)))
        if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1:8000"):
            continue
        link = parts.path + (f"?{parts.query}" if parts.query else "")
        if not link.startswith(SKIPPED):
            found.append(link)
    return found


def _text(response) -> tuple[str, str]:
    """(content type, what a reader gets: page markup, PDF text, file bytes as text)."""
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    data = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        return content_type, " ".join(page.extract_text() or "" for page in reader.pages)
    if data.startswith(b"PK\x03\x04"):
        import zipfile

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return content_type, " ".join(
                archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
            )
    return content_type, data.decode("utf-8", "replace")


@dataclass
class Sweep:
    fetched: dict[str, int]
    leaks: list[str]
    headers: dict[str, str]

    def found(self) -> bool:
        return bool(self.leaks)


def sweep(client: Client, canary: str, seeds: list[str], limit: int = 250) -> Sweep:
    """Fetch the seeds and every same-site link from them; where does ``canary`` appear?"""
    queue = list(dict.fromkeys(seeds))
    seen = set(queue)
    fetched: dict[str, int] = {}
    leaks: list[str] = []
    headers: dict[str, str] = {}
    while queue and len(fetched) < limit:
        path = queue.pop(0)
        response = client.get(path)
        fetched[path] = response.status_code
        headers[path] = response.get("Cache-Control", "")
        content_type, body = _text(response)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("q", [""])[0]
        checked = body.replace(query, " ") if query else body
        if canary.lower() in html.unescape(checked).lower():
            leaks.append(path)
        for link in _links(path, content_type, body):
            if link not in seen:
                seen.add(link)
                queue.append(link)
    return Sweep(fetched, leaks, headers)


def site_seeds(panel, canary: str, *extra: str, words: tuple[str, ...] = ()) -> list[str]:
    """The site's entry points and searches: for the canary (its echo is not a leak) and for
    ``words`` planted beside it, whose results would quote the canary if they leaked it."""
    words = (canary, *canary.split("-"), *words)
    return [
        "/",
        f"/panels/{panel.slug}/",
        f"/panels/{panel.slug}/meetings.ics",
        f"/panels/{panel.slug}/papers.atom",
        f"/recommendations/panel/{panel.slug}/",
        "/minutes/",
        *[f"/search/?q={urllib.parse.quote(w)}" for w in words if len(w) >= 3],
        *extra,
    ]


def public_outbox_text(*not_entitled: User) -> str:
    """Every message written for the public (alerts, confirmations) or for the given users."""
    from scrutiny.notifications.models import Message

    addresses = {u.email for u in not_entitled if u.email}
    messages = Message.objects.filter(
        kind__in=[Message.Kind.CONFIRM, Message.Kind.PUBLIC_ALERT]
    ) | Message.objects.filter(to__in=addresses)
    return " ".join(f"{m.subject} {m.body}" for m in messages)
