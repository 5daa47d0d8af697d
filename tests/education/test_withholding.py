"""Confidential (provisional) figures and the papers built on them are withheld from anyone
not entitled: evidence page, paper page, document page, agenda pack, search and feed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.test import Client

from scrutiny.core.models import ExemptCategory
from scrutiny.documents import services as documents
from scrutiny.documents.pack_printing import pack_plan
from scrutiny.education import services
from scrutiny.education.demo._loader import load_figures
from scrutiny.public.feeds import publication_entries
from scrutiny.public.search import site_search
from tests.committees.factories import (
    AgendaItemFactory,
    MembershipFactory,
    PersonFactory,
    PublishedMeetingFactory,
    SeatFactory,
)

CANARY = "KS4-PROVISIONAL-2024"  # in the demo's notes of the confidential release
KS4_FIGURE = "43.2"  # Southampton's provisional Attainment 8 in the demo file


@pytest.fixture
def setting(neighbours, officer):
    ExemptCategory.objects.create(code="7a", title="Subject to an obligation of confidentiality")
    meeting = PublishedMeetingFactory()
    item = AgendaItemFactory(meeting=meeting, number=8, title="Education outcomes")
    load_figures(actor="test")
    member = User.objects.create_user("member", password="pw-member-123")
    MembershipFactory(seat=SeatFactory(panel=meeting.panel), person=PersonFactory(user=member))
    ks4 = services.evidence_paper_attach(
        actor=officer, agenda_item=item, number=2, kind="ks4", year_start=2023
    )
    ks2 = services.evidence_paper_attach(
        actor=officer, agenda_item=item, number=1, kind="ks2", year_start=2023
    )
    for paper in (ks4, ks2):
        documents.document_publish(actor=officer, document=paper.document)
    return {"meeting": meeting, "member": member, "ks4": ks4, "ks2": ks2}


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_paper_on_confidential_figures_is_exempt_without_being_asked(setting):
    document = setting["ks4"].document
    document.refresh_from_db()
    assert document.is_exempt and document.exempt_category.code == "7a"
    assert document.is_withheld() and setting["ks4"].uses_withheld
    assert not setting["ks2"].document.is_exempt


@pytest.mark.parametrize("who", ["public", "outsider"])
def test_evidence_and_paper_pages_withhold_the_figures(setting, who, outsider):
    client = client_for(None if who == "public" else outsider)
    page = client.get(f"/education/panels/{setting['meeting'].panel.slug}/").content.decode()
    assert "Attainment 8" not in page and CANARY not in page
    assert "Key stage 4 outcomes: provisional" in page and "Category 7a" in page  # title only
    assert "55.7%" in page  # the published figures are there
    for url in (
        f"/education/papers/{setting['ks4'].pk}/",
        setting["ks4"].document.get_absolute_url(),
    ):
        text = client.get(url).content.decode()
        assert CANARY not in text and KS4_FIGURE not in text and "Attainment 8" not in text


def test_panel_members_and_officers_read_them(setting, officer):
    for user in (setting["member"], officer):
        client = client_for(user)
        page = client.get(f"/education/panels/{setting['meeting'].panel.slug}/").content.decode()
        assert "Attainment 8" in page and KS4_FIGURE in page
        paper = client.get(f"/education/papers/{setting['ks4'].pk}/").content.decode()
        assert CANARY in paper and "<svg" in paper


def test_public_pack_prints_the_confidential_page_and_members_pack_the_paper(setting):
    meeting = setting["meeting"]
    public = " ".join(p.html or "" for p in pack_plan(meeting, "public").papers)
    members = " ".join(p.html or "" for p in pack_plan(meeting, "members").papers)
    assert CANARY not in public and "Attainment 8" not in public
    assert "Document is Confidential" in public
    assert "136 more of the 2,890 pupils" in public and "<svg" in public  # appendix 1, charts
    assert CANARY in members and "NOT FOR PUBLICATION" in members


def test_search_and_feed_never_show_the_confidential_content(setting):
    public = AnonymousUser()
    for query in ("attainment", "provisional", "KS4-PROVISIONAL-2024", "43.2"):
        for result in site_search(public, query):
            assert CANARY not in result.snippet and "Attainment 8" not in result.snippet
            assert KS4_FIGURE not in result.snippet
    listed = [r for r in site_search(public, "provisional") if r.kind == "Education figures"]
    assert listed and listed[0].withheld_label == "Category 7a" and not listed[0].context
    entries = publication_entries(setting["meeting"].panel)
    titles = [e.title for e in entries]
    assert any("Key Stage 2" in t for t in titles)
    assert not any("Key Stage 4" in t for t in titles)
    assert not any(CANARY in e.summary for e in entries)


def test_unpublished_figures_are_not_shown_to_the_public(neighbours):
    from scrutiny.statistics.models import Release

    load_figures(actor="test")
    Release.objects.update(published_at=None)
    page = Client().get("/education/panels/x/")
    assert page.status_code == 404
    from tests.committees.factories import PanelFactory

    panel = PanelFactory()
    text = Client().get(f"/education/panels/{panel.slug}/").content.decode()
    assert "55.7%" not in text and "No education figures have been published yet" in text


def test_an_appendix_replaced_by_hand_prints_as_replaced(setting, officer):
    document = setting["ks2"].document
    documents.document_replace(
        actor=officer,
        document=document,
        reason="Corrected by hand",
        body_html="<p>Corrected table written by hand.</p>",
    )
    public = " ".join(p.html or "" for p in pack_plan(setting["meeting"], "public").papers)
    assert "Corrected table written by hand." in public
    assert "136 more of the 2,890 pupils" not in public
