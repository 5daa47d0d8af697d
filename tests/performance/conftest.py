import pytest
from django.contrib.auth import get_user_model

from scrutiny.committees.models import Person
from scrutiny.core.models import Council
from scrutiny.performance import demo


@pytest.fixture
def demo_report(db):
    Council.load()  # the council row the core demo creates (Southampton by default)
    demo.load_seed_report()


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("analyst", password="pw", is_staff=True)


@pytest.fixture
def member(db):
    """A current member of a panel: the report's small numbers are theirs to see."""
    from tests.committees.factories import MembershipFactory

    user = get_user_model().objects.create_user("councillor", password="pw")
    person = Person.objects.create(
        kind=Person.Kind.COUNCILLOR, name="A Member", slug="a-member", user=user
    )
    MembershipFactory(person=person)
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
