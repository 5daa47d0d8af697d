"""The full-text index behind site search: order and count at size, filters, and upkeep.

Runs on whichever database the suite runs on (SQLite by default, PostgreSQL with
DATABASE_URL, as in CI): the order, the count and the withheld rule must hold on both.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.db import connection

from scrutiny.core.models import SearchEntry
from scrutiny.core.search_index import index_rebuild
from scrutiny.documents.models import Document
from scrutiny.documents.services import document_replace, report_update
from tests.committees.factories import ExemptCategoryFactory, HeldMeetingFactory, PanelFactory
from tests.public.factories import PublishedDocumentFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime(2024, 11, 20, 9, tzinfo=UTC)
OLD_LIMIT = 200  # what each provider used to cut its matches to, before ordering them


def _papers(meeting, count: int, *, title: str, body: str = "", exempt=None) -> None:
    Document.objects.bulk_create(
        Document(
            meeting=meeting,
            kind=Document.Kind.REPORT,
            title=f"{title} {n}",
            body_html=f"<p>{body}</p>",
            published_at=PUBLISHED,
            is_exempt=exempt is not None,
            exempt_category=exempt,
        )
        for n in range(count)
    )


def _search(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response


@pytest.fixture
def many_papers():
    """450 matching papers: 400 at the oldest meeting, 50 at the newest, and withheld ones."""
    panel = PanelFactory(name="Children and Families Scrutiny Panel")
    oldest = HeldMeetingFactory(panel=panel, date=date(2020, 1, 16))
    newest = HeldMeetingFactory(panel=panel, date=date(2024, 11, 28))
    _papers(oldest, 400, title="Quarterly paper", body="Children's social care outcomes.")
    _papers(newest, 50, title="Latest paper", body="Outcomes for care leavers.")
    # Withheld, with the word in the body only: never found by the public.
    _papers(newest, 250, title="Contract", body="Outcomes priced.", exempt=ExemptCategoryFactory())
    index_rebuild()
    return {"panel": panel, "oldest": oldest, "newest": newest}


def test_order_and_count_hold_beyond_the_old_limit(client, many_papers):
    first = _search(client, q="outcomes")
    assert first.context["total"] == 450 > 2 * OLD_LIMIT
    page = list(first.context["page"])
    assert len(page) == 20
    # Newest first: the 50 papers of 28 November 2024 fill the first pages.
    assert {r.when for r in page} == {date(2024, 11, 28)}
    third = _search(client, q="outcomes", page=3)
    whens = [r.when for r in third.context["page"]]
    assert whens[:10] == [date(2024, 11, 28)] * 10 and whens[10:] == [date(2020, 1, 16)] * 10
    last = _search(client, q="outcomes", page=23)
    assert len(last.context["page"]) == 10
    assert all(r.title.startswith("Quarterly paper") for r in last.context["page"])
    assert "450 results for" in first.content.decode()


def test_withheld_papers_match_by_title_only_at_size(client, many_papers, officer):
    assert _search(client, q="priced").context["total"] == 0
    listed = _search(client, q="contract")
    assert listed.context["total"] == 250
    assert all(r.snippet == "" and r.withheld_label for r in listed.context["page"])
    client.force_login(officer)
    assert _search(client, q="outcomes").context["total"] == 700
    assert _search(client, q="priced").context["total"] == 250


def test_filters_by_panel_kind_and_date(client, many_papers):
    other = HeldMeetingFactory(panel=PanelFactory(name="Health Panel"), date=date(2023, 5, 4))
    PublishedDocumentFactory(meeting=other, title="Health outcomes", body_html="")
    assert _search(client, q="outcomes").context["total"] == 451
    panel = many_papers["panel"]
    assert _search(client, q="outcomes", panel=panel.slug).context["total"] == 450
    dated = _search(
        client,
        q="outcomes",
        date_from_0="1",
        date_from_1="1",
        date_from_2="2023",
        date_to_0="31",
        date_to_1="12",
        date_to_2="2023",
    )
    assert [r.title for r in dated.context["page"]] == ["Health outcomes"]
    assert _search(client, q="outcomes", kind="Minute").context["total"] == 0
    assert _search(client, q="outcomes", kind="Document").context["total"] == 451
    backwards = _search(
        client,
        q="outcomes",
        date_from_0="1",
        date_from_1="1",
        date_from_2="2024",
        date_to_0="1",
        date_to_1="1",
        date_to_2="2023",
    )
    assert "The end date must be on or after the start date." in backwards.content.decode()


def test_the_search_takes_the_same_queries_at_any_size(
    client, many_papers, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = _search(client, q="outcomes", page=2)
    assert len(response.context["page"]) == 20


def test_the_index_follows_the_services_that_write_papers(client, officer):
    meeting = HeldMeetingFactory(date=date(2024, 11, 28))
    document = PublishedDocumentFactory(meeting=meeting, title="Sufficiency", body_html="")
    assert SearchEntry.objects.filter(kind="Document", object_id=document.pk).exists()
    assert _search(client, q="placements").context["total"] == 0
    document_replace(actor=officer, document=document, body_html="<p>Placements</p>", reason="Typo")
    assert _search(client, q="placements").context["total"] == 1
    document.delete()
    assert _search(client, q="placements").context["total"] == 0
    assert not SearchEntry.objects.filter(kind="Document", object_id=document.pk).exists()


def test_a_report_edited_through_its_version_is_found_by_its_new_text(client, officer):
    from scrutiny.documents.models import Report

    meeting = HeldMeetingFactory(date=date(2024, 11, 28))
    document = PublishedDocumentFactory(meeting=meeting, title="Youth justice", body_html="")
    report = Report.objects.create(
        document=document,
        decision_maker="Panel",
        subject="Youth justice",
        date_of_decision=meeting.date,
        report_of="Director",
        director_title="Director",
        director_name="A Director",
        author_title="Lead",
        author_name="An Author",
        brief_summary="<p>Entrants fell.</p>",
        recommendations="Note.",
        reasons="Inform.",
        detail="Detail.",
        legal_statutory_power="Act.",
    )
    assert _search(client, q="entrants").context["total"] == 1
    report_update(
        actor=officer, report=report, fields={"detail": "Remand figures rose."}, reason="New data"
    )
    (result,) = _search(client, q="remand").context["page"]
    assert result.title == "Youth justice" and "Remand figures rose." in result.snippet


def test_the_index_uses_the_databases_full_text_search():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'core_searchentry_vector'"
            )
            assert "gin (search_vector)" in cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'core_searchentry_fts'")
            assert "fts5" in cursor.fetchone()[0].lower()
