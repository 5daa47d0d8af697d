from django.urls import reverse


def officer_links() -> list[tuple[str, str]]:
    return [
        ("Meetings", reverse("committees:meeting_list")),
        ("People", reverse("committees:person_list")),
    ]


def member_links(user) -> list[tuple[str, str]]:
    """A panel member's link to their panel's meetings and papers."""
    from scrutiny.committees.models import Membership

    person = getattr(user, "person", None)
    if person is None:
        return []
    membership = (
        Membership.objects.filter(person=person, end_date__isnull=True)
        .select_related("seat__panel")
        .first()
    )
    if membership is None:
        return []
    return [("Your papers", membership.seat.panel.get_absolute_url() + "#meetings")]
