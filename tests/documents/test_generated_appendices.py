"""Appendices generated from evidence: attached by an officer, printed in both packs."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from scrutiny.documents import services
from scrutiny.documents.pack_printing import pack_plan
from tests.committees.factories import (
    AgendaItemFactory,
    ExemptAgendaItemFactory,
    PublishedMeetingFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db):
    return AgendaItemFactory(meeting=PublishedMeetingFactory(date=date(2024, 9, 26)), number=8)


def test_an_officer_attaches_figures_and_both_packs_print_them(client, officer, item):
    client.force_login(officer)
    form = client.get(f"/documents/items/{item.pk}/generated/")
    assert "reviews.figures:" in form.content.decode()
    response = client.post(
        f"/documents/items/{item.pk}/generated/",
        {"number": 2, "reference": "reviews.figures:2023-24"},
    )
    assert response.status_code == 302
    for variant in ("public", "members"):
        titles = [p.title for p in pack_plan(item.meeting, variant).papers]
        assert "Appendix 2: Safeguarding case reviews: figures for 2023/24" in titles
    page = client.get(item.meeting.get_absolute_url()).content.decode()
    assert 'href="/reviews/figures/2023-24/"' in page


def test_the_attach_form_shows_its_errors(client, officer, item):
    client.force_login(officer)
    response = client.post(f"/documents/items/{item.pk}/generated/", {"number": ""})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_refused_for_exempt_items_duplicates_unknown_evidence_and_non_officers(officer, outsider):
    exempt = ExemptAgendaItemFactory()
    with pytest.raises(ValidationError, match="public item"):
        services.generated_appendix_add(
            actor=officer, item=exempt, number=1, reference="reviews.figures:2023-24"
        )
    item = AgendaItemFactory()
    with pytest.raises(ValidationError, match="no kind of evidence"):
        services.generated_appendix_add(actor=officer, item=item, number=1, reference="x.y:1")
    with pytest.raises(ValidationError, match="cannot be printed"):
        services.generated_appendix_add(
            actor=officer, item=item, number=1, reference="reviews.case:1"
        )
    services.generated_appendix_add(
        actor=officer, item=item, number=1, reference="reviews.figures:2023-24"
    )
    with pytest.raises(ValidationError, match="already has"):
        services.generated_appendix_add(
            actor=officer, item=item, number=1, reference="reviews.figures:2022-23"
        )
    with pytest.raises(PermissionDenied):
        services.generated_appendix_add(
            actor=outsider, item=item, number=2, reference="reviews.figures:2022-23"
        )


def test_the_pack_keeps_the_figures_as_printed_until_an_officer_prints_them_again(officer, item):
    from scrutiny.core.models import AuditEvent
    from scrutiny.reviews.services import case_review_create
    from tests.reviews.factories import PartnershipFactory

    appendix = services.generated_appendix_add(
        actor=officer, item=item, number=2, reference="reviews.figures:2024-25"
    )

    def printed() -> str:
        (paper,) = [p for p in pack_plan(item.meeting, "public").papers if "2024/25" in p.title]
        return paper.html

    before = printed()
    for n in range(6):
        case_review_create(
            actor=officer,
            partnership=PartnershipFactory(),
            reference=f"RR-2024-9{n}",
            incident_date=date(2024, 6, 3),
            aware_date=date(2024, 6, 4),
        )
    assert printed() == before  # later changes to the register do not rewrite the paper
    services.generated_appendix_refresh(actor=officer, appendix=appendix)
    assert printed() != before
    event = AuditEvent.objects.get(action="documents.generated_appendix_refresh")
    assert event.data["changed"] is True
