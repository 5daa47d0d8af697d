from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from scrutiny.committees import services
from scrutiny.committees.models import MEETING_WORKFLOW, MeetingStatus
from scrutiny.core.audit import audit_record, audit_trail
from scrutiny.core.models import AuditEvent
from scrutiny.core.workflow import TransitionNotAllowed
from tests.committees.factories import PanelFactory, ScheduledMeetingFactory

pytestmark = pytest.mark.django_db

ALLOWED = {(t.source, t.target) for t in MEETING_WORKFLOW.transitions}
GENERIC = {(t.source, t.target) for t in MEETING_WORKFLOW.transitions if not t.owner}
OWNED = {(t.source, t.target): t.owner for t in MEETING_WORKFLOW.transitions if t.owner}
ALL_PAIRS = [(a, b) for a in MeetingStatus.values for b in MeetingStatus.values if a != b]


@pytest.mark.parametrize(("source", "target"), sorted(GENERIC))
def test_every_generic_meeting_transition_is_allowed_and_audited(source, target, officer):
    meeting = ScheduledMeetingFactory(status=source, date=date(2024, 11, 28))
    updated = services.meeting_transition(
        actor=officer, meeting=meeting, to=target, reason="Room unavailable"
    )
    assert updated.status == target
    event = audit_trail(meeting).first()
    assert (event.action, event.from_state, event.to_state) == (
        "committees.meeting_transition",
        source,
        target,
    )
    assert event.actor == officer


@pytest.mark.parametrize(("source", "target"), sorted(OWNED))
def test_an_owned_transition_is_refused_to_the_generic_path_and_made_by_its_owner(
    source, target, officer
):
    meeting = ScheduledMeetingFactory(status=source, date=date(2099, 11, 28))
    with pytest.raises(TransitionNotAllowed) as error:
        services.meeting_transition(actor=officer, meeting=meeting, to=target, reason="x")
    assert "is done through the" in error.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.status == source
    moved = services.meeting_transition_owned(
        actor=officer, owner=OWNED[(source, target)], meeting=meeting, to=target
    )
    assert moved.status == target and moved.version == 2


@pytest.mark.parametrize(("source", "target"), sorted(set(ALL_PAIRS) - ALLOWED))
def test_every_undeclared_meeting_transition_is_refused_with_a_clear_message(
    source, target, officer
):
    meeting = ScheduledMeetingFactory(status=source)
    with pytest.raises(TransitionNotAllowed) as error:
        services.meeting_transition(actor=officer, meeting=meeting, to=target, reason="x")
    message = error.value.messages[0]
    assert MeetingStatus(source).label in message and MeetingStatus(target).label in message
    meeting.refresh_from_db()
    assert meeting.status == source
    assert not AuditEvent.objects.filter(action="committees.meeting_transition").exists()


def test_cancelling_needs_a_reason(officer):
    meeting = ScheduledMeetingFactory()
    with pytest.raises(ValidationError):
        services.meeting_transition(actor=officer, meeting=meeting, to=MeetingStatus.CANCELLED)


def test_a_future_meeting_cannot_be_recorded_as_held(officer):
    meeting = ScheduledMeetingFactory(status=MeetingStatus.AGENDA_PUBLISHED, date=date(2099, 1, 1))
    with pytest.raises(ValidationError):
        services.meeting_transition(actor=officer, meeting=meeting, to=MeetingStatus.HELD)


@pytest.mark.django_db(transaction=True)
def test_audit_record_refuses_to_run_outside_a_transaction():
    panel = PanelFactory()
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x", target=panel)


def test_a_failed_service_call_leaves_no_half_saved_meeting(officer):
    panel = PanelFactory()
    services.meeting_create(
        actor=officer,
        panel=panel,
        date=date(2025, 1, 30),
        start_time=time(17, 30),
        venue="Civic Centre",
    )
    with pytest.raises(ValidationError):
        services.meeting_create(
            actor=officer,
            panel=panel,
            date=date(2025, 1, 30),
            start_time=time(17, 30),
            venue="Civic Centre",
        )
    assert panel.meetings.count() == 1
    with transaction.atomic():
        assert AuditEvent.objects.filter(action="committees.meeting_create").count() == 1
