from django.urls import reverse


def officer_links() -> list[tuple[str, str]]:
    return [("Schedule a meeting", reverse("committees:meeting_new"))]
