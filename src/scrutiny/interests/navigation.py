from django.urls import reverse


def officer_links() -> list[tuple[str, str]]:
    return [("Registers of interests", reverse("interests:index"))]
