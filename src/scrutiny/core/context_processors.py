from django.utils.functional import SimpleLazyObject

from scrutiny.core.access import role_for


def site(request):
    def council_name() -> str:
        from scrutiny.core.models import Council

        council = Council.objects.order_by("pk").only("name").first()
        return council.name if council else "Scrutiny"

    def links() -> list[tuple[str, str]]:
        from scrutiny.core import menus

        return menus.officer_links() if role_for(request.user).sees_everything else []

    return {
        "access_role": SimpleLazyObject(lambda: role_for(request.user)),
        "officer_links": SimpleLazyObject(links),
        "council_name": SimpleLazyObject(council_name),
    }
