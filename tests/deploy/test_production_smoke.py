"""Run as a council would: `scrutiny serve` and `scrutiny worker` started with the documented
production environment, behind (simulated) TLS proxy headers, on PostgreSQL. A resident signs
up for alerts, an officer signs in and publishes an agenda, the worker builds the pack and
sends the mail (to a local SMTP server), nothing withheld is in any message; /healthz is
healthy, and unhealthy once the worker is stopped."""

from __future__ import annotations

import email
import io
import re
import time
from datetime import time as clock
from email import policy
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from scrutiny.committees import services as committees
from scrutiny.core.access import OFFICER_GROUP
from scrutiny.core.workingdays import add_working_days
from scrutiny.documents import services as documents
from scrutiny.documents.models import AgendaPack
from tests.committees.factories import ExemptCategoryFactory, PanelFactory
from tests.deploy import processes
from tests.deploy.environment import production_environment

pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(processes.postgres_url() is None, reason="needs DATABASE_URL on PostgreSQL"),
]
CANARY = "CANARY-SMOKE-5512"
ORIGIN = f"https://{processes.HOST}"


class Mailbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def wait_for(self, subject_start: str, seconds: float = 60) -> email.message.EmailMessage:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for message in self.messages:
                if message["Subject"].startswith(subject_start):
                    return message
            time.sleep(0.3)
        raise AssertionError(
            f"no message {subject_start!r}: {[m['Subject'] for m in self.messages]}"
        )


class Browser:
    """Requests as they arrive from the TLS proxy, keeping cookies (which are Secure)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        return {**headers, **(extra or {})}

    def _keep(self, response_headers):
        for header in response_headers.get_all("Set-Cookie") or []:
            assert "Secure" in header, header  # secure cookies behind the proxy
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]

    def get(self, path):
        status, headers, body = processes.get(self.port, path, headers=self._headers())
        self._keep(headers)
        return status, headers, body.decode(errors="replace")

    def post(self, path, data: dict, referer: str):
        _, _, page = self.get(referer)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        body = urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        status, headers, reply = processes.get(
            self.port,
            path,
            headers=self._headers(
                {
                    "Origin": ORIGIN,
                    "Referer": ORIGIN + referer,
                    "Content-Type": "application/x-www-form-urlencoded",
                }
            ),
            data=body,
        )
        self._keep(headers)
        return status, headers, reply.decode(errors="replace")


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _meeting():
    """A meeting three weeks on, with a public report and an exempt appendix (the canary),
    prepared through the officers' services."""
    day = add_working_days(timezone.localdate(), 15)
    meeting = committees.meeting_create(
        actor="dso", panel=PanelFactory(name="Children and Families Scrutiny Panel"),
        date=day, start_time=clock(17, 30), venue="Civic Centre",
    )  # fmt: skip
    item = committees.agenda_item_add(actor="dso", meeting=meeting, title="School places")
    documents.document_add(
        actor="dso", meeting=meeting, agenda_item=item, title="School places report",
        kind="report", upload=SimpleUploadedFile("places.pdf", _pdf(), "application/pdf"),
    )  # fmt: skip
    documents.document_add(
        actor="dso", meeting=meeting, agenda_item=item, title="Provider prices", number=1,
        body_html=f"<p>{CANARY} price list</p>", is_exempt=True,
        exempt_category=ExemptCategoryFactory(), public_interest_reasoning="Commercial.",
    )  # fmt: skip
    return meeting


def _wait(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.django_db(transaction=True)
def test_a_council_deployment_end_to_end(tmp_path, live_database_url, settings):
    from aiosmtpd.controller import Controller

    # The server checks passwords with the production hashers, not the tests' quick one.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    officer = User.objects.create_user("dso", password="correct-horse-battery-staple")
    officer.groups.add(Group.objects.get_or_create(name=OFFICER_GROUP)[0])
    meeting = _meeting()

    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=processes.free_port())
    smtp.start()
    port = processes.free_port()
    env = production_environment(
        tmp_path,
        DATABASE_URL=live_database_url,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp.port),
        EMAIL_USE_TLS="off",
        EMAIL_HOST_USER="",
    )
    serve_log, worker_log = tmp_path / "serve.log", tmp_path / "worker.log"
    server = processes.start(
        ["serve", f"--bind=127.0.0.1:{port}", "--workers=1", "--threads=4"], env, serve_log
    )
    worker = processes.start(["worker"], env, worker_log)
    try:
        processes.wait_until_serving(port, server, serve_log)
        web = Browser(port)
        # Plain HTTP straight to the app is sent to HTTPS; through the proxy it is served.
        status, headers, _ = processes.get(port, "/", headers={"X-Forwarded-Proto": "http"})
        assert status == 301 and headers["Location"].startswith("https://")
        status, headers, _ = web.get("/")
        assert status == 200 and "max-age=31536000" in headers["Strict-Transport-Security"]
        assert "script-src 'self'" in headers["Content-Security-Policy"]

        # A resident signs up and confirms (double opt-in).
        alerts = f"/panels/{meeting.panel.slug}/alerts/"
        status, headers, _ = web.post(alerts, {"email": "resident@example.org"}, alerts)
        assert status == 302, status
        confirmation = mailbox.wait_for("Confirm your email alerts")
        link = re.search(r"https://\S+/alerts/confirm/\S+/", confirmation.get_content()).group(0)
        path = link.removeprefix(ORIGIN)
        status, _, page = web.post(path, {}, path)
        assert status == 200 and "Email alerts confirmed" in page

        # The officer signs in and publishes the agenda in the officers' screens.
        status, _, _ = web.post(
            "/accounts/login/",
            {"username": "dso", "password": "correct-horse-battery-staple"},
            "/accounts/login/",
        )
        assert status == 302
        papers = f"/documents/meetings/{meeting.pk}/papers/"
        status, headers, _ = web.post(f"/documents/meetings/{meeting.pk}/publish/", {}, papers)
        assert status == 302 and headers["Location"].endswith(papers)

        # The worker builds the pack and sends the alert.
        _wait(
            lambda: AgendaPack.objects.filter(meeting=meeting, variant="public", status="ready")
            .exists(),
            60,
            "the public pack",
        )  # fmt: skip
        alert = mailbox.wait_for("Agenda published")
        assert "School places report" in alert.get_content()
        assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        for message in mailbox.messages:
            assert CANARY not in message.as_string(), message["Subject"]
        status, headers, body = web.get(f"/documents/meetings/{meeting.pk}/pack/public.pdf")
        assert status == 200 and headers["Content-Type"] == "application/pdf"

        status, _, body = processes.get(port, "/healthz")
        assert status == 200, body
        processes.stop(worker)
        status, _, body = processes.get(port, "/healthz")
        assert status == 503 and b'"worker": {"ok": false' in body
    finally:
        processes.stop(worker)
        processes.stop(server)
        smtp.stop()
    for log in (serve_log, worker_log):
        assert CANARY not in log.read_text()
