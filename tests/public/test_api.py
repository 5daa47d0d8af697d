"""The read-only open-data API: contract, OCD identifiers, paging, filters, HTTP caching,
CORS, personal tokens, and above all the denial paths: withheld material planted through the
officers' services never reaches an anonymous caller or a token of someone not entitled."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from openapi_spec_validator import validate

from scrutiny.committees import services as committees
from scrutiny.committees.models import MeetingStatus
from scrutiny.documents import services as documents
from scrutiny.interests import services as interests
from scrutiny.minutes import services as minutes_services
from scrutiny.performance.models import Indicator, MonthlyValue, Section, Unit
from scrutiny.public import services as public_services
from scrutiny.recommendations import services as recommendations
from tests.committees.factories import (
    ExemptCategoryFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db

CANARIES = {
    "item": "CANARY-ITEM-7731 provisional outcomes for the unit",
    "document": "CANARY-PAPER-5520 named providers and their contract values",
    "document_title": "Contract values CANARY-TITLE-0911",
    "minute": "CANARY-MINUTE-3307 the panel heard the provider's position",
    "resolution": "CANARY-RESOLVED-8812 that the contract be re-let",
    "draft": "CANARY-DRAFT-4410 not yet published",
    "sensitive": "CANARY-SENSITIVE-6604 home address of the member",
    "declaration": "CANARY-DECLARED-2291 a stake in the provider",
}
PUBLIC_TEXT = "The report sets out the service's progress on early help."


@pytest.fixture
def planted(officer):
    """A held meeting with public and withheld business, all made through the services."""
    panel = PanelFactory(name="Children and Families Scrutiny Panel", slug="children-and-families")
    category = ExemptCategoryFactory(code="3", title="Financial or business affairs")
    day = timezone.localdate() - timedelta(days=10)
    meeting = committees.meeting_create(
        actor=officer,
        panel=panel,
        date=day,
        start_time=time(17, 30),
        venue="Conference Room 3 - Civic Centre",
        with_standard_items=False,
    )
    public_item = committees.agenda_item_add(
        actor=officer, meeting=meeting, title="Early help", summary="Progress in early help."
    )
    exempt_item = committees.agenda_item_add(
        actor=officer,
        meeting=meeting,
        title="Residential placements contract",
        summary=CANARIES["item"],
        is_exempt=True,
        exempt_category=category,
        exempt_reasons="Commercially sensitive.",
    )
    public_doc = documents.document_add(
        actor=officer,
        meeting=meeting,
        agenda_item=public_item,
        kind="report",
        title="Early help report",
        body_html=f"<p>{PUBLIC_TEXT}</p>",
        publish=True,
    )
    exempt_doc = documents.document_add(
        actor=officer,
        meeting=meeting,
        agenda_item=public_item,
        number=2,
        title=CANARIES["document_title"],
        body_html=f"<p>{CANARIES['document']}</p>",
        is_exempt=True,
        exempt_category=category,
        public_interest_reasoning="Disclosure would harm the council's negotiating position.",
        publish=True,
    )
    draft_doc = documents.document_add(
        actor=officer,
        meeting=meeting,
        title="Late paper",
        body_html=f"<p>{CANARIES['draft']}</p>",
    )
    documents.agenda_publish(
        actor=officer, meeting=meeting, when=timezone.now() - timedelta(days=20)
    )
    committees.meeting_transition(actor=officer, meeting=meeting, to=MeetingStatus.HELD)
    member = User.objects.create_user("member", password="pw")
    councillor = PersonFactory(
        name="Fielker", slug="fielker", user=member, ward="Bitterne", party="Labour"
    )
    MembershipFactory(
        seat=SeatFactory(panel=panel), person=councillor, start_date=day - timedelta(days=400)
    )
    meeting.refresh_from_db()
    committees.attendance_record(
        actor=officer, meeting=meeting, person=councillor, status="present"
    )
    public_interest = interests.interest_register(
        actor=officer,
        person=councillor,
        category="charity",
        description="Trustee, Southampton Food Bank",
        arose_on=date(2024, 5, 1),
    )
    interests.interest_register(
        actor=officer,
        person=councillor,
        category="land",
        description=CANARIES["sensitive"],
        arose_on=date(2024, 5, 1),
        is_sensitive=True,
    )
    minutes = minutes_services.minutes_create(actor=officer, meeting=meeting)
    public_minute = minutes_services.minute_item_add(
        actor=officer, minutes=minutes, title="Early help", introduction="The panel noted it."
    )
    public_resolution = minutes_services.resolution_add(
        actor=officer, item=public_minute, text="That the report be noted."
    )
    exempt_minute = minutes_services.minute_item_add(
        actor=officer,
        minutes=minutes,
        title="Residential placements contract",
        introduction=CANARIES["minute"],
        is_exempt=True,
        exempt_category=category,
    )
    exempt_resolution = minutes_services.resolution_add(
        actor=officer, item=exempt_minute, text=CANARIES["resolution"]
    )
    minutes_services.declaration_record(
        actor=officer,
        minutes=minutes,
        person=councillor,
        kind="other",
        matter="Trustee of a food bank the service funds; stayed and spoke.",
        item=public_minute,
        interest=public_interest,
    )
    minutes_services.declaration_record(
        actor=officer,
        minutes=minutes,
        person=councillor,
        kind="pecuniary",
        matter=CANARIES["declaration"],
        item=exempt_minute,
    )
    minutes_services.minutes_publish(actor=officer, minutes=minutes)
    public_rec = recommendations.recommendation_create(
        actor=officer,
        meeting=meeting,
        title="Early help",
        action_proposed="That the service reports the waiting times.",
        addressee_kind="service",
        addressee="Early Help",
        resolution=public_resolution,
    )
    exempt_rec = recommendations.recommendation_create(
        actor=officer,
        meeting=meeting,
        title="Residential placements contract",
        action_proposed=CANARIES["resolution"],
        addressee_kind="executive",
        addressee="Cabinet",
        resolution=exempt_resolution,
    )
    return {
        "panel": panel,
        "meeting": meeting,
        "exempt_item": exempt_item,
        "public_doc": public_doc,
        "exempt_doc": exempt_doc,
        "draft_doc": draft_doc,
        "public_rec": public_rec,
        "exempt_rec": exempt_rec,
        "member": member,
        "councillor": councillor,
    }


ENDPOINTS = [
    "/api/v1/panels",
    "/api/v1/panels/children-and-families",
    "/api/v1/people",
    "/api/v1/people/fielker",
    "/api/v1/memberships",
    "/api/v1/meetings",
    "/api/v1/meetings/{meeting}",
    "/api/v1/meetings/{meeting}/minutes",
    "/api/v1/documents",
    "/api/v1/documents/{public_doc}",
    "/api/v1/minutes",
    "/api/v1/recommendations",
    "/api/v1/recommendations/{public_rec}",
    "/api/v1/work-programme",
    "/api/v1/indicators",
    "/api/v1/indicator-values",
    "/api/v1/benchmarks",
    "/api/v1/meetings/{meeting}/attendance",
    "/api/v1/declarations",
    "/api/v1/interests",
    "/api/v1/people/fielker/interests",
]


def _urls(planted) -> list[str]:
    return [
        url.format(
            meeting=planted["meeting"].pk,
            public_doc=planted["public_doc"].pk,
            public_rec=planted["public_rec"].pk,
        )
        for url in ENDPOINTS
    ]


def _token(user) -> str:
    return public_services.api_token_create(actor=user, name="tests")[1]


def test_the_openapi_document_validates_and_lists_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    paths = set(document["paths"])
    expected = {
        u.replace("children-and-families", "{slug}").replace("fielker", "{slug}") for u in ENDPOINTS
    }
    expected = {
        e.replace("/api/v1", "")
        .replace("{meeting}", "{pk}")
        .replace("{public_doc}", "{pk}")
        .replace("{public_rec}", "{pk}")
        for e in expected
    }
    assert {p.removeprefix("/api/v1") for p in paths} == expected
    assert all(list(ops) == ["get"] for ops in document["paths"].values())  # read only
    assert "PersonalToken" in document["components"]["securitySchemes"]


def test_every_endpoint_answers_the_public_with_its_documented_shape(client, planted):
    schema = client.get("/api/v1/openapi.json").json()
    for url in _urls(planted):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.json()
        template = next(p for p in schema["paths"] if _matches(p, url.split("?")[0]))
        ref = schema["paths"][template]["get"]["responses"]["200"]["content"]["application/json"][
            "schema"
        ]["$ref"]
        component = schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert set(component["required"]) <= set(body), url


def _matches(template: str, url: str) -> bool:
    a, b = template.strip("/").split("/"), url.strip("/").split("/")
    return len(a) == len(b) and all(x == y or x.startswith("{") for x, y in zip(a, b, strict=True))


def _all_text(client, planted, **headers) -> str:
    texts = []
    for url in _urls(planted) + [
        f"/api/v1/documents/{planted['exempt_doc'].pk}",
        f"/api/v1/recommendations/{planted['exempt_rec'].pk}",
        f"/api/v1/documents/{planted['draft_doc'].pk}",
    ]:
        response = client.get(url, **headers)
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_withheld_and_unpublished_material_never_reaches_the_public(client, planted):
    text = _all_text(client, planted)
    for name, canary in CANARIES.items():
        if name == "document_title":
            continue  # a withheld paper's title is public, as on the agenda
        assert canary.split()[0] not in text, name
    assert PUBLIC_TEXT not in text  # bodies are not in the API, only links
    detail = client.get(f"/api/v1/meetings/{planted['meeting'].pk}").json()
    exempt = next(i for i in detail["agenda"] if i["withheld"])
    assert exempt["description"] == "Residential placements contract"
    assert exempt["summary"] is None
    assert exempt["exempt_category"] == {
        "paragraph": "3",
        "title": "Financial or business affairs",
        "confidential": False,
    }
    papers = {d["pk"]: d for i in detail["agenda"] for d in i["documents"]}
    withheld = papers[planted["exempt_doc"].pk]
    assert withheld["withheld"] is True and withheld["file_url"] is None
    assert withheld["exempt_category"]["paragraph"] == "3"
    assert planted["draft_doc"].pk not in papers
    assert client.get(f"/api/v1/documents/{planted['draft_doc'].pk}").status_code == 404
    assert client.get(f"/api/v1/recommendations/{planted['exempt_rec'].pk}").status_code == 404
    minutes = client.get(f"/api/v1/meetings/{planted['meeting'].pk}/minutes").json()
    private = next(i for i in minutes["items"] if i["withheld"])
    assert private["introduction"] is None and private["resolutions"] is None


def test_a_session_cookie_lends_no_rights_to_the_api(client, planted, officer):
    client.force_login(officer)
    text = _all_text(client, planted)
    assert "CANARY-PAPER" not in text and "CANARY-MINUTE" not in text


def test_a_token_of_someone_on_no_panel_sees_the_public_view(client, planted, outsider):
    PersonFactory(name="Outsider", slug="outsider", user=outsider)  # a councillor on no panel
    token = _token(outsider)
    text = _all_text(client, planted, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert "CANARY-ITEM" not in text and "CANARY-RESOLVED" not in text


def test_a_panel_members_token_reads_what_the_member_may_read(client, planted):
    """The sweep above can see a leak: with a member's token the canaries are there."""
    token = _token(planted["member"])
    text = _all_text(client, planted, HTTP_AUTHORIZATION=f"Bearer {token}")
    for name in ("item", "minute", "resolution"):
        assert CANARIES[name].split()[0] in text, name
    assert "CANARY-DRAFT" not in text  # unpublished stays unpublished for members
    response = client.get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response["Cache-Control"] == "private, no-store"
    assert "Authorization" in response["Vary"]


