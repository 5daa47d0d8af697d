"""The public pages against the demo data, over HTTP with Django's test client."""

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from scrutiny.committees.models import Meeting, Person
from scrutiny.documents import services as documents
from scrutiny.documents.models import Document

CANARY = "KS4-PROVISIONAL-2024"
PDF_CANARY = b"%PDF-1.4\n% EXEMPT-PDF-CANARY\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

pytestmark = pytest.mark.django_db


@pytest.fixture
def november(foundation_demo):
    return Meeting.objects.get(date=date(2024, 11, 28))


@pytest.fixture
def confidential(november):
    return Document.objects.get(meeting=november, is_exempt=True)


def test_panel_page_names_the_chair_vice_chair_and_both_vacancies(client, foundation_demo):
    html = client.get("/panels/children-and-families/").content.decode()
    assert "Councillor Barnes-Andrews</a> (Chair)" in html
    assert "Councillor Webb</a> (Vice-Chair)" in html
    assert "Vacancy - Primary Parent Governor" in html
    assert "Vacancy - Secondary Parent Governor" in html
    assert "Catherine Hobbs</a>, Roman Catholic Church" in html
    assert "Rob Sanders</a>, Church of England" in html
    assert "Councillor Kaur" not in html  # left the panel in 2024
    assert "Ed Grimshaw" in html and "023 8083 3886" in html


def test_meeting_page_lists_ten_items_in_order_with_page_ranges(client, november):
    response = client.get(f"/meetings/{november.pk}/")
    html = response.content.decode()
    assert html.count('class="app-agenda-item') == 10
    positions = [html.index(f'id="item-{n}"') for n in range(1, 11)]
    assert positions == sorted(positions)
    assert "Education Outcomes and Context" in html and "Pages 5 - 64" in html
    assert "Exclusion of the press and public" in html
    assert "Confidential: Category 7a" in html
    assert CANARY not in html


def test_confidential_appendix_is_refused_to_the_public_and_an_outsider(client, confidential):
    response = client.get(f"/documents/{confidential.pk}/")
    assert response.status_code == 403
    body = response.content.decode()
    assert CANARY not in body and "Category 7a" in body
    User.objects.create_user("nobody", password="pw-123456789")
    client.force_login(User.objects.get(username="nobody"))
    response = client.get(f"/documents/{confidential.pk}/")
    assert response.status_code == 403 and CANARY not in response.content.decode()


def test_confidential_appendix_is_shown_to_a_panel_member_and_an_officer(client, confidential):
    client.force_login(User.objects.get(username="barnes-andrews"))
    response = client.get(f"/documents/{confidential.pk}/")
    assert response.status_code == 200 and CANARY in response.content.decode()
    client.force_login(User.objects.get(username="officer"))
    assert CANARY in client.get(f"/documents/{confidential.pk}/").content.decode()


def test_exempt_uploaded_file_download_uses_the_same_check(client, november, officer):
    item = november.agenda_items.get(number=8)
    upload = SimpleUploadedFile("ks4.pdf", PDF_CANARY, content_type="application/pdf")
    from scrutiny.core.models import ExemptCategory

    document = documents.document_add(
        actor=officer,
        meeting=november,
        agenda_item=item,
        title="Exempt upload",
        upload=upload,
        is_exempt=True,
        exempt_category=ExemptCategory.objects.get(code="7a"),
        public_interest_reasoning="Shared in confidence.",
        publish=True,
    )
    response = client.get(f"/documents/{document.pk}/file/")
    assert response.status_code == 403
    assert b"EXEMPT-PDF-CANARY" not in response.content
    client.force_login(User.objects.get(username="barnes-andrews"))
    response = client.get(f"/documents/{document.pk}/file/")
    assert response.status_code == 200
    assert b"EXEMPT-PDF-CANARY" in b"".join(response.streaming_content)
    assert response["Cache-Control"] == "private, no-store"


def test_unpublished_document_is_not_found_for_the_public(client, november, officer):
    document = documents.document_add(
        actor=officer, meeting=november, title="Draft", body_html="<p>draft</p>"
    )
    assert client.get(f"/documents/{document.pk}/").status_code == 404
    client.force_login(officer)
    assert client.get(f"/documents/{document.pk}/").status_code == 200


def test_unpublished_agenda_is_not_shown(client, foundation_demo):
    january = Meeting.objects.get(date=date(2025, 1, 30))
    html = client.get(f"/meetings/{january.pk}/").content.decode()
    assert "The agenda has not been published yet." in html


def test_meeting_page_shows_attendance_and_substitutes_once_held(client, foundation_demo):
    august = Meeting.objects.get(date=date(2024, 8, 8))
    html = client.get(f"/meetings/{august.pk}/").content.decode()
    assert "Substitute for Councillor Kaur" in html
    assert "Councillor Mrs Blatchford replaced Councillor Kaur" in html
    assert "reached, 7 voting members present" in html


def test_person_page_shows_memberships_and_attendance_record(client, foundation_demo):
    allen = Person.objects.get(name="Allen")
    html = client.get(f"/people/{allen.slug}/").content.decode()
    assert "Attended 1 of 2 meetings expected." in html  # apologies 8 Aug, present 26 Sep


def test_panel_and_meeting_pages_use_a_fixed_number_of_queries(
    client, november, django_assert_max_num_queries
):
    # A fixed number: one more than before for the case reviews section (the panel's partnerships).
    with django_assert_max_num_queries(13):
        client.get("/panels/children-and-families/")
    # 15: the panel's memberships, substitutes and attendance read once for the attendance list
    # and the quorum; one query each for the generated appendices, the dated changes and the
    # published issues of the packs.
    with django_assert_max_num_queries(15):
        client.get(f"/meetings/{november.pk}/")


def test_the_panel_page_links_to_the_performance_report(client, demo):
    html = client.get("/panels/children-and-families/").content.decode()
    assert "Children's social care performance report: data to 31 October 2024" in html
    assert 'href="/performance/"' in client.get("/").content.decode()
