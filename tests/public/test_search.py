"""Site search: what each role finds, and what withheld or unpublished records never reveal."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User

from scrutiny.public import search as site_search
from tests.committees.factories import (
    ExemptAgendaItemFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
)
from tests.minutes.factories import (
    DraftMinutesFactory,
    ExemptMinuteItemFactory,
    MinuteItemFactory,
    PublishedDraftMinutesFactory,
    ResolutionFactory,
)
from tests.public.factories import (
    DraftDocumentFactory,
    ExemptDocumentFactory,
    PublishedDocumentFactory,
)
from tests.recommendations.factories import ProposedRecommendationFactory

pytestmark = pytest.mark.django_db

CANARY = "ZEPHYR-CANARY"
DRAFT = "DRAFTMARKER"


def _member_of(panel, username: str) -> User:
    user = User.objects.create_user(username, password="pw-member-123")
    MembershipFactory(seat__panel=panel, person=PersonFactory(user=user))
    return user


@pytest.fixture
def panel():
    return PanelFactory(name="Children and Families Scrutiny Panel")


@pytest.fixture
def meeting(panel):
    return HeldMeetingFactory(panel=panel, date=date(2024, 11, 28))


@pytest.fixture
def withheld(meeting):
    """Withheld records of every searchable kind, each holding the canary in its content."""
    item = ExemptAgendaItemFactory(
        meeting=meeting, number=9, title="Provisional outcomes", summary=f"Figures {CANARY}."
    )
    document = ExemptDocumentFactory(
        meeting=meeting,
        agenda_item=item,
        title="Provisional outcomes table",
        body_html=f"<p>Confidential {CANARY} table.</p>",
    )
    minutes = PublishedDraftMinutesFactory(meeting=meeting)
    minute = ExemptMinuteItemFactory(
        minutes=minutes,
        title="Provisional outcomes discussion",
        introduction=f"The panel discussed the {CANARY} figures.",
    )
    resolution = ResolutionFactory(item=minute, text=f"That the {CANARY} figures return.")
    recommendation = ProposedRecommendationFactory(
        meeting=meeting,
        resolution=resolution,
        title="Provisional outcomes",
        action_proposed=f"Report the {CANARY} figures again.",
    )
    return {
        "item": item,
        "document": document,
        "minute": minute,
        "resolution": resolution,
        "recommendation": recommendation,
    }


@pytest.fixture
def drafts(meeting):
    """Unpublished records: a draft paper and draft minutes of another meeting."""
    DraftDocumentFactory(meeting=meeting, title="Quarterly figures", body_html=f"<p>{DRAFT}</p>")
    minutes = DraftMinutesFactory(
        meeting=HeldMeetingFactory(panel=meeting.panel, date=date(2025, 1, 30))
    )
    MinuteItemFactory(minutes=minutes, title="Quarterly figures", introduction=DRAFT)


def _search(client, query: str, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("who", ["anonymous", "outsider", "member of another panel"])
def test_withheld_content_is_not_searchable_by_those_not_entitled(client, withheld, who, outsider):
    user = {
        "anonymous": None,
        "outsider": outsider,
        "member of another panel": _member_of(PanelFactory(), "other-member"),
    }[who]
    response = _search(client, CANARY.lower(), user)
    assert response.context["total"] == 0
    assert "app-search-result" not in response.content.decode()


@pytest.mark.parametrize("who", ["member", "officer"])
def test_withheld_content_is_searchable_by_members_of_the_panel_and_officers(
    client, withheld, panel, officer, who
):
    user = officer if who == "officer" else _member_of(panel, "panel-member")
    response = _search(client, CANARY, user)
    results = list(response.context["page"])
    assert {r.kind for r in results} == {
        "Agenda item",
        "Document",
        "Minute",
        "Resolution",
        "Recommendation",
    }
    assert all(CANARY.lower() in r.snippet.lower() for r in results)
    assert all(r.withheld_label == "" for r in results)
    assert f"<mark>{CANARY}</mark>" in response.content.decode()


def test_titles_of_withheld_records_are_listed_without_their_content(client, withheld):
    response = _search(client, "provisional outcomes")
    results = {r.kind: r for r in response.context["page"]}
    assert set(results) == {"Agenda item", "Document", "Minute", "Recommendation"}
    assert all(r.snippet == "" for r in results.values())
    assert results["Document"].withheld_label == "Category 7a"
    assert results["Recommendation"].withheld_label == "made in private"
    # The recommendation's own page refuses the public, so the result points at the meeting.
    assert results["Recommendation"].url == withheld["recommendation"].meeting.get_absolute_url()
    html = response.content.decode()
    assert "Not for publication" in html
    assert CANARY not in html


def test_a_member_sees_withheld_content_of_a_meeting_they_substituted_at(client, withheld, meeting):
    from tests.committees.factories import SubstitutionFactory

    user = User.objects.create_user("substitute", password="pw-member-123")
    substitute = PersonFactory(user=user)
    SubstitutionFactory(meeting=meeting, substitute=substitute)
    response = _search(client, CANARY, user)
    assert response.context["total"] == 5


def test_unpublished_records_are_found_by_officers_only(client, drafts, officer, panel):
    assert _search(client, DRAFT).context["total"] == 0
    assert _search(client, "quarterly figures").context["total"] == 0
    member = _member_of(panel, "panel-member")
    assert _search(client, DRAFT, member).context["total"] == 0
    response = _search(client, "quarterly figures", officer)
    results = list(response.context["page"])
    assert sorted(r.kind for r in results) == ["Document", "Minute"]
    assert all(r.unpublished for r in results)
    assert response.content.decode().count("Not published") == 2


def test_officers_see_published_records_unflagged(client, withheld, officer):
    results = list(_search(client, CANARY, officer).context["page"])
    assert len(results) == 5
    assert [r.kind for r in results if r.unpublished] == []


def test_public_records_are_found_with_snippets(client, meeting):
    PublishedDocumentFactory(
        meeting=meeting,
        title="School attendance",
        body_html="<p>Persistent absence fell to 17% in <b>secondary</b> schools.</p>",
    )
    minutes = PublishedDraftMinutesFactory(meeting=meeting)
    minute = MinuteItemFactory(minutes=minutes, title="School attendance")
    ResolutionFactory(item=minute, text="That absence figures by school are circulated.")
    results = list(_search(client, "absence").context["page"])
    by_kind = {r.kind: r for r in results}
    assert set(by_kind) == {"Document", "Resolution"}
    assert "Persistent absence fell to 17% in secondary schools." in by_kind["Document"].snippet
    assert by_kind["Resolution"].url == f"/minutes/meeting/{meeting.pk}/#minute-{minute.number}"


def test_every_term_must_match_and_title_matches_come_first(client, meeting):
    PublishedDocumentFactory(meeting=meeting, title="Fostering", body_html="<p>Carers wanted</p>")
    PublishedDocumentFactory(meeting=meeting, title="Recruiting foster carers", body_html="")
    PublishedDocumentFactory(meeting=meeting, title="Carers' strategy", body_html="<p>none</p>")
    titles = [r.title for r in _search(client, "foster carers").context["page"]]
    assert titles == ["Recruiting foster carers", "Fostering"]


def test_results_are_paginated(client, meeting):
    for n in range(25):
        PublishedDocumentFactory(meeting=meeting, title=f"Sufficiency report {n}")
    first = _search(client, "sufficiency")
    assert first.context["total"] == 25 and len(first.context["page"]) == 20
    html = first.content.decode()
    assert 'aria-label="Search results pages"' in html and "page=2" in html
    second = client.get("/search/", {"q": "sufficiency", "page": 2})
    assert len(second.context["page"]) == 5
    beyond = client.get("/search/", {"q": "sufficiency", "page": 99})
    assert beyond.context["page"].number == 2


def test_search_query_count_does_not_grow_with_results(
    client, withheld, meeting, django_assert_max_num_queries
):
    PublishedDocumentFactory(meeting=meeting, title="Outcomes summary")
    client.get("/search/", {"q": "outcomes"})
    for n in range(20):
        PublishedDocumentFactory(meeting=meeting, title=f"Outcomes annex {n}")
    with django_assert_max_num_queries(20):
        response = client.get("/search/", {"q": "outcomes"})
    assert response.context["total"] == 25


def test_empty_and_too_short_queries(client, meeting):
    response = client.get("/search/")
    assert response.status_code == 200 and response.context["total"] == 0
    assert 'type="search"' in response.content.decode()
    response = client.get("/search/", {"q": "a"})
    assert "at least two letters" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_query_and_snippets_are_escaped(client, meeting):
    PublishedDocumentFactory(
        meeting=meeting, title="Escaping", body_html="<p>a &lt;script&gt; b</p>"
    )
    html = _search(client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html
    html = _search(client, "script").content.decode()
    assert "&lt;<mark>script</mark>&gt;" in html


def test_terms_are_parsed_into_distinct_lower_case_words():
    assert site_search.parse_terms("  Foster  CARERS foster a ") == ["foster", "carers"]
    assert site_search.parse_terms("KS4-PROVISIONAL-2024") == ["ks4-provisional-2024"]
    assert len(site_search.parse_terms(" ".join(f"w{n}x" for n in range(20)))) == 8


def test_providers_are_discovered_from_each_app():
    from scrutiny.core import registry

    assert [app for app, _function in site_search.providers()] == ["scrutiny.committees"]
    indexed = {app: kind.kind for app, kind in registry.search_index.items()}
    for app in ["committees", "documents", "minutes", "recommendations", "workprogramme"]:
        assert f"scrutiny.{app}" in indexed


def test_meetings_are_found_by_their_date(client, panel, meeting):
    HeldMeetingFactory(panel=panel, date=date(2024, 9, 26))
    HeldMeetingFactory(panel=PanelFactory(name="Health Scrutiny Panel"), date=date(2024, 11, 28))

    def meetings(query):
        return [r.title for r in _search(client, query).context["page"] if r.kind == "Meeting"]

    both = [
        "Children and Families Scrutiny Panel, Thursday 28 November 2024",
        "Health Scrutiny Panel, Thursday 28 November 2024",
    ]
    assert sorted(meetings("28 November 2024")) == both
    assert sorted(meetings("28th nov")) == both
    assert meetings("children november 2024") == [both[0]]
    assert len(meetings("2024")) == 3
    # The panel name alone would list every meeting; it matches the panel instead.
    assert meetings("children") == []


def test_papers_of_an_item_taken_in_private_are_withheld_with_it(client, meeting, panel):
    item = ExemptAgendaItemFactory(meeting=meeting, number=8, title="Placement contract")
    PublishedDocumentFactory(
        meeting=meeting, agenda_item=item, title="Contract options", body_html=f"<p>{CANARY}</p>"
    )
    assert _search(client, CANARY).context["total"] == 0
    (result,) = _search(client, "contract options").context["page"]
    assert result.withheld_label == "Category 7a" and result.snippet == ""
    member = _member_of(panel, "panel-member")
    (result,) = _search(client, CANARY, member).context["page"]
    assert result.kind == "Document" and CANARY in result.snippet


def test_reports_written_in_the_template_are_found_by_their_text(client, meeting):
    from scrutiny.documents.models import Report

    document = PublishedDocumentFactory(meeting=meeting, title="Youth justice", body_html="")
    Report.objects.create(
        document=document,
        decision_maker="Children and Families Scrutiny Panel",
        subject="Youth justice",
        date_of_decision=meeting.date,
        report_of="Executive Director",
        director_title="Executive Director",
        director_name="A Director",
        author_title="Service Lead",
        author_name="An Author",
        brief_summary="<p>First-time entrants to the youth justice system fell again.</p>",
        recommendations="That the panel notes the report.",
        reasons="To inform the panel.",
        detail="Detail.",
        legal_statutory_power="Crime and Disorder Act 1998.",
    )
    (result,) = _search(client, "first-time entrants").context["page"]
    assert result.title == "Youth justice"
    assert "First-time entrants to the youth justice system fell again." in result.snippet
