from django.urls import reverse


def officer_links() -> list[tuple[str, str]]:
    return [("Import case records", reverse("casedata:upload"))]
