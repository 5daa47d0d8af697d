from django.utils.functional import SimpleLazyObject

from scrutiny.core.access import Role, group_names, role_for


def access_label(user) -> str:
    """The role as the header names it; a signed-in user with no role but a group's (partnership
    staff, say) is named by the group."""
    role = role_for(user)
    if role is Role.PUBLIC and getattr(user, "is_authenticated", False):
        groups = sorted(group_names(user))
        if groups:
            return ", ".join(groups).lower()
    return str(role)


def site(request):
    def council_name() -> str:
        from scrutiny.core.models import Council

        council = Council.objects.order_by("pk").only("name").first()
        return council.name if council else "Scrutiny"

    def links() -> list[tuple[str, str]]:
        from scrutiny.core import menus

        return menus.service_links(request.user)

    return {
        "access_role": SimpleLazyObject(lambda: role_for(request.user)),
        "access_label": SimpleLazyObject(lambda: access_label(request.user)),
        "service_links": SimpleLazyObject(links),
        "council_name": SimpleLazyObject(council_name),
    }
