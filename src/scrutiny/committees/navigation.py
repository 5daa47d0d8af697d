from django.urls import reverse


def officer_links() -> list[tuple[str, str]]:
    return [
        ("Meetings", reverse("committees:meeting_list")),
        ("People", reverse("committees:person_list")),
    ]
