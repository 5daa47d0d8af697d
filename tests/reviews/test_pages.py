"""Who sees what: partnership staff everything; panel members published reviews; the public
aggregates only."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scrutiny.reviews import services
from scrutiny.reviews.models import DecisionKind
from tests.committees.factories import MembershipFactory, PersonFactory, SeatFactory
from tests.reviews.factories import PartnershipFactory, decided_case, partnership_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db):
    staff = partnership_staff()
    partnership = PartnershipFactory()
    unpublished = decided_case(
        staff,
        partnership=partnership,
        reference="RR-2024-11",
        aware=date(2024, 5, 23),
        notification=date(2024, 5, 24),
        rapid_review=date(2024, 6, 5),
        decision=DecisionKind.LCSPR,
        decision_date=date(2024, 6, 5),
    )
    published = decided_case(
        staff,
        partnership=partnership,
        reference="RR-2023-12",
        aware=date(2023, 5, 22),
        notification=date(2023, 5, 23),
        rapid_review=date(2023, 6, 5),
        decision=DecisionKind.LCSPR,
        decision_date=date(2023, 6, 5),
    )
    services.case_review_record_milestones(
        actor=staff,
        case=published,
        commissioned_on=date(2023, 7, 3),
        reviewer="",
        draft_received_on=None,
        sent_to_national_panel_on=None,
    )
    services.case_review_publish(
        actor=staff,
        case=published,
        published_on=date(2024, 4, 8),
        publication_url="https://example.org/published-review",
    )
    member_user = User.objects.create_user("panel-member", password="pw")
    MembershipFactory(
        seat=SeatFactory(panel=partnership.panel), person=PersonFactory(user=member_user)
    )
    other_panel_user = User.objects.create_user("other-member", password="pw")
    MembershipFactory(person=PersonFactory(user=other_panel_user))
    return {
        "staff": staff,
        "member": member_user,
        "other": other_panel_user,
        "unpublished": unpublished,
        "published": published,
    }


def test_the_public_sees_no_case_only_aggregates(client, setup):
    register = client.get("/reviews/").content.decode()
    assert "RR-2024-11" not in register and "RR-2023-12" not in register
    assert client.get(f"/reviews/{setup['unpublished'].pk}/").status_code == 404
    # The public knows a published review exists (it is on the partnership's site), no more.
    assert client.get(f"/reviews/{setup['published'].pk}/").status_code == 403
    figures = client.get("/reviews/figures/2024-25/")
    assert figures.status_code == 200
    text = figures.content.decode()
    assert "RR-20" not in text and "23 May 2024" not in text
    assert "Serious incident notifications" in text


def test_a_panel_member_reads_published_reviews_but_not_case_details(client, setup):
    client.force_login(setup["member"])
    register = client.get("/reviews/").content.decode()
    assert "RR-2023-12" in register and "RR-2024-11" not in register
    page = client.get(f"/reviews/{setup['published'].pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "https://example.org/published-review" in text
    assert "22 May 2023" not in text  # when the local authority became aware: withheld
    assert client.get(f"/reviews/{setup['unpublished'].pk}/").status_code == 404
    assert client.get(f"/reviews/{setup['unpublished'].pk}/decision/").status_code == 403


def test_a_member_of_another_panel_does_not_read_the_published_review(client, setup):
    client.force_login(setup["other"])
    assert client.get(f"/reviews/{setup['published'].pk}/").status_code == 403
    assert "RR-2023-12" not in client.get("/reviews/").content.decode()


def test_partnership_staff_see_every_case_with_exact_figures(client, setup):
    client.force_login(setup["staff"])
    register = client.get("/reviews/").content.decode()
    assert "RR-2024-11" in register and "RR-2023-12" in register
    case = client.get(f"/reviews/{setup['unpublished'].pk}/").content.decode()
    assert "23 May 2024" in case and "in time" in case
    figures = client.get("/reviews/figures/2024-25/").content.decode()
    assert "You see the exact counts" in figures


def test_the_register_list_runs_a_fixed_number_of_queries(client, setup):
    client.force_login(setup["staff"])
    client.get("/reviews/")
    with CaptureQueriesContext(connection) as few:
        client.get("/reviews/")
    for n in range(10):
        decided_case(
            setup["staff"],
            partnership=setup["published"].partnership,
            reference=f"RR-2025-{n:02d}",
            aware=date(2025, 1, 6),
            notification=None,
            decision=DecisionKind.THEMATIC,
            decision_date=date(2025, 1, 20),
        )
    with CaptureQueriesContext(connection) as many:
        assert "RR-2025-09" in client.get("/reviews/").content.decode()
    assert len(many) == len(few)


def test_the_stage_forms_show_errors_with_a_summary_and_keep_nothing(client, setup):
    client.force_login(setup["staff"])
    case = setup["unpublished"]
    response = client.post(f"/reviews/{case.pk}/publication/", {"version": case.version})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and 'href="#id_published_on_0"' in text
    stale = client.post(
        f"/reviews/{case.pk}/milestones/",
        {"version": case.version - 1, "commissioned_on": "2024-07-01"},
    )
    assert "Someone else changed this case" in stale.content.decode()


def test_figures_for_any_period_from_the_form(client, setup):
    response = client.get("/reviews/figures/", {"start": "2024-01-01", "end": "2024-06-30"})
    assert response.status_code == 302
    assert response["Location"].endswith("/reviews/figures/2024-01-01..2024-06-30/")
    bad = client.get("/reviews/figures/", {"start": "2024-06-30", "end": "2024-01-01"})
    assert bad.status_code == 400 and "There is a problem" in bad.content.decode()
    assert client.get("/reviews/figures/2024-99/").status_code == 404
    pdf = client.get("/reviews/figures/2024-25.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_panel_page_links_to_the_figures_and_members_to_the_published_reviews(client, setup):
    panel = setup["published"].partnership.panel
    page = client.get(f"/panels/{panel.slug}/").content.decode()
    assert "Safeguarding case reviews" in page and "/reviews/figures/" in page
    assert "Published case reviews" not in page
    client.force_login(setup["member"])
    assert "Published case reviews" in client.get(f"/panels/{panel.slug}/").content.decode()
    client.force_login(setup["staff"])
    page = client.get(f"/panels/{panel.slug}/").content.decode()
    assert "The case reviews register" in page and "(partnership staff)" in page
