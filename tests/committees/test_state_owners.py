"""State belongs to its owner: the generic transition, the manage screen and the back office
cannot publish an agenda or approve minutes, nor change a status or an exemption."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scrutiny.committees import services
from scrutiny.committees.models import (
    AGENDA_PUBLICATION,
    MEETING_WORKFLOW,
    MINUTES_APPROVAL,
    AgendaItemKind,
    MeetingStatus,
)
from scrutiny.core.models import AuditEvent
from scrutiny.core.workflow import TransitionNotAllowed
from scrutiny.core.workingdays import add_working_days
from tests.committees.factories import (
    AgendaItemFactory,
    ExemptAgendaItemFactory,
    HeldMeetingFactory,
    ScheduledMeetingFactory,
)

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "scrutiny"


def test_the_workflow_table_names_the_owner_and_guards_of_each_owned_transition():
    publish = MEETING_WORKFLOW.find(MeetingStatus.SCHEDULED, MeetingStatus.AGENDA_PUBLISHED)
    approve = MEETING_WORKFLOW.find(MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
    assert publish.owner == AGENDA_PUBLICATION and publish.guards
    assert approve.owner == MINUTES_APPROVAL
    generic = {t.target for t in MEETING_WORKFLOW.generic_from(MeetingStatus.HELD)}
    assert MeetingStatus.MINUTES_APPROVED not in generic


def test_the_generic_transition_cannot_publish_an_agenda(officer):
    meeting = ScheduledMeetingFactory(date=date(2099, 1, 8))
    with pytest.raises(TransitionNotAllowed, match="papers screen"):
        services.meeting_transition(
            actor=officer, meeting=meeting, to=MeetingStatus.AGENDA_PUBLISHED
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED and meeting.agenda_published_at is None


def test_publishing_without_the_clear_days_is_refused_by_the_service(officer):
    from scrutiny.documents.services import agenda_publish

    today = timezone.localdate()
    meeting = ScheduledMeetingFactory(date=add_working_days(today, 3))
    AgendaItemFactory(meeting=meeting, number=1, title="Youth justice plan")
    with pytest.raises(ValidationError, match="Too late to publish.*item 1 Youth justice plan"):
        agenda_publish(actor=officer, meeting=meeting)
    # The owner's own path applies the same guard, declared in the workflow table.
    with pytest.raises(ValidationError, match="Too late to publish"):
        services.meeting_transition_owned(
            actor=officer,
            owner=AGENDA_PUBLICATION,
            meeting=meeting,
            to=MeetingStatus.AGENDA_PUBLISHED,
            items=list(meeting.agenda_items.all()),
        )
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.SCHEDULED
    assert not meeting.publications.exists()


def test_procedural_items_alone_may_go_late_and_urgent_items_too(officer):
    today = timezone.localdate()
    meeting = ScheduledMeetingFactory(date=add_working_days(today, 2))
    item = AgendaItemFactory(meeting=meeting, number=1, kind=AgendaItemKind.APOLOGIES)
    moved = services.meeting_transition_owned(
        actor=officer,
        owner=AGENDA_PUBLICATION,
        meeting=meeting,
        to=MeetingStatus.AGENDA_PUBLISHED,
        items=[item],
    )
    assert moved.status == MeetingStatus.AGENDA_PUBLISHED


def test_the_manage_screen_offers_no_minutes_approval_and_refuses_one(client, officer):
    meeting = HeldMeetingFactory()
    client.force_login(officer)
    page = client.get(f"/manage/meetings/{meeting.pk}/").content.decode()
    assert "Approve the minutes" not in page
    response = client.post(
        f"/manage/meetings/{meeting.pk}/status/", {"to": "minutes_approved"}, follow=True
    )
    assert "minutes approval service" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD


def test_only_the_owning_modules_make_owned_transitions():
    """The owner's name is passed only where that owner lives (and in the history loaders)."""
    allowed = {
        "AGENDA_PUBLICATION": {"documents/services.py", "committees/demo.py"},
        "MINUTES_APPROVAL": {"minutes/approval.py", "committees/demo.py"},
    }
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        for owner, modules in allowed.items():
            if re.search(rf"owner\s*=\s*{owner}\b", text):
                assert str(path.relative_to(SRC)) in modules, f"{path} makes a {owner} move"


@pytest.fixture
def superuser_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("it-admin", "it@example.org", "pw-it-123")
    client.force_login(admin)
    return client


def test_a_back_office_save_of_a_meeting_status_is_refused(superuser_client):
    meeting = HeldMeetingFactory()
    url = f"/admin/committees/meeting/{meeting.pk}/change/"
    page = superuser_client.get(url)
    assert page.status_code == 200 and "Minutes approved" not in page.content.decode()
    response = superuser_client.post(url, {"status": "minutes_approved", "venue": "Elsewhere"})
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and meeting.venue != "Elsewhere"


def test_a_back_office_save_of_an_exemption_is_refused(superuser_client):
    from scrutiny.documents.models import Document

    item = ExemptAgendaItemFactory()
    document = Document.objects.create(
        agenda_item=item,
        meeting=item.meeting,
        title="Appendix 2",
        is_exempt=True,
        exempt_category=item.exempt_category,
        public_interest_reasoning="Confidential.",
        published_at=timezone.now() - timedelta(days=1),
    )
    url = f"/admin/documents/document/{document.pk}/change/"
    response = superuser_client.post(url, {"title": "Appendix 2", "is_exempt": ""})
    assert response.status_code == 403
    document.refresh_from_db()
    assert document.is_exempt
    assert (
        superuser_client.post(f"/admin/documents/document/{document.pk}/delete/").status_code == 403
    )


def test_back_office_edits_that_are_allowed_are_audited(superuser_client):
    from tests.committees.factories import PanelFactory

    panel = PanelFactory()
    response = superuser_client.post(
        f"/admin/committees/panel/{panel.pk}/change/",
        {"name": panel.name, "slug": panel.slug, "remit": "A new remit.", "quorum": 4},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="core.backoffice_save", target_id=str(panel.pk))
    assert "remit" in event.data["fields"] and event.actor_label == "it-admin"
