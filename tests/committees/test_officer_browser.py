"""A municipal year run in the officers' screens of a real browser, never opening /admin/:
year, meeting, substitute, agenda built, changed, reordered and published, a venue notice and a
supplementary item; axe-core finds no WCAG 2.2 A/AA violation on any officer page visited."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


class Visits:
    """Every officer page the test sees, checked with axe (forms in error states too)."""

    def __init__(self, page):
        self.page = page
        self.urls: list[str] = []

    def check(self) -> None:
        assert "/admin/" not in self.page.url
        self.urls.append(self.page.url)
        assert axe_violations(self.page) == [], self.page.url


def test_an_officer_runs_a_meeting_without_the_back_office(page, demo_server):
    visits = Visits(page)
    sign_in(page, demo_server, "officer", "officer-demo")
    assert page.url.endswith("/manage/")  # the officer's home
    expect(page.get_by_role("heading", name="Officer home")).to_be_visible()
    visits.check()

    # A municipal year: first refused (empty), then created.
    with page.expect_navigation():
        page.get_by_role("link", name="Municipal years").first.click()
    visits.check()
    with page.expect_navigation():
        page.get_by_role("link", name="Create a municipal year").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Create year").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    visits.check()
    page.get_by_label("Label").fill("2098/99")
    page.get_by_label("Start date").fill("19/05/2098")
    page.get_by_label("End date").fill("17/05/2099")
    with page.expect_navigation():
        page.get_by_role("button", name="Create year").click()
    expect(page.get_by_role("heading", name="Municipal year 2098/99")).to_be_visible()
    visits.check()

    # A meeting in it.
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile("Schedule a meeting of Children and Families")
        ).click()
    page.get_by_label("Day").fill("15")  # the GOV.UK date input
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2099")
    page.get_by_label("Start time").fill("17:30")
    page.get_by_label("Venue").fill("Conference Room 3 - Civic Centre")
    with page.expect_navigation():
        page.get_by_role("button", name="Schedule meeting").click()
    expect(
        page.get_by_role("heading", name="Manage the meeting of 15 January 2099")
    ).to_be_visible()
    expect(page.get_by_text("2098/99")).to_be_visible()
    manage = page.url
    visits.check()

    # A substitute appointed by the Monitoring Officer.
    with page.expect_navigation():
        page.get_by_role("link", name="Record a substitute").click()
    visits.check()
    page.get_by_label("Member being replaced").select_option(label="Councillor Allen")
    page.get_by_label("Substitute", exact=True).select_option(label="Councillor Cooper")
    page.get_by_label("Date appointed").fill("08/01/2099")
    with page.expect_navigation():
        page.get_by_role("button", name="Record substitute").click()
    expect(page.locator("li", has_text="Councillor Cooper for Councillor Allen")).to_be_visible()

    # The agenda: two reports added, one changed, then moved up above the other.
    for title in ("School places", "Youth justice plan"):
        page.get_by_label("Title").fill(title)
        with page.expect_navigation():
            page.get_by_role("button", name="Add item").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Change item 8").click()
    visits.check()
    page.get_by_label("Title").fill("Youth Justice Strategy 2099")
    with page.expect_navigation():
        page.get_by_role("button", name="Save item").click()
    # No JavaScript needed: the move is a plain form; reached and pressed by the keyboard.
    up = page.get_by_role("button", name=re.compile("move item 8 up"))
    up.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Youth Justice Strategy 2099 is now item 7.")).to_be_visible()
    rows = page.locator("tr[id^=item-]")
    titles = [rows.nth(i).locator("td").nth(1).inner_text() for i in range(rows.count())]
    assert titles[-2:] == ["Youth Justice Strategy 2099", "School places"]
    visits.check()

    # Publish: the papers screen asks to confirm the items that have no papers.
    with page.expect_navigation():
        page.get_by_role("link", name="Reports, appendices and publication of the agenda").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the unpublished items").click()
    expect(page.get_by_text("Item 8: School places")).to_be_visible()
    visits.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish without these papers").click()
    expect(page.get_by_text("Agenda published.")).to_be_visible()

    # The venue changes after publication: a dated notice on the public page.
    page.goto(manage)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Change date, time, venue")).click()
    page.get_by_label("Venue").fill("Council Chamber - Civic Centre")
    page.get_by_label("Reason for the change").fill("Conference Room 3 is being refurbished.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Meeting details changed.")).to_be_visible()
    visits.check()

    # A supplementary item, published on a supplementary agenda.
    page.get_by_label("Title").fill("Urgent: SEND transport")
    with page.expect_navigation():
        page.get_by_role("button", name="Add item").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Reports, appendices and publication of the agenda").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish the unpublished items").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Publish without these papers").click()
    expect(page.get_by_text("Supplementary agenda published.")).to_be_visible()

    page.goto(manage)
    public = page.get_by_role("link", name="Public page").get_attribute("href")
    page.goto(demo_server + public)
    changes = page.locator("#changes").inner_text()
    assert "Venue changed from Conference Room 3 - Civic Centre to Council Chamber" in changes
    assert "Conference Room 3 is being refurbished." in changes
    assert "Item 9 added: Urgent: SEND transport." in changes
    assert re.search(r"\d{1,2} \w+ \d{4}", changes)  # each change is dated
    assert len(visits.urls) >= 10
