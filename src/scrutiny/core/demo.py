"""Council settings and the exempt-information categories (Schedule 12A plus Southampton's 7a)."""

from scrutiny.core.models import Council, ExemptCategory

SCHEDULE_12A = [
    ("1", "Information relating to any individual"),
    ("2", "Information which is likely to reveal the identity of an individual"),
    (
        "3",
        "Information relating to the financial or business affairs of any particular person "
        "(including the authority holding that information)",
    ),
    (
        "4",
        "Information relating to consultations or negotiations in connection with labour "
        "relations matters",
    ),
    (
        "5",
        "Information in respect of which a claim to legal professional privilege could be "
        "maintained in legal proceedings",
    ),
    (
        "6",
        "Information revealing that the authority proposes to give a notice or make an order "
        "or direction under an enactment",
    ),
    (
        "7",
        "Information relating to action taken or to be taken in connection with the "
        "prevention, investigation or prosecution of crime",
    ),
]


def load() -> str:
    council = Council.load()
    council.name = "Southampton City Council"
    council.short_name = "Southampton"
    council.save()
    for order, (code, title) in enumerate(SCHEDULE_12A, start=1):
        ExemptCategory.objects.update_or_create(
            code=code, defaults={"title": title, "is_statutory": True, "order": order}
        )
    ExemptCategory.objects.update_or_create(
        code="7a",
        defaults={
            "title": "Information which is subject to an obligation of confidentiality",
            "is_statutory": False,
            "order": 8,
        },
    )
    return f"{council.name}, {ExemptCategory.objects.count()} exempt categories"
