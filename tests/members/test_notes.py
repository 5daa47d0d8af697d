"""Private notes: seen by their owner alone, on every surface (pages, API, search, exports,
logs); kept with the version they were made on and shown against a later version where the
text still matches; exported and deleted on request; deleted after their owner left the panel
plus the retention period; withheld as the paper is."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from scrutiny.committees.models import Membership
from scrutiny.core.actors import Refused, SystemActor
from scrutiny.core.models import AuditEvent
from scrutiny.documents import services as documents
from scrutiny.members import notes, services
from scrutiny.members.models import PrivateNote
from scrutiny.public import services as public_services

NOTE = "NOTE-CANARY-7731 ask about the 39 audits"
BODY = (
    "<p>Audit of re-referrals: 39 audits allocated.</p><p>Timeliness by team fell in September.</p>"
)


@pytest.fixture
def noted(panelled):
    paper = panelled.paper
    paper.body_html = BODY
    paper.save(update_fields=["body_html"])
    note = services.note_save(
        actor=panelled.member,
        document=paper,
        anchor="paragraph",
        position=1,
        text=NOTE,
        highlight=True,
    )
    return note


def _same_panel_member(panelled):
    from tests.members.conftest import _member

    return _member(panelled.panel, "same-panel-member")[0]


def _pages(panelled, note) -> list[str]:
    paper, meeting, panel = panelled.paper, panelled.meeting, panelled.panel
    return [
        paper.get_absolute_url(),
        meeting.get_absolute_url(),
        panel.get_absolute_url(),
        panelled.person.get_absolute_url(),
        "/members/",
        "/members/notes/",
        "/members/notes/export.csv",
        f"/members/documents/{paper.pk}/notes/",
        f"/members/notes/{note.pk}/",
        f"/members/meetings/{meeting.pk}/briefing/",
        "/manage/",
        f"/documents/{paper.pk}/versions/",
        f"/recommendations/panel/{panel.slug}/",
        f"/panels/{panel.slug}/papers.atom",
        "/papers.atom",
        f"/panels/{panel.slug}/downloads/recommendations.csv",
        "/admin/",
        "/admin/core/auditevent/",
    ]


API = [
    "/api/v1/documents",
    "/api/v1/meetings",
    "/api/v1/people",
    "/api/v1/recommendations",
    "/api/v1/interests",
    "/api/v1/declarations",
]


def _search_finds_nothing(client) -> bool:
    """Search echoes the words asked for: the page for the note's words must be the page for
    words nothing contains, but for the words themselves."""
    canary, control = NOTE.split()[0], "ZZZZ-ZZZZZZ-0000"
    found = client.get("/search/", {"q": canary}).content.decode().replace(canary, "#")
    nothing = client.get("/search/", {"q": control}).content.decode().replace(control, "#")
    strip = __import__("re").compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    return strip.sub("", found) == strip.sub("", nothing)


def _seen(client, urls, **headers) -> str:
    texts = []
    for url in urls:
        response = client.get(url, **headers)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts.append(body.decode(errors="replace"))
    return "\n".join(texts)


def test_the_owner_sees_the_note_and_every_other_role_sees_nothing_anywhere(
    client, panelled, noted, officer, outsider, admin_user
):
    canary = NOTE.split()[0]
    # the sweep can see a leak: the owner's own pages show the note
    client.force_login(panelled.member)
    assert canary in _seen(client, _pages(panelled, noted))
    assert canary not in _seen(client, API)  # not even the owner's API, nor search
    assert _search_finds_nothing(client)
    token = public_services.api_token_create(actor=panelled.member, name="t")[1]
    assert canary not in _seen(client, API, HTTP_AUTHORIZATION=f"Bearer {token}")
    others = [
        officer,
        admin_user,
        _same_panel_member(panelled),
        panelled.other_member,
        outsider,
        None,
    ]
    for user in others:
        client.logout()
        if user is not None:
            client.force_login(user)
        assert canary not in _seen(client, _pages(panelled, noted) + API), user
        assert _search_finds_nothing(client), user
        assert "ask about the 39 audits" not in _seen(client, _pages(panelled, noted)), user


def test_another_members_note_does_not_exist_for_you(client, panelled, noted):
    client.force_login(_same_panel_member(panelled))
    assert client.get(f"/members/notes/{noted.pk}/").status_code == 404
    assert client.post(f"/members/notes/{noted.pk}/delete/").status_code == 404
    assert PrivateNote.objects.filter(pk=noted.pk).exists()
    with pytest.raises(Refused):
        services.note_delete(actor=panelled.other_member, note=noted)


def test_officers_cannot_open_the_annotation_pages(client, panelled, noted, officer):
    client.force_login(officer)
    assert client.get(f"/members/documents/{panelled.paper.pk}/notes/").status_code == 403
    with pytest.raises(Refused):
        services.note_save(
            actor=officer, document=panelled.paper, anchor="paragraph", position=1, text="x"
        )


def test_the_audit_log_and_the_logs_never_hold_the_text(panelled, caplog):
    caplog.set_level(logging.DEBUG)
    paper = panelled.paper
    paper.body_html = BODY
    paper.save(update_fields=["body_html"])
    note = services.note_save(
        actor=panelled.member, document=paper, anchor="paragraph", position=2, text=NOTE
    )
    services.note_delete(actor=panelled.member, note=note)
    events = AuditEvent.objects.filter(action__startswith="members.note")
    assert events.count() == 2
    stored = " ".join(f"{e.target_label} {e.data} {e.from_state} {e.to_state}" for e in events)
    assert "NOTE-CANARY" not in stored and "Timeliness" not in stored
    assert "NOTE-CANARY" not in caplog.text


def test_a_note_survives_a_new_version_where_the_text_still_matches(panelled, noted, officer):
    paper = panelled.paper
    documents.document_replace(
        actor=officer,
        document=paper,
        reason="Corrected the timeliness figures",
        body_html="<p>Summary first.</p><p>Audit of re-referrals: 39 audits allocated.</p>"
        "<p>Timeliness by team rose in September.</p>",
    )
    paper.refresh_from_db()
    assert paper.version == 2
    second = PrivateNote.objects.create(
        owner=panelled.member,
        document=paper,
        version=1,
        anchor="paragraph",
        position=2,
        quote="Timeliness by team fell in September.",
        fingerprint=__import__("scrutiny.members.paragraphs", fromlist=["x"]).fingerprint(
            "Timeliness by team fell in September."
        ),
        text="changed passage",
    )
    view = notes.annotated(panelled.member, paper)
    placed = {n.pk: entry.part.position for entry in view.parts for n in entry.notes}
    assert placed == {noted.pk: 2}  # moved down with its paragraph
    assert view.changed == [second]  # its passage is no longer there


def test_pdf_pages_take_notes_by_page(panelled, pdf_bytes, settings, tmp_path):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    paper = panelled.paper
    paper.body_html = ""
    paper.content_type = "application/pdf"
    paper.file.save("paper.pdf", ContentFile(pdf_bytes(3, "Placements")), save=True)
    note = services.note_save(
        actor=panelled.member, document=paper, anchor="page", position=2, text=NOTE
    )
    assert "sheet 2" in note.quote
    view = notes.annotated(panelled.member, paper)
    assert [len(e.notes) for e in view.parts] == [0, 1, 0]


def test_an_empty_note_is_refused_on_its_field_and_nothing_is_saved(client, panelled, noted):
    with pytest.raises(ValidationError) as error:
        services.note_save(
            actor=panelled.member, document=panelled.paper, anchor="paragraph", position=2
        )
    assert "text" in error.value.message_dict
    client.force_login(panelled.member)
    url = f"/members/documents/{panelled.paper.pk}/notes/new/?anchor=paragraph&position=2"
    response = client.post(url, {"text": "  "})
    assert response.status_code == 400
    assert "Write a note, or highlight the passage" in response.content.decode()
    assert PrivateNote.objects.count() == 1


def test_export_and_delete_on_request(client, panelled, noted):
    client.force_login(panelled.member)
    csv = client.get("/members/notes/export.csv")
    assert csv["Content-Type"] == "text/csv" and NOTE in csv.content.decode()
    assert csv["Cache-Control"] == "private, no-store"
    client.post(f"/members/notes/{noted.pk}/delete/")
    assert not PrivateNote.objects.exists()
    services.note_save(
        actor=panelled.member, document=panelled.paper, anchor="paragraph", position=2, text="a"
    )
    client.post("/members/notes/", {"action": "delete_all"})
    assert not PrivateNote.objects.exists()


def test_notes_on_an_exempt_paper_are_withheld_as_the_paper_is(client, panelled):
    exempt = panelled.exempt_paper
    services.note_save(
        actor=panelled.member, document=exempt, anchor="paragraph", position=1, text=NOTE
    )
    client.force_login(panelled.member)
    assert NOTE in client.get("/members/notes/export.csv").content.decode()
    # The member leaves the panel: the paper is withheld from them, and so are their notes.
    Membership.objects.filter(person=panelled.person).update(
        start_date=date(2024, 5, 1), end_date=date(2024, 6, 1)
    )
    member = type(panelled.member).objects.get(pk=panelled.member.pk)  # as a new request reads
    client.force_login(member)
    assert NOTE not in client.get("/members/notes/export.csv").content.decode()
    assert client.get(f"/members/documents/{exempt.pk}/notes/").status_code in (403, 404)
    with pytest.raises(Refused):
        services.note_save(actor=member, document=exempt, anchor="paragraph", position=1, text="x")


def test_notes_go_once_their_owner_left_the_panel_beyond_the_retention_period(
    panelled, noted, settings
):
    settings.SCRUTINY_NOTES_RETENTION_DAYS = 90
    system = SystemActor("test")
    assert services.notes_purge_departed(actor=system) == 0  # still on the panel
    left = timezone.localdate() - timedelta(days=30)
    Membership.objects.filter(person=panelled.person).update(end_date=left)
    assert services.notes_purge_departed(actor=system) == 0  # within the retention period
    Membership.objects.filter(person=panelled.person).update(end_date=left - timedelta(days=61))
    call_command("purge_notes")
    assert not PrivateNote.objects.exists()
