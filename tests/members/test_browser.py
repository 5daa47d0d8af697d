"""The members' side in a real browser on the demo, as Councillor Barnes-Andrews (the Chair),
with axe-core on each new page, forms in their error states included."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], v["nodes"][0]["target"]) for v in violations]


@pytest.fixture
def chair(page, demo_server):
    sign_in(page, demo_server, "barnes-andrews", "member-demo")
    return page


def test_the_28_november_briefing_shows_what_changed_since_26_september(chair, demo_server):
    page = chair
    expect(page.get_by_role("heading", name="My meetings")).to_be_visible()  # landing
    _no_violations(page)
    page.get_by_role("link", name="briefing for 28 November 2024").click()
    expect(page.get_by_role("heading", name="Since the last meeting")).to_be_visible()
    text = page.locator("main").inner_text()
    assert "since the meeting of 26 September 2024" in text
    performance = page.locator("[data-briefing-section=performance]").inner_text()
    # named indicators with their old and new RAG, computed from the demo's figures
    assert (
        "Percentage of re-referrals within 12 months: Amber in August 2024, Green in October 2024"
        in performance
    )
    assert "Amber (24%)" in performance and "Green (19%)" in performance
    assert (
        "Percentage of children open to Early Help with a visit in the last 4 weeks: Amber"
        in performance
    )
    responses = page.locator("[data-briefing-section=responses]").inner_text()
    assert "response due 26 November 2024, 2 days overdue" in responses
    exempt = page.locator("[data-briefing-section=exempt]").inner_text()
    assert (
        "CONFIDENTIAL - 2024 Key Stage 4 Outcomes Provisional" in exempt
        and "paragraph 7a" in exempt
    )
    _no_violations(page)
    # every line links to its evidence
    page.locator("[data-briefing-section=performance] a", has_text="Evidence").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rate of referrals")


def test_a_recommendation_linked_to_re_referrals_shows_its_trend_since_26_september(
    chair, demo_server
):
    page = chair
    page.goto(f"{demo_server}/recommendations/panel/children-and-families/?evidence=improved")
    page.get_by_role(
        "link", name=re.compile(r"Children & Learning – Performance and transformation 2\)")
    ).click()
    evidence = page.locator("#evidence + .app-evidence")
    expect(evidence).to_contain_text("Percentage of re-referrals within 12 months")
    expect(evidence).to_contain_text("Improved since 26 September 2024")
    table = evidence.locator("table").inner_text()
    assert "Aug-24" in table and "24%" in table and "Oct-24" in table and "19%" in table
    assert evidence.locator("svg").count() == 1
    _no_violations(page)
    page.goto(f"{demo_server}/recommendations/panel/children-and-families/monitoring/2024-11-28/")
    expect(page.locator("#evidence")).to_be_visible()
    _no_violations(page)


def test_notes_and_questions_pages_pass_axe_in_their_error_states(chair, demo_server):
    page = chair
    page.goto(f"{demo_server}/panels/children-and-families/")
    page.get_by_role("link", name="Thursday 28 November 2024").click()
    page.get_by_role("link", name=re.compile("Education Outcomes and Context")).first.click()
    page.get_by_role("link", name="Highlight and annotate this paper").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your notes")
    _no_violations(page)
    page.get_by_role("link", name=re.compile("Add a note or highlight")).first.click()
    page.get_by_role("button", name="Save the note").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _no_violations(page)
    page.get_by_label("Your note").fill("Ask about the KS2 gap")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved. Only you can see it.")).to_be_visible()
    page.goto(f"{demo_server}/members/notes/")
    expect(page.locator("#my-notes")).to_contain_text("Ask about the KS2 gap")
    _no_violations(page)
    page.get_by_role("button", name="Delete all my notes").click()  # leave the demo as found
    expect(page.get_by_text("You have no notes.")).to_be_visible()
    page.goto(f"{demo_server}/panels/children-and-families/")
    page.get_by_role("link", name="Thursday 28 November 2024").click()
    page.locator("#questions").get_by_role("link", name=re.compile("questions on item 8")).click()
    page.get_by_role("button", name="Send the question").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    _no_violations(page)
