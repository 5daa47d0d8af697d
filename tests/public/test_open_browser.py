"""Every page type in chromium at 320 px and at desktop width: axe-core WCAG 2.2 A/AA, no
sideways scrolling of the page (tables scroll in their own region), and forms in their error
states with each error message referenced by its input's aria-describedby."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/",
    "/meetings/",
    "/panels/children-and-families/",
    "{meeting}",
    "{person}",
    "/search/?q=education",
    "/api/",
    "/accessibility/",
    "/privacy/",
    "/open-data-licence/",
    "/minutes/",
    "/recommendations/panel/children-and-families/",
    "/performance/",
    "/performance/indicators/cla_new_uasc/",
]

# (url, how to fill the form so it fails, the submit button's name)
FORMS = [
    (
        "/manage/statements/accessibility/",
        {
            "#id_body": "",
            "#id_reviewed_on_0": "31",
            "#id_reviewed_on_1": "2",
            "#id_reviewed_on_2": "2025",
            "#id_contact_email": "nope",
        },
        "Save",
    ),
    ("/api/tokens/", {"#id_name": ""}, "Make a token"),
    (
        "/manage/meetings/new/",
        {"#id_venue": "", "#id_date_0": "31", "#id_date_1": "2", "#id_date_2": "2025"},
        None,
    ),
    ("/recommendations/new/", {}, None),
]


@pytest.fixture
def narrow(browser):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _links(page, demo_server) -> dict[str, str]:
    page.goto(demo_server + "/panels/children-and-families/")
    meeting = page.locator("main a[href^='/meetings/']").first.get_attribute("href")
    person = page.locator("main a[href^='/people/']").first.get_attribute("href")
    return {"meeting": meeting, "person": person}


def _check(page) -> None:
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _too_wide(page) -> list[str]:
    """The path from <body> down to what makes the page wider than the screen."""
    return page.evaluate(
        """() => {
          const path = [];
          let node = document.body;
          while (node && path.length < 12) {
            const style = getComputedStyle(node);
            path.push(node.tagName + '.' + (node.className || '') + ' sw=' + node.scrollWidth +
              ' w=' + Math.round(node.getBoundingClientRect().width) + ' ox=' + style.overflowX +
              ' pos=' + style.position);
            let widest = null;
            for (const child of node.children) {
              const right = Math.max(child.getBoundingClientRect().right, child.scrollWidth);
              if (!widest || right > widest[0]) widest = [right, child];
            }
            node = widest ? widest[1] : null;
          }
          return path;
        }"""
    )


def _unreferenced_errors(page) -> list[str]:
    """Ids of error messages that no input or fieldset names in aria-describedby."""
    return page.evaluate(
        """() => {
          const named = new Set();
          for (const el of document.querySelectorAll('[aria-describedby]')) {
            for (const id of el.getAttribute('aria-describedby').split(/\\s+/)) named.add(id);
          }
          const groups = document.querySelectorAll('.govuk-form-group--error');
          const missing = [];
          for (const group of groups) {
            const message = group.querySelector('.govuk-error-message');
            if (!message || !message.id || !named.has(message.id)) {
              missing.push(message ? (message.id || message.textContent.trim()) : group.innerHTML.slice(0, 80));
            }
          }
          return missing;
        }"""
    )


def test_public_pages_pass_axe_and_fit_320_pixels(narrow, page, demo_server):
    links = _links(page, demo_server)
    for path in PUBLIC_PAGES:
        url = demo_server + path.format(**links)
        for tab in (narrow, page):
            tab.goto(url)
            assert tab.title(), url
            _check(tab)
        assert _page_width(narrow) <= 320, (path, _too_wide(narrow))


def test_forms_in_their_error_states_tie_each_error_to_its_field(narrow, demo_server):
    sign_in(narrow, demo_server, "officer", "officer-demo")
    for url, values, button in FORMS:
        narrow.goto(demo_server + url)
        for selector, value in values.items():
            narrow.fill(selector, value)
        submit = (
            narrow.get_by_role("button", name=button)
            if button
            else narrow.locator(
                "main form[method=post] button[type=submit], main form[method=post] button:not([type])"
            ).last
        )
        submit.click()
        summary = narrow.locator(".govuk-error-summary")
        expect(summary, url).to_have_count(1)  # waits for the page the form returns
        assert narrow.locator(".govuk-form-group--error").count() >= 1, url
        assert _unreferenced_errors(narrow) == [], url
        for link in summary.locator("a").all():
            target = link.get_attribute("href")
            assert narrow.locator(target).count() == 1, (url, target)
        _check(narrow)
        assert _page_width(narrow) <= 320, url


def test_a_member_makes_an_api_token_and_reads_the_api(narrow, demo_server):
    sign_in(narrow, demo_server, "barnes-andrews", "member-demo")
    narrow.goto(demo_server + "/api/tokens/")
    narrow.fill("#id_name", "ward newsletter")
    narrow.get_by_role("button", name="Make a token").click()
    expect(narrow.locator(".govuk-panel code")).to_be_visible()
    secret = narrow.locator(".govuk-panel code").inner_text()
    assert secret.startswith("scr_")
    _check(narrow)
    assert _page_width(narrow) <= 320
    answer = narrow.request.get(
        demo_server + "/api/v1/meetings", headers={"Authorization": f"Bearer {secret}"}
    )
    assert answer.status == 200 and answer.json()["count"] >= 1
