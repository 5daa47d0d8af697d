from django.utils.functional import SimpleLazyObject

from scrutiny.core.access import role_for


def site(request):
    def council_name() -> str:
        from scrutiny.core.models import Council

        council = Council.objects.order_by("pk").only("name").first()
        return council.name if council else "Scrutiny"

    return {
        "access_role": SimpleLazyObject(lambda: role_for(request.user)),
        "council_name": SimpleLazyObject(council_name),
    }
