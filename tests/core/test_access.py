"""The one access check, for every role, including every denial path."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from scrutiny.committees.models import Membership
from scrutiny.core.access import Level, Role, access_level, can_view, role_for, visible
from scrutiny.documents.models import Document
from tests.committees.factories import (
    AppointedPersonFactory,
    AppointedSeatFactory,
    ExemptAgendaItemFactory,
    ExemptCategoryFactory,
    HeldMeetingFactory,
    MembershipFactory,
    PanelFactory,
    PersonFactory,
    ScheduledMeetingFactory,
    SeatFactory,
    SubstitutionFactory,
)

pytestmark = pytest.mark.django_db


def _user(name: str, **extra) -> User:
    return User.objects.create_user(name, password="pw-12345678", **extra)


@pytest.fixture
def world(officer, outsider):
    """One panel with a public, an exempt, a released and an unpublished document."""
    panel = PanelFactory()
    other_panel = PanelFactory()
    meeting = HeldMeetingFactory(panel=panel, date=date(2024, 11, 28))
    draft_meeting = ScheduledMeetingFactory(panel=panel, date=date(2025, 1, 30))
    category = ExemptCategoryFactory()
    now = timezone.now()

    def doc(title, **extra):
        extra.setdefault("published_at", now)
        return Document.objects.create(
            meeting=extra.pop("meeting", meeting), title=title, body_html="<p>x</p>", **extra
        )

    docs = {
        "public": doc("Public appendix"),
        "exempt": doc("Exempt appendix", is_exempt=True, exempt_category=category),
        "released": doc(
            "Released appendix",
            is_exempt=True,
            exempt_category=category,
            release_after=timezone.localdate() - timedelta(days=1),
        ),
        "unpublished": doc("Draft appendix", published_at=None),
        "draft_meeting": doc("Appendix of an unpublished agenda", meeting=draft_meeting),
    }
    member = _user("member")
    MembershipFactory(seat=SeatFactory(panel=panel), person=PersonFactory(user=member))
    co_optee = _user("co-optee")
    MembershipFactory(
        seat=AppointedSeatFactory(panel=panel), person=AppointedPersonFactory(user=co_optee)
    )
    past_member = _user("past-member")
    MembershipFactory(
        seat=SeatFactory(panel=panel),
        person=PersonFactory(user=past_member),
        start_date=date(2024, 5, 1),
        end_date=date(2024, 12, 31),
    )
    former_member = _user("former-member")  # left before the meeting
    MembershipFactory(
        seat=SeatFactory(panel=panel),
        person=PersonFactory(user=former_member),
        start_date=date(2019, 5, 1),
        end_date=date(2020, 4, 30),
    )
    other_member = _user("other-panel-member")
    MembershipFactory(seat=SeatFactory(panel=other_panel), person=PersonFactory(user=other_member))
    substitute = _user("substitute")
    SubstitutionFactory(
        meeting=meeting,
        substitute=PersonFactory(user=substitute),
        member=Membership.objects.filter(seat__panel=panel).first().person,
    )
    users = {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "co_optee": co_optee,
        "past_member": past_member,
        "former_member": former_member,
        "other_panel_member": other_member,
        "substitute": substitute,
        "officer": officer,
        "admin": _user("admin-user", is_superuser=True),
    }
    return users, docs


# Who may read each document's content.
EXPECTED_CONTENT = {
    "public": {
        "anonymous",
        "outsider",
        "member",
        "co_optee",
        "past_member",
        "former_member",
        "other_panel_member",
        "substitute",
        "officer",
        "admin",
    },
    "exempt": {"member", "co_optee", "past_member", "substitute", "officer", "admin"},
    "released": {
        "anonymous",
        "outsider",
        "member",
        "co_optee",
        "past_member",
        "former_member",
        "other_panel_member",
        "substitute",
        "officer",
        "admin",
    },
    "unpublished": {"officer", "admin"},
    "draft_meeting": {"officer", "admin"},
}


def _as_user(user):
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser() if user is None else User.objects.get(pk=user.pk)


@pytest.mark.parametrize("doc_key", sorted(EXPECTED_CONTENT))
def test_every_role_sees_exactly_what_it_is_entitled_to(world, doc_key):
    users, docs = world
    document = docs[doc_key]
    for name, user in users.items():
        user = _as_user(user)
        allowed = name in EXPECTED_CONTENT[doc_key]
        assert can_view(user, document) is allowed, f"{name} / {doc_key}"
        in_list = visible(user, Document.objects.all()).filter(pk=document.pk).exists()
        assert in_list is allowed, f"list: {name} / {doc_key}"


def test_withheld_documents_are_listed_by_title_but_not_readable(world):
    users, docs = world
    anonymous = _as_user(None)
    assert access_level(anonymous, docs["exempt"]) is Level.LISTING
    assert access_level(anonymous, docs["unpublished"]) is Level.NONE
    listed = visible(anonymous, Document.objects.all(), level=Level.LISTING)
    assert docs["exempt"] in listed and docs["unpublished"] not in listed


def test_roles(world):
    users, _ = world
    assert role_for(_as_user(None)) is Role.PUBLIC
    assert role_for(_as_user(users["outsider"])) is Role.PUBLIC
    assert role_for(_as_user(users["member"])) is Role.MEMBER
    assert role_for(_as_user(users["co_optee"])) is Role.MEMBER
    assert role_for(_as_user(users["officer"])) is Role.OFFICER
    assert role_for(_as_user(users["admin"])) is Role.ADMIN


def test_exempt_agenda_item_content_follows_the_same_rule(world):
    users, _ = world
    item = ExemptAgendaItemFactory(meeting=HeldMeetingFactory(panel=PanelFactory()))
    assert access_level(_as_user(None), item) is Level.LISTING
    assert can_view(_as_user(users["officer"]), item)
    assert not can_view(_as_user(users["member"]), item)  # member of another panel