def test_wrong_and_revoked_tokens_are_refused_not_read_as_public(client, planted):
    assert (
        client.get("/api/v1/meetings", HTTP_AUTHORIZATION="Bearer scr_nonsense").status_code == 401
    )
    assert client.get("/api/v1/meetings", HTTP_AUTHORIZATION="Basic abc").status_code == 401
    token, secret = public_services.api_token_create(actor=planted["member"], name="old")
    public_services.api_token_revoke(actor=planted["member"], token=token)
    assert client.get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_the_public_cannot_have_a_token(outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        public_services.api_token_create(actor=outsider, name="mine")


def test_identifiers_are_ocd_shaped_stable_and_independent_of_the_host(client, planted):
    one = client.get(f"/api/v1/meetings/{planted['meeting'].pk}").json()
    two = client.get(f"/api/v1/meetings/{planted['meeting'].pk}", HTTP_HOST="localhost").json()
    assert one["id"] == two["id"]
    assert one["id"].startswith("ocd-event/") and len(one["id"]) == len("ocd-event/") + 36
    assert one["organization_id"].startswith("ocd-organization/")
    people = client.get("/api/v1/people").json()["results"]
    fielker = next(p for p in people if p["name"] == "Fielker")
    assert (fielker["ward"], fielker["party"]) == ("Bitterne", "Labour")
    memberships = client.get("/api/v1/memberships?panel=children-and-families").json()
    assert fielker["id"] in {m["person_id"] for m in memberships["results"]}


def test_lists_are_paged_and_filtered(client, officer):
    panel = PanelFactory(slug="p1")
    other = PanelFactory(slug="p2")
    for offset in range(5):
        committees.meeting_create(
            actor=officer,
            panel=panel,
            date=date(2025, 1, 10) + timedelta(days=7 * offset),
            start_time=time(17, 30),
            venue="Civic Centre",
            with_standard_items=False,
        )
    committees.meeting_create(
        actor=officer,
        panel=other,
        date=date(2025, 1, 12),
        start_time=time(10),
        venue="Civic Centre",
        with_standard_items=False,
    )
    first = client.get("/api/v1/meetings?panel=p1&page_size=2").json()
    assert first["count"] == 5 and len(first["results"]) == 2
    assert first["previous"] is None and "page=2" in first["next"]
    last = client.get("/api/v1/meetings?panel=p1&page_size=2&page=3").json()
    assert len(last["results"]) == 1 and last["next"] is None
    ranged = client.get("/api/v1/meetings?from_date=2025-01-15&to_date=2025-01-31").json()
    assert [r["start_time"][:10] for r in ranged["results"]] == [
        "2025-01-17",
        "2025-01-24",
        "2025-01-31",
    ]
    assert client.get("/api/v1/meetings?status=passed").json()["count"] == 6  # all in the past
    assert client.get("/api/v1/meetings?status=confirmed").json()["count"] == 0
    future = timezone.now() + timedelta(days=1)
    since = client.get("/api/v1/meetings", {"updated_since": future.isoformat()}).json()
    assert since["count"] == 0
    assert client.get("/api/v1/meetings?from_date=31/01/2025").status_code == 422


def test_conditional_get_answers_not_modified_and_cors_allows_any_origin(client, planted):
    response = client.get("/api/v1/meetings")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"
    etag, modified = response["ETag"], response["Last-Modified"]
    again = client.get("/api/v1/meetings", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/v1/meetings", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    preflight = client.options(
        "/api/v1/meetings",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert client.post("/api/v1/meetings").status_code == 405


def test_an_unchanged_meeting_keeps_its_etag_while_the_list_changes(client, planted, officer):
    url = f"/api/v1/meetings/{planted['meeting'].pk}"
    etag = client.get(url)["ETag"]
    committees.meeting_create(
        actor=officer,
        panel=planted["panel"],
        date=date(2030, 1, 1),
        start_time=time(10),
        venue="Civic Centre",
        with_standard_items=False,
    )
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/meetings", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_indicator_values_are_suppressed_for_the_public_as_on_the_page(client, officer):
    section = Section.objects.create(code="s", position=1, title="Section")
    count = Indicator.objects.create(
        code="children_in_need",
        section=section,
        position=1,
        name="Children in need",
        definition="Count.",
        unit=Unit.COUNT,
        polarity="no_judgement",
    )
    share = Indicator.objects.create(
        code="repeat_referrals",
        section=section,
        position=2,
        name="Repeat referrals",
        definition="Share.",
        unit=Unit.PERCENTAGE,
        polarity="lower_is_better",
        decimals=1,
    )
    month = date(2025, 1, 31)
    MonthlyValue.objects.create(
        indicator=count, month=month, value=3, as_at=month, source="entered"
    )
    MonthlyValue.objects.create(
        indicator=share,
        month=month,
        value=40,
        numerator=4,
        denominator=10,
        as_at=month,
        source="entered",
    )
    MonthlyValue.objects.create(
        indicator=share,
        month=date(2024, 12, 31),
        value=25,
        numerator=25,
        denominator=100,
        as_at=month,
        source="entered",
    )
    public = {
        (r["indicator"], r["month"]): r
        for r in client.get("/api/v1/indicator-values").json()["results"]
    }
    small = public[("children_in_need", "2025-01")]
    assert (small["value"], small["display"], small["suppressed"]) == (None, "c", True)
    hidden = public[("repeat_referrals", "2025-01")]
    assert hidden["value"] is None and hidden["numerator"] is None
    shown = public[("repeat_referrals", "2024-12")]
    assert (shown["numerator"], shown["denominator"]) == (25, 100)
    token = _token(officer)
    exact = client.get("/api/v1/indicator-values", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    values = {(r["indicator"], r["month"]): r for r in exact["results"]}
    assert values[("children_in_need", "2025-01")]["display"] == "3"
    assert values[("repeat_referrals", "2025-01")]["numerator"] == 4
    bad = client.get("/api/v1/indicator-values?from_month=January")
    assert bad.status_code == 422 and "from_month" in bad.content.decode()


def test_the_documentation_page_lists_the_addresses(client):
    response = client.get("/api/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "/api/v1/openapi.json" in page
    for path in ("/api/v1/meetings", "/api/v1/recommendations", "/api/v1/indicator-values"):
        assert f"GET {path}" in page


def test_officers_and_members_make_and_revoke_tokens_on_their_own_screen(client, planted):
    client.force_login(planted["member"])
    response = client.post("/api/tokens/", {"name": "ward newsletter"})
    assert response.status_code == 200
    secret = response.content.decode().split('<code class="app-break-anywhere">')[1].split("<")[0]
    assert client.get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    token = planted["member"].api_tokens.get()
    assert token.digest != secret and secret not in token.digest
    client.post("/api/tokens/", {"revoke": token.pk})
    assert client.get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    error = client.post("/api/tokens/", {"name": ""}).content.decode()
    assert 'aria-describedby="id_name-hint id_name-error"' in error


def test_the_public_is_refused_the_token_screen(client, outsider):
    assert client.get("/api/tokens/").status_code == 302
    client.force_login(outsider)
    assert client.get("/api/tokens/").status_code == 403


def test_attendance_declarations_and_the_published_register(client, planted):
    meeting = planted["meeting"].pk
    attendance = client.get(f"/api/v1/meetings/{meeting}/attendance").json()
    fielker = next(a for a in attendance["results"] if a["person_name"].endswith("Fielker"))
    assert (fielker["status"], fielker["status_label"]) == ("present", "Present")
    assert fielker["person_id"].startswith("ocd-person/")
    declarations = client.get("/api/v1/declarations", {"meeting": meeting}).json()
    assert [d["matter"] for d in declarations["results"]] == [
        "Trustee of a food bank the service funds; stayed and spoke."
    ]
    assert declarations["results"][0]["interest_id"].startswith("ocd-interest/")
    assert client.get("/api/v1/declarations", {"person": "nobody"}).json()["count"] == 0
    register = client.get("/api/v1/people/fielker/interests").json()
    assert [i["description"] for i in register["current"]] == ["Trustee, Southampton Food Bank"]
    assert register["withheld_count"] == 1
    listed = client.get("/api/v1/interests", {"person": "fielker", "current": "true"}).json()
    assert [i["category"] for i in listed["results"]] == ["charity"]
    assert client.get("/api/v1/interests", {"current": "false"}).json()["count"] == 0


def test_sensitive_interests_and_private_declarations_never_reach_the_public(
    client, planted, officer
):
    text = _all_text(client, planted)
    for name in ("sensitive", "declaration"):
        assert CANARIES[name].split()[0] not in text, name
    assert "Land in the council" not in text  # not even the sensitive entry's category
    # A panel member's token reads the private minute's declaration, never the sensitive
    # interest (only the member and officers see that, on the register's own screens).
    member_text = _all_text(
        client, planted, HTTP_AUTHORIZATION=f"Bearer {_token(planted['member'])}"
    )
    assert CANARIES["sensitive"].split()[0] not in member_text
    officer_text = _all_text(client, planted, HTTP_AUTHORIZATION=f"Bearer {_token(officer)}")
    assert CANARIES["declaration"].split()[0] in officer_text
    assert CANARIES["sensitive"].split()[0] not in officer_text
