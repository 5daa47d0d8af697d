"""Minutes from the agenda, numbering across a municipal year, editing parts, exempt minutes."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError

from scrutiny.committees.models import MunicipalYear
from scrutiny.core.audit import audit_trail
from scrutiny.minutes import queries, services
from scrutiny.minutes.models import MinuteItem
from tests.committees.factories import (
    ExemptCategoryFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    SubstitutionFactory,
)
from tests.minutes.factories import ApprovedMinutesFactory, DraftMinutesFactory, MinuteItemFactory

pytestmark = pytest.mark.django_db
ACTOR = "test"


def _meeting(panel, day: date, titles: list[str]):
    year = MunicipalYear.objects.filter(start_date__lte=day, end_date__gte=day).first()
    meeting = HeldMeetingFactory(panel=panel, date=day, municipal_year=year)
    for number, title in enumerate(titles, start=1):
        meeting.agenda_items.create(number=number, title=title)
    return meeting


@pytest.fixture
def years():
    MunicipalYear.objects.create(
        label="2024/25", start_date=date(2024, 5, 1), end_date=date(2025, 4, 30)
    )
    MunicipalYear.objects.create(
        label="2025/26", start_date=date(2025, 5, 1), end_date=date(2026, 4, 30)
    )


def test_numbering_continues_across_a_municipal_year_and_restarts_in_the_next(years):
    panel = PanelFactory()
    july = _meeting(panel, date(2024, 7, 18), [f"July {n}" for n in range(1, 8)])
    august = _meeting(panel, date(2024, 8, 8), [f"August {n}" for n in range(1, 8)])
    september = _meeting(panel, date(2024, 9, 26), [f"September {n}" for n in range(1, 6)])
    june = _meeting(panel, date(2025, 6, 19), ["Apologies", "Minutes"])
    other_panel = _meeting(PanelFactory(), date(2024, 9, 1), ["Elsewhere"])
    numbers = {}
    for meeting in (july, august, september, june, other_panel):
        minutes = services.minutes_create(actor=ACTOR, meeting=meeting, from_agenda=True)
        numbers[meeting.date] = [i.number for i in minutes.items.order_by("number")]
    assert numbers[date(2024, 7, 18)] == [1, 2, 3, 4, 5, 6, 7]
    assert numbers[date(2024, 8, 8)] == [8, 9, 10, 11, 12, 13, 14]
    assert numbers[date(2024, 9, 26)] == [15, 16, 17, 18, 19]
    assert numbers[date(2025, 6, 19)] == [1, 2]  # a new municipal year starts again
    assert numbers[date(2024, 9, 1)] == [1]  # another panel has its own numbers
    titles = list(september.minutes.items.order_by("number").values_list("title", flat=True))
    assert titles == [f"September {n}" for n in range(1, 6)]


def test_minute_of_an_exempt_agenda_item_inherits_the_exemption_and_is_withheld():
    meeting = HeldMeetingFactory()
    category = ExemptCategoryFactory()
    meeting.agenda_items.create(
        number=1,
        title="Case review",
        is_exempt=True,
        exempt_category=category,
        exempt_reasons="Names a child",
    )
    minutes = services.minutes_create(actor=ACTOR, meeting=meeting, from_agenda=True)
    item = minutes.items.get()
    assert (item.is_exempt, item.exempt_category, item.exempt_reasons) == (
        True,
        category,
        "Names a child",
    )
    assert (
        item.is_withheld
        and MinuteItem.objects.filter(pk=item.pk)
        .filter(MinuteItem.access_lookups(date.today()).withheld)
        .exists()
    )
    # Adding a minute for the agenda item by hand cannot make it public either.
    added = services.minute_item_add(
        actor=ACTOR, minutes=minutes, title="Again", agenda_item=meeting.agenda_items.get()
    )
    assert added.is_withheld


def test_release_needs_a_reason_and_is_audited_also_after_approval():
    item = MinuteItemFactory(
        minutes=ApprovedMinutesFactory(), is_exempt=True, exempt_category=ExemptCategoryFactory()
    )
    with pytest.raises(ValidationError, match="reason"):
        services.minute_item_release(actor=ACTOR, item=item, reason=" ")
    services.minute_item_release(actor=ACTOR, item=item, reason="The panel agreed")
    item.refresh_from_db()
    assert not item.is_withheld and item.release_reason == "The panel agreed"
    with pytest.raises(ValidationError, match="already been released"):
        services.minute_item_release(actor=ACTOR, item=item, reason="Again")
    # Exempt again: withheld again, whatever the earlier release.
    services.minute_item_set_exempt(
        actor=ACTOR,
        item=item,
        is_exempt=True,
        exempt_category=item.exempt_category,
        reason="Released by mistake",
    )
    item.refresh_from_db()
    assert item.is_withheld
    actions = list(audit_trail(item).values_list("action", "to_state"))
    assert ("minutes.minute_item_release", "released") in actions
    assert ("minutes.minute_item_set_exempt", "exempt") in actions


def test_deleting_a_minute_numbers_the_rest_on_without_a_gap():
    minutes = DraftMinutesFactory()
    items = [
        services.minute_item_add(actor=ACTOR, minutes=minutes, title=t, number=n)
        for n, t in ((8, "A"), (9, "B"), (10, "C"), (11, "D"))
    ]
    services.minute_item_delete(actor=ACTOR, item=items[1])
    assert list(minutes.items.order_by("number").values_list("number", "title")) == [
        (8, "A"),
        (9, "C"),
        (10, "D"),
    ]
    assert audit_trail(items[1]).filter(action="minutes.minute_item_delete").exists()


def test_moving_minutes_swaps_their_numbers():
    minutes = DraftMinutesFactory()
    a, b, c = (services.minute_item_add(actor=ACTOR, minutes=minutes, title=t) for t in "ABC")
    services.minute_item_move(actor=ACTOR, item=c, direction="up")
    assert list(minutes.items.order_by("number").values_list("title", flat=True)) == [
        "A",
        "C",
        "B",
    ]
    a.refresh_from_db()
    with pytest.raises(ValidationError, match="already the first"):
        services.minute_item_move(actor=ACTOR, item=a, direction="up")


def test_a_stale_form_is_refused_rather_than_overwriting_a_colleagues_edit():
    item = MinuteItemFactory()
    opened_at = item.revision
    services.minute_item_update(actor=ACTOR, item=item, revision=opened_at, introduction="Mine")
    with pytest.raises(ValidationError, match="changed by someone else"):
        services.minute_item_update(
            actor=ACTOR, item=item, revision=opened_at, introduction="Theirs"
        )
    item.refresh_from_db()
    assert item.introduction == "Mine"


def test_speakers_points_and_resolutions_are_changed_moved_and_deleted():
    item = MinuteItemFactory()
    first = services.speaker_add(
        actor=ACTOR, item=item, name="The Cabinet Member for Children and Learning"
    )
    second = services.speaker_add(actor=ACTOR, item=item, name="The Service Manager", title="X")
    services.speaker_update(
        actor=ACTOR, speaker=second, name="The Service Manager", title="Early Years"
    )
    services.speaker_move(actor=ACTOR, speaker=second, direction="up")
    services.speaker_move(actor=ACTOR, speaker=second, direction="down")
    speakers = list(item.speakers.order_by("order"))
    assert speakers == [first, second]
    assert queries.speakers_sentence(speakers) == (
        "The Cabinet Member for Children and Learning and the Service Manager, Early Years were "
        "in attendance and, with the consent of the Chair, addressed the meeting."
    )
    services.speaker_delete(actor=ACTOR, speaker=first)
    assert queries.speakers_sentence(list(item.speakers.all())).startswith(
        "The Service Manager, Early Years was in attendance"
    )

    with pytest.raises(ValidationError, match="add the point first"):
        services.discussion_point_add(actor=ACTOR, item=item, text="Orphan", level=2)
    point = services.discussion_point_add(actor=ACTOR, item=item, text="Equity of provision")
    sub = services.discussion_point_add(actor=ACTOR, item=item, text="In the east", level=2)
    services.discussion_point_update(
        actor=ACTOR, point=sub, text="In the east of the city", level=2
    )
    services.discussion_point_move(actor=ACTOR, point=point, direction="down")
    assert list(item.points.order_by("order").values_list("text", "level")) == [
        ("In the east of the city", 2),
        ("Equity of provision", 1),
    ]
    services.discussion_point_delete(actor=ACTOR, point=sub)
    assert item.points.count() == 1

    one, two, three = (
        services.resolution_add(actor=ACTOR, item=item, text=f"That {t}.") for t in "ABC"
    )
    services.resolution_update(actor=ACTOR, resolution=two, text="That B is done.")
    services.resolution_delete(actor=ACTOR, resolution=one)
    assert [(r.numeral, r.text) for r in item.resolutions.order_by("number")] == [
        ("i", "That B is done."),
        ("ii", "That C."),
    ]
    three.refresh_from_db()
    services.resolution_move(actor=ACTOR, resolution=three, direction="up")
    assert [r.text for r in item.resolutions.order_by("number")] == ["That C.", "That B is done."]
    item.refresh_from_db()
    assert item.revision == 17  # each of the 17 changes above raised the revision


def test_declarations_are_corrected_and_removed_while_draft():
    minutes = DraftMinutesFactory()
    member = MembershipFactory(seat__panel=minutes.meeting.panel).person
    declaration = services.declaration_record(
        actor=ACTOR, minutes=minutes, person=member, kind="other", matter="Governor"
    )
    services.declaration_update(
        actor=ACTOR,
        declaration=declaration,
        person=member,
        kind="pecuniary",
        matter="Employed by a provider",
    )
    declaration.refresh_from_db()
    assert (declaration.kind, declaration.matter) == ("pecuniary", "Employed by a provider")
    services.declaration_delete(actor=ACTOR, declaration=declaration)
    assert not minutes.declarations.exists()


def test_only_officers_may_edit(django_user_model):
    member_user = User.objects.create_user("member-user")
    PersonFactory(user=member_user)
    item = MinuteItemFactory()
    with pytest.raises(PermissionDenied):
        services.minute_item_update(actor=member_user, item=item, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.minute_item_release(actor=member_user, item=item, reason="x")


def test_names_are_printed_in_the_singular_and_the_plural():
    assert queries.councillors(["Allen"]) == "Councillor Allen"
    assert queries.councillors(["Kaur", "Allen"]) == "Councillors Kaur and Allen"
    assert queries.councillors(["A", "B", "C"]) == "Councillors A, B and C"
    assert queries.appointed_members(["Rob Sanders"]) == "Appointed Member: Rob Sanders"


def test_changes_in_membership_are_drafted_from_the_substitutes():
    meeting = HeldMeetingFactory()
    for member, substitute in (("Kaur", "Mrs Blatchford"), ("Allen", "Cooper")):
        SubstitutionFactory(
            meeting=meeting,
            member=PersonFactory(name=member),
            substitute=PersonFactory(name=substitute),
        )
    assert queries.membership_changes_text(meeting) == (
        "The Monitoring Officer, acting under delegated powers, appointed Councillors "
        "Mrs Blatchford and Cooper to replace Councillors Kaur and Allen for this meeting."
    )


def test_a_stale_speaker_point_or_resolution_is_refused_and_nothing_is_lost():
    from scrutiny.core.versioning import StaleEdit

    item = MinuteItemFactory()
    speaker = services.speaker_add(actor=ACTOR, item=item, name="The Service Manager")
    point = services.discussion_point_add(actor=ACTOR, item=item, text="Waiting times")
    resolution = services.resolution_add(actor=ACTOR, item=item, text="That the panel notes.")
    assert (speaker.version, point.version, resolution.version) == (1, 1, 1)
    # Two officers open the same entries; the first saves.
    services.speaker_update(
        actor="first", speaker=speaker, name="The Service Manager", title="Early Help", version=1
    )
    services.discussion_point_update(
        actor="first", point=point, text="Waiting times fell", level=1, version=1
    )
    services.resolution_update(
        actor="first", resolution=resolution, text="That the panel notes it.", version=1
    )
    # The second saves from the forms opened at version 1: refused, naming who changed it.
    calls = [
        lambda: services.speaker_update(
            actor="second", speaker=speaker, name="Someone", title="Else", version=1
        ),
        lambda: services.discussion_point_update(
            actor="second", point=point, text="Overwritten", level=1, version=1
        ),
        lambda: services.resolution_update(
            actor="second", resolution=resolution, text="Overwritten.", version=1
        ),
    ]
    for call in calls:
        with pytest.raises(StaleEdit) as refused:
            call()
        assert "changed by first" in refused.value.messages[0]
        assert refused.value.current.version == 2
    speaker.refresh_from_db()
    point.refresh_from_db()
    resolution.refresh_from_db()
    assert (speaker.title, speaker.changed_by, speaker.version) == ("Early Help", "first", 2)
    assert point.text == "Waiting times fell" and resolution.text == "That the panel notes it."
    # Saving again from the version now shown is a knowing overwrite.
    services.speaker_update(
        actor="second", speaker=speaker, name="The Service Manager", title="Lead", version=2
    )
    speaker.refresh_from_db()
    assert (speaker.title, speaker.version) == ("Lead", 3)
