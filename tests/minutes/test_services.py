"""Minutes services: numbering, locking on approval, amendments with history, audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scrutiny.committees.models import Attendance, MeetingStatus
from scrutiny.core.audit import audit_trail
from scrutiny.core.workflow import TransitionNotAllowed
from scrutiny.minutes import services
from scrutiny.minutes.models import MINUTES_WORKFLOW, Amendment, DeclarationKind, MinutesStatus
from tests.committees.factories import (
    CancelledMeetingFactory,
    ExemptCategoryFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PersonFactory,
    PublishedMeetingFactory,
)
from tests.minutes.factories import (
    ApprovedMinutesFactory,
    DraftMinutesFactory,
    MinuteItemFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db
ACTOR = "test"


def test_minutes_start_only_for_a_held_meeting():
    for meeting in (PublishedMeetingFactory(), CancelledMeetingFactory()):
        with pytest.raises(ValidationError, match="has been held"):
            services.minutes_create(actor=ACTOR, meeting=meeting)
    minutes = services.minutes_create(actor=ACTOR, meeting=HeldMeetingFactory())
    assert minutes.status == MinutesStatus.DRAFT
    assert audit_trail(minutes).filter(action="minutes.minutes_create").count() == 1
    with pytest.raises(ValidationError, match="already has minutes"):
        services.minutes_create(actor=ACTOR, meeting=minutes.meeting)


def test_minute_numbers_run_on_through_the_municipal_year():
    first = services.minutes_create(actor=ACTOR, meeting=HeldMeetingFactory(date=date(2024, 8, 8)))
    services.minute_item_add(actor=ACTOR, minutes=first, title="Apologies", number=8)
    services.minute_item_add(actor=ACTOR, minutes=first, title="Early years")
    later = services.minutes_create(
        actor=ACTOR, meeting=HeldMeetingFactory(panel=first.meeting.panel, date=date(2024, 9, 26))
    )
    item = services.minute_item_add(actor=ACTOR, minutes=later, title="Youth justice")
    assert [i.number for i in first.items.all()] == [8, 9]
    assert item.number == 10
    with pytest.raises(ValidationError, match="Minute 10 already exists"):
        services.minute_item_add(actor=ACTOR, minutes=later, title="Again", number=10)


def test_minutes_from_the_agenda_copy_items_and_their_exemption():
    meeting = HeldMeetingFactory()
    category = ExemptCategoryFactory()
    meeting.agenda_items.create(number=1, title="Apologies")
    meeting.agenda_items.create(
        number=2, title="Confidential", is_exempt=True, exempt_category=category
    )
    minutes = services.minutes_create(actor=ACTOR, meeting=meeting, from_agenda=True)
    items = list(minutes.items.order_by("number"))
    assert [(i.title, i.is_exempt, i.agenda_item.number) for i in items] == [
        ("Apologies", False, 1),
        ("Confidential", True, 2),
    ]


def test_resolutions_are_numbered_and_rendered_as_roman_numerals():
    item = MinuteItemFactory()
    first = services.resolution_add(actor=ACTOR, item=item, text="That A.")
    second = services.resolution_add(actor=ACTOR, item=item, text="That B.")
    fourth = [services.resolution_add(actor=ACTOR, item=item, text=t) for t in ("C", "D")][-1]
    assert (first.numeral, second.numeral, fourth.numeral) == ("i", "ii", "iv")
    with pytest.raises(ValidationError):
        services.resolution_add(actor=ACTOR, item=item, text="  ")


def test_exempt_minute_needs_a_category():
    minutes = DraftMinutesFactory()
    with pytest.raises(ValidationError, match="exempt category"):
        services.minute_item_add(actor=ACTOR, minutes=minutes, title="Private", is_exempt=True)
    item = services.minute_item_add(
        actor=ACTOR,
        minutes=minutes,
        title="Private",
        is_exempt=True,
        exempt_category=ExemptCategoryFactory(),
    )
    assert item.is_exempt
    services.minute_item_set_exempt(actor=ACTOR, item=item, is_exempt=False)
    item.refresh_from_db()
    assert not item.is_exempt and item.exempt_category is None


def test_exclusion_needs_categories_and_public_interest_reasoning():
    item = MinuteItemFactory()
    one = ExemptCategoryFactory(
        code="1", title="Information relating to any individual", is_statutory=True
    )
    with pytest.raises(ValidationError, match="at least one"):
        services.minute_item_set_exclusion(
            actor=ACTOR, item=item, categories=[], public_interest_reasoning="x"
        )
    with pytest.raises(ValidationError, match="public interest"):
        services.minute_item_set_exclusion(
            actor=ACTOR, item=item, categories=[one], public_interest_reasoning=""
        )
    services.minute_item_set_exclusion(
        actor=ACTOR,
        item=item,
        categories=[one],
        public_interest_reasoning="It would identify a child.",
    )
    item.refresh_from_db()
    assert item.excludes_public and [c.code for c in item.exclusion_categories.all()] == ["1"]


def test_declarations_are_made_by_members_not_officers():
    minutes = DraftMinutesFactory()
    member = PersonFactory()
    officer = PersonFactory(kind="officer")
    with pytest.raises(ValidationError, match="Only members"):
        services.declaration_record(
            actor=ACTOR, minutes=minutes, person=officer, kind="other", matter="x"
        )
    with pytest.raises(ValidationError, match="Unknown kind"):
        services.declaration_record(
            actor=ACTOR, minutes=minutes, person=member, kind="gift", matter="x"
        )
    declaration = services.declaration_record(
        actor=ACTOR,
        minutes=minutes,
        person=member,
        kind=DeclarationKind.SCRUTINY,
        matter="Took part in the decision.",
    )
    assert declaration.get_kind_display() == "Prior participation (scrutiny interest)"


def test_approval_locks_the_minutes_and_moves_the_meeting_on():
    item = MinuteItemFactory()
    minutes = item.minutes
    later = HeldMeetingFactory(panel=minutes.meeting.panel, date=date(2025, 1, 30))
    services.minutes_approve(actor=ACTOR, minutes=minutes, at_meeting=later)
    minutes.refresh_from_db()
    minutes.meeting.refresh_from_db()
    assert minutes.status == MinutesStatus.APPROVED and minutes.approved_on == later.date
    assert minutes.is_published
    assert minutes.meeting.status == MeetingStatus.MINUTES_APPROVED
    event = audit_trail(minutes).get(action="minutes.minutes_approve")
    assert (event.from_state, event.to_state) == ("draft", "approved")
    with pytest.raises(TransitionNotAllowed, match="Approved as a correct record is a final state"):
        services.minutes_approve(actor=ACTOR, minutes=minutes, at_meeting=later)


@pytest.mark.parametrize(
    "edit",
    [
        lambda item: services.minute_item_add(actor=ACTOR, minutes=item.minutes, title="More"),
        lambda item: services.minute_item_update(actor=ACTOR, item=item, title="Changed"),
        lambda item: services.minute_item_set_exempt(actor=ACTOR, item=item, is_exempt=False),
        lambda item: services.speaker_add(actor=ACTOR, item=item, name="Someone"),
        lambda item: services.discussion_point_add(actor=ACTOR, item=item, text="A point"),
        lambda item: services.resolution_add(actor=ACTOR, item=item, text="That X."),
        lambda item: services.declaration_record(
            actor=ACTOR, minutes=item.minutes, person=PersonFactory(), kind="other", matter="x"
        ),
        lambda item: services.minutes_record_attendance(
            actor=ACTOR, minutes=item.minutes, person=PersonFactory(), status="present"
        ),
        lambda item: services.minute_item_set_exclusion(
            actor=ACTOR,
            item=item,
            categories=[ExemptCategoryFactory()],
            public_interest_reasoning="x",
        ),
    ],
)
def test_every_edit_is_refused_once_approved(edit):
    item = MinuteItemFactory(minutes=ApprovedMinutesFactory())
    with pytest.raises(ValidationError, match="locked"):
        edit(item)


@pytest.mark.parametrize(
    "offset, match", [(0, "later meeting"), (-30, "later meeting"), (4000, "not taken place")]
)
def test_approval_needs_a_later_meeting_that_has_happened(offset, match):
    from datetime import timedelta

    item = MinuteItemFactory()
    meeting = item.minutes.meeting
    at = HeldMeetingFactory(
        panel=meeting.panel, date=meeting.date + timedelta(days=offset), start_time="10:00"
    )
    with pytest.raises(ValidationError, match=match):
        services.minutes_approve(actor=ACTOR, minutes=item.minutes, at_meeting=at)


def test_approval_refuses_another_panels_meeting_and_empty_minutes():
    minutes = DraftMinutesFactory()
    other = HeldMeetingFactory(date=date(2025, 1, 30))
    MinuteItemFactory(minutes=minutes)
    with pytest.raises(ValidationError, match="same panel"):
        services.minutes_approve(actor=ACTOR, minutes=minutes, at_meeting=other)
    empty = DraftMinutesFactory()
    with pytest.raises(ValidationError, match="no items"):
        services.minutes_approve(actor=ACTOR, minutes=empty, approved_on=date(2025, 1, 30))
    with pytest.raises(ValidationError, match="Choose the meeting"):
        services.minutes_approve(actor=ACTOR, minutes=minutes)


def test_workflow_declares_one_transition():
    assert [(t.source, t.target) for t in MINUTES_WORKFLOW.transitions] == [("draft", "approved")]
    with pytest.raises(
        TransitionNotAllowed, match="cannot go from Approved as a correct record to Draft"
    ):
        MINUTES_WORKFLOW.check("approved", "draft", what="set of minutes")


def test_amendment_keeps_the_old_text_and_is_refused_on_drafts():
    resolution = ResolutionFactory(item=MinuteItemFactory(minutes=ApprovedMinutesFactory()))
    item = resolution.item
    later = HeldMeetingFactory(panel=item.minutes.meeting.panel, date=date(2025, 3, 27))
    amendment = services.minutes_amend(
        actor=ACTOR,
        item=item,
        field=Amendment.Field.RESOLUTION,
        resolution=resolution,
        text="That the report is circulated to all members.",
        reason="Wrong circulation list",
        agreed_at=later,
    )
    resolution.refresh_from_db()
    assert resolution.text == "That the report is circulated to all members."
    assert amendment.before == "That the report is circulated to the panel."
    services.minutes_amend(
        actor=ACTOR,
        item=item,
        field="introduction",
        text="Corrected.",
        reason="Typo",
        agreed_at=later,
    )
    assert item.amendments.count() == 2
    with pytest.raises(ValidationError, match="Give the reason"):
        services.minutes_amend(
            actor=ACTOR, item=item, field="introduction", text="x", reason=" ", agreed_at=later
        )
    with pytest.raises(ValidationError, match="Choose a resolution"):
        services.minutes_amend(
            actor=ACTOR, item=item, field="resolution", text="x", reason="r", agreed_at=later
        )
    draft_item = MinuteItemFactory()
    with pytest.raises(ValidationError, match="amendments are for approved minutes"):
        services.minutes_amend(
            actor=ACTOR,
            item=draft_item,
            field="introduction",
            text="x",
            reason="r",
            agreed_at=later,
        )


def test_attendance_as_minuted_goes_to_the_meeting_record():
    minutes = DraftMinutesFactory()
    person = PersonFactory()
    services.minutes_record_attendance(
        actor=ACTOR, minutes=minutes, person=person, status="apologies"
    )
    assert Attendance.objects.get(meeting=minutes.meeting, person=person).status == "apologies"


def test_quorum_flag_follows_attendance():
    from scrutiny.minutes.queries import minutes_view

    minutes = DraftMinutesFactory()
    MinuteItemFactory(minutes=minutes)
    panel = minutes.meeting.panel
    members = [MembershipFactory(seat__panel=panel).person for _ in range(4)]
    officer = _officer()
    view = minutes_view(minutes, officer)
    assert not view.attendance_recorded and not view.inquorate  # nothing recorded yet
    for person in members[:2]:
        services.minutes_record_attendance(
            actor=ACTOR, minutes=minutes, person=person, status="present"
        )
    assert minutes_view(minutes, officer).inquorate
    services.minutes_record_attendance(
        actor=ACTOR, minutes=minutes, person=members[2], status="present"
    )
    assert not minutes_view(minutes, officer).inquorate


def _officer():
    from django.contrib.auth.models import User

    return User.objects.create_user("quorum-officer", is_staff=True)


def test_every_service_writes_its_audit_event():
    from scrutiny.core.models import AuditEvent

    minutes = DraftMinutesFactory()
    member = PersonFactory()
    category = ExemptCategoryFactory()
    later = HeldMeetingFactory(panel=minutes.meeting.panel, date=date(2025, 1, 30))
    calls = [
        (
            "minutes.minute_item_add",
            lambda: services.minute_item_add(actor=ACTOR, minutes=minutes, title="A"),
        ),
        (
            "minutes.minute_item_update",
            lambda: services.minute_item_update(
                actor=ACTOR, item=minutes.items.get(), introduction="B"
            ),
        ),
        (
            "minutes.minute_item_set_exempt",
            lambda: services.minute_item_set_exempt(
                actor=ACTOR, item=minutes.items.get(), is_exempt=True, exempt_category=category
            ),
        ),
        (
            "minutes.minute_item_set_exclusion",
            lambda: services.minute_item_set_exclusion(
                actor=ACTOR,
                item=minutes.items.get(),
                categories=[category],
                public_interest_reasoning="C",
            ),
        ),
        (
            "minutes.speaker_add",
            lambda: services.speaker_add(actor=ACTOR, item=minutes.items.get(), name="D"),
        ),
        (
            "minutes.discussion_point_add",
            lambda: services.discussion_point_add(actor=ACTOR, item=minutes.items.get(), text="E"),
        ),
        (
            "minutes.resolution_add",
            lambda: services.resolution_add(actor=ACTOR, item=minutes.items.get(), text="F"),
        ),
        (
            "minutes.declaration_record",
            lambda: services.declaration_record(
                actor=ACTOR, minutes=minutes, person=member, kind="whip", matter="G"
            ),
        ),
        (
            "committees.attendance_record",
            lambda: services.minutes_record_attendance(
                actor=ACTOR, minutes=minutes, person=member, status="present"
            ),
        ),
        ("minutes.minutes_publish", lambda: services.minutes_publish(actor=ACTOR, minutes=minutes)),
        (
            "minutes.minutes_approve",
            lambda: services.minutes_approve(actor=ACTOR, minutes=minutes, at_meeting=later),
        ),
        (
            "minutes.minutes_amend",
            lambda: services.minutes_amend(
                actor=ACTOR,
                item=minutes.items.get(),
                field="introduction",
                text="H",
                reason="I",
                agreed_at=later,
            ),
        ),
    ]
    for action, call in calls:
        before = AuditEvent.objects.filter(action=action).count()
        call()
        assert AuditEvent.objects.filter(action=action).count() == before + 1, action


@pytest.mark.parametrize("source", MinutesStatus.values)
@pytest.mark.parametrize("target", MinutesStatus.values)
def test_minutes_workflow_every_pair(source, target):
    if (source, target) == ("draft", "approved"):
        assert MINUTES_WORKFLOW.check(source, target).label == "Approve as a correct record"
    else:
        with pytest.raises(TransitionNotAllowed, match="A set of minutes cannot go from"):
            MINUTES_WORKFLOW.check(source, target, what="set of minutes")
