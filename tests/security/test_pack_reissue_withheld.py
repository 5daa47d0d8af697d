"""A published pack whose paper is withheld afterwards: withdrawn, reissued redacted, and the
exempt text reaches nobody unentitled by any path (page, file, API, feed, search, pack).

The canary is planted through the officers' screens: a report uploaded and published on a
meeting whose agenda is published, printed in the public pack, then made exempt in the
officers' exemption screen.
"""

from __future__ import annotations

from datetime import date

import pytest

from scrutiny.documents import services
from scrutiny.documents.models import PackIssue
from tests.committees.factories import AgendaItemFactory, PublishedMeetingFactory
from tests.security.sweep import council, site_seeds, sweep
from tests.security.test_papers_withheld_by_default import (
    WORD,
    _exemption,
    _nobody_unentitled_finds,
    _publish,
    _upload,
)


@pytest.fixture
def people(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return council()


@pytest.fixture
def published_item(people):
    """Item 5 of a meeting whose agenda was published before packs were kept as issues."""
    meeting = PublishedMeetingFactory(panel=people.panel, date=date(2024, 11, 28))
    item = AgendaItemFactory(meeting=meeting, number=5, title="Education performance")
    services.agenda_publication_import(actor=people.officer, meeting=meeting)
    return item


def _seeds(people, document, canary: str) -> list[str]:
    meeting = document.meeting_id
    return site_seeds(
        people.panel,
        canary,
        f"/meetings/{meeting}/",
        f"/documents/{document.pk}/",
        f"/documents/{document.pk}/file/",
        f"/documents/{document.pk}/versions/",
        f"/documents/meetings/{meeting}/pack/",
        f"/documents/meetings/{meeting}/pack/public.pdf",
        f"/documents/meetings/{meeting}/pack/public/issue-1.pdf",
        f"/documents/meetings/{meeting}/pack/public/issue-2.pdf",
        f"/api/v1/documents?meeting={meeting}",
        f"/api/v1/documents/{document.pk}",
        f"/api/v1/meetings/{meeting}",
        words=(WORD,),
    )


def test_a_paper_withheld_after_the_pack_was_published_leaves_every_public_path(
    people, published_item, run_tasks
):
    canary = "PACKCANARY-REISSUE-3310"
    document = _upload(people, published_item, canary)
    _publish(people, document)
    meeting = document.meeting
    # The pack as published prints the paper (first asked for: recorded, then printed).
    assert (
        people.client("anonymous").get(f"/documents/meetings/{meeting.pk}/pack/").status_code == 200
    )
    run_tasks()
    seeds = _seeds(people, document, canary)
    published = sweep(people.client("anonymous"), canary, seeds)
    assert f"/documents/meetings/{meeting.pk}/pack/public/issue-1.pdf" in published.leaks

    response = people.client("officer").post(
        f"/documents/{document.pk}/exemption/",
        {**_exemption(), "reason": "Provisional figures: not for publication"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    first = PackIssue.objects.get(meeting=meeting, variant="public", number=1)
    assert first.is_withdrawn
    # Before the worker has printed the reissue, and after it: found nowhere.
    _nobody_unentitled_finds(people, canary, seeds)
    run_tasks()
    reissue = PackIssue.objects.get(meeting=meeting, variant="public", number=2)
    assert reissue.status == "ready" and reissue.kind == "redacted"
    _nobody_unentitled_finds(people, canary, seeds)
    anonymous = sweep(people.client("anonymous"), canary, seeds)
    assert anonymous.fetched[f"/documents/meetings/{meeting.pk}/pack/public/issue-1.pdf"] == 404
    assert anonymous.fetched[f"/documents/meetings/{meeting.pk}/pack/public/issue-2.pdf"] == 200
    # The member of the panel reads it in the members' pack, not in the withdrawn issue;
    # officers keep the withdrawn issue.
    member = sweep(people.client("member"), canary, seeds)
    assert f"/documents/meetings/{meeting.pk}/pack/public/issue-1.pdf" not in member.leaks
    officer = sweep(people.client("officer"), canary, seeds)
    assert f"/documents/meetings/{meeting.pk}/pack/public/issue-1.pdf" in officer.leaks
    assert (
        "no-store" in officer.headers[f"/documents/meetings/{meeting.pk}/pack/public/issue-1.pdf"]
    )
