"""The register of interests on the person page: published, or in full for those entitled."""

from __future__ import annotations

from scrutiny.committees.models import Person
from scrutiny.interests import queries


def person_section(request, person):
    if person.kind not in (Person.Kind.COUNCILLOR, Person.Kind.APPOINTED):
        return None
    full = queries.may_see_full_register(request.user, person)
    return "interests/sections/person.html", {
        "person": person,
        "register": queries.published_register(person),
        "full": full,
        "own": bool(request.user.is_authenticated and person.user_id == request.user.pk),
    }
