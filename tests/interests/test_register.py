"""The register of interests: history, the member's notifications, the officer's decision,
sensitive interests never published, and declarations linked to the register."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from scrutiny.core.audit import audit_trail
from scrutiny.interests import queries, services
from scrutiny.interests.models import ChangeKind, Interest, InterestSubmission, SubmissionStatus
from scrutiny.minutes import services as minutes_services
from tests.committees.factories import MembershipFactory, PersonFactory
from tests.minutes.factories import DraftMinutesFactory

pytestmark = pytest.mark.django_db
SENSITIVE = "CANARY-SENSITIVE-ADDRESS"


@pytest.fixture
def member():
    user = User.objects.create_user("councillor-webb", password="pw-webb-12345")
    return PersonFactory(name="Webb", slug="webb", user=user)


def _notify(member, **extra):
    data = {
        "change": ChangeKind.ADD,
        "category": "employment",
        "description": "Teacher, Bitterne Park School",
        "arose_on": date(2024, 5, 1),
    }
    data.update(extra)
    return services.interest_submission_create(actor=member.user, person=member, **data)


def test_member_notifies_and_officer_accepts_keeping_history(member, officer):
    submission = _notify(member)
    assert submission.status == SubmissionStatus.PENDING
    assert submission.due_on == date(2024, 5, 29)
    assert not member.interests.exists()  # not on the register until an officer accepts
    first = services.interest_submission_accept(actor=officer, submission=submission)
    assert (first.registered_on, first.ended_on) == (date.today(), None)

    change = _notify(
        member,
        change=ChangeKind.CHANGE,
        interest=first,
        description="Deputy head, Bitterne Park School",
        arose_on=date(2024, 9, 1),
    )
    second = services.interest_submission_accept(actor=officer, submission=change)
    first.refresh_from_db()
    assert first.ended_on == date(2024, 9, 1) and second.replaces == first
    ended = _notify(member, change=ChangeKind.END, interest=second, arose_on=date(2024, 12, 1))
    services.interest_submission_accept(actor=officer, submission=ended)
    register = queries.full_register(member)
    assert register.current == [] and len(register.past) == 2
    assert audit_trail(ended).filter(action="interests.interest_submission_accept").exists()


def test_only_the_member_or_an_officer_may_change_a_register(member, officer):
    other = PersonFactory(user=User.objects.create_user("someone-else"))
    with pytest.raises(PermissionDenied):
        services.interest_submission_create(
            actor=other.user,
            person=member,
            change="add",
            category="land",
            description="x",
            arose_on=date(2024, 5, 1),
        )
    submission = _notify(member)
    with pytest.raises(PermissionDenied):
        services.interest_submission_accept(actor=member.user, submission=submission)
    with pytest.raises(ValidationError, match="why"):
        services.interest_submission_decline(actor=officer, submission=submission, note="")
    services.interest_submission_decline(actor=officer, submission=submission, note="Duplicate")
    with pytest.raises(ValidationError, match="cannot go from"):
        services.interest_submission_accept(actor=officer, submission=submission)


def test_bad_dates_and_categories_are_refused(member):
    with pytest.raises(ValidationError, match="future"):
        _notify(member, arose_on=date.today() + timedelta(days=1))
    with pytest.raises(ValidationError, match="category"):
        _notify(member, category="hobbies")
    with pytest.raises(ValidationError, match="Enter the date"):
        _notify(member, arose_on=None)


def test_a_sensitive_interest_never_appears_publicly(client, member, officer):
    services.interest_register(
        actor=officer,
        person=member,
        category="land",
        description=f"Home at {SENSITIVE}",
        arose_on=date(2024, 5, 1),
        is_sensitive=True,
    )
    services.interest_register(
        actor=officer,
        person=member,
        category="charity",
        description="Trustee, Southampton Food Bank",
        arose_on=date(2024, 5, 1),
    )
    page = client.get(member.get_absolute_url()).content.decode()
    assert "Trustee, Southampton Food Bank" in page
    assert SENSITIVE not in page and "section 32 of the Localism Act 2011" in page
    assert "Land in the council" not in page  # not even the category of the sensitive one
    # Another panel member, the public, and the full register's screen refuse or omit it.
    colleague = PersonFactory(user=User.objects.create_user("colleague"))
    MembershipFactory(person=colleague)
    client.force_login(colleague.user)
    assert SENSITIVE not in client.get(member.get_absolute_url()).content.decode()
    assert client.get(reverse("interests:person", args=[member.slug])).status_code == 403
    assert SENSITIVE not in client.get(reverse("interests:mine")).content.decode()  # their own
    # The member themself and officers see it.
    client.force_login(member.user)
    assert SENSITIVE in client.get(reverse("interests:mine")).content.decode()
    client.force_login(officer)
    assert SENSITIVE in client.get(reverse("interests:person", args=[member.slug])).content.decode()


def test_member_notifies_through_the_screen_and_sees_errors(client, member, officer):
    client.force_login(member.user)
    url = reverse("interests:mine")
    bad = client.post(url, {"change": "add", "description": ""})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "govuk-error-summary" in body and 'href="#id_category"' in body
    ok = client.post(
        url,
        {
            "change": "add",
            "category": "public_body",
            "description": "Board member, Solent NHS Trust",
            "arose_on": "1/6/2024",
        },
    )
    assert ok.status_code == 302
    client.force_login(officer)
    index = client.get(reverse("interests:index")).content.decode()
    assert "Councillor Webb" in index and "29 June 2024" in index  # 28 days from 1 June
    submission = InterestSubmission.objects.get()
    decided = client.post(reverse("interests:decide", args=[submission.pk]), {"decision": "accept"})
    assert decided.status_code == 302
    assert Interest.objects.get().description == "Board member, Solent NHS Trust"


def test_declarations_link_to_the_register_and_prompt_when_not_on_it(client, member, officer):
    minutes = DraftMinutesFactory()
    MembershipFactory(seat__panel=minutes.meeting.panel, person=member)
    entry = services.interest_register(
        actor=officer,
        person=member,
        category="employment",
        description="Teacher",
        arose_on=date(2024, 5, 1),
    )
    linked = minutes_services.declaration_record(
        actor=officer,
        minutes=minutes,
        person=member,
        kind="other",
        matter="Teaches at a school in the report",
        interest=entry,
    )
    assert linked.interest == entry and not linked.needs_registering
    stranger = services.interest_register(
        actor=officer,
        person=PersonFactory(),
        category="land",
        description="A field",
        arose_on=date(2024, 5, 1),
    )
    with pytest.raises(ValidationError, match="another member's register"):
        minutes_services.declaration_record(
            actor=officer,
            minutes=minutes,
            person=member,
            kind="other",
            matter="x",
            interest=stranger,
        )
    unregistered = minutes_services.declaration_record(
        actor=officer, minutes=minutes, person=member, kind="pecuniary", matter="Owns a nursery"
    )
    assert unregistered.needs_registering
    client.force_login(officer)
    editor = client.get(reverse("minutes:edit", args=[minutes.meeting_id])).content.decode()
    assert "Not on Councillor Webb's register of interests" in editor
    assert reverse("interests:person", args=[member.slug]) + "?description=Owns" in editor
    prefilled = client.get(
        reverse("interests:person", args=[member.slug]), {"description": "Owns a nursery"}
    )
    assert "Owns a nursery</textarea>" in prefilled.content.decode()


def test_register_pages_use_a_fixed_number_of_queries(client, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    people = [PersonFactory(user=User.objects.create_user(f"member-{n}")) for n in range(2)]

    def notify(count: int) -> None:
        for person in people:
            for n in range(count):
                services.interest_submission_create(
                    actor=person.user,
                    person=person,
                    change="add",
                    category="charity",
                    description=f"Trustee {n}",
                    arose_on=date(2024, 5, 1),
                )
                services.interest_register(
                    actor=officer,
                    person=person,
                    category="land",
                    description=f"Plot {n}",
                    arose_on=date(2024, 5, 1),
                )

    def counts() -> list[int]:
        result = []
        for user, url in (
            (officer, reverse("interests:index")),
            (officer, reverse("interests:person", args=[people[0].slug])),
            (None, people[0].get_absolute_url()),
        ):
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            result.append(len(queries))
        return result

    notify(1)
    before = counts()
    notify(4)
    assert counts() == before


def test_the_published_register_downloads_as_csv_without_sensitive_details(client, member, officer):
    import csv
    import io

    services.interest_register(
        actor=officer,
        person=member,
        category="land",
        description=f"Home at {SENSITIVE}",
        arose_on=date(2024, 5, 1),
        is_sensitive=True,
    )
    services.interest_register(
        actor=officer,
        person=member,
        category="charity",
        description="Trustee, Southampton Food Bank",
        arose_on=date(2024, 5, 1),
    )
    page = client.get(member.get_absolute_url()).content.decode()
    link = reverse("interests:person_csv", args=[member.slug])
    assert link in page and reverse("interests:register_csv") in page
    for user in (None, officer):  # the published register is the same for everyone
        if user is not None:
            client.force_login(user)
        for url in (link, reverse("interests:register_csv")):
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"].startswith("text/csv")
            text = response.content.decode()
            assert SENSITIVE not in text and "Land in the council" not in text
            rows = list(csv.reader(io.StringIO(text)))
            assert rows[0][:5] == ["person", "kind", "group", "category", "interest"]
            body = {(r[3], r[4], r[5], r[7]) for r in rows[1:]}
            assert body == {
                (
                    "Body directed to charitable purposes",
                    "Trustee, Southampton Food Bank",
                    "2024-05-01",
                    "Current",
                ),
                (
                    "",
                    "Details withheld under section 32 of the Localism Act 2011 "
                    "(sensitive interest)",
                    "",
                    "Current",
                ),
            }
    assert client.get(reverse("interests:person_csv", args=["nobody"])).status_code == 404
