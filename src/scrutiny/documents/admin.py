from django.contrib import admin

from scrutiny.documents import services
from scrutiny.documents.models import (
    AgendaPack,
    AgendaPublication,
    Document,
    DocumentVersion,
    PublicInformationSection,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    """Papers, their exemption and publication change in the officers' papers screens only
    (documents.services: validated, audited, packs rebuilt); here they are read."""

    list_display = [
        "title",
        "meeting",
        "agenda_item",
        "kind",
        "version",
        "is_exempt",
        "published_at",
    ]
    list_filter = ["kind", "is_exempt"]


@admin.register(PublicInformationSection)
class PublicInformationSectionAdmin(admin.ModelAdmin):
    """The council's own wording for the public information pages of every agenda pack."""

    list_display = ["order", "heading", "kind", "is_active"]
    list_display_links = ["heading"]
    ordering = ["order", "pk"]

    def save_model(self, request, obj, form, change):
        # Through the service, so the wording is sanitised and the change audited.
        services.public_information_section_save(
            actor=request.user,
            section=obj if change else None,
            heading=obj.heading,
            body_html=obj.body_html,
            kind=obj.kind,
            order=obj.order,
            is_active=obj.is_active,
        )


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "version", "replaced_at", "replaced_by", "reason"]


@admin.register(AgendaPublication)
class AgendaPublicationAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "kind", "published_at", "published_by", "clear_days"]


@admin.register(AgendaPack)
class AgendaPackAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "variant", "status", "page_count", "built_at", "build_seconds"]
    list_filter = ["variant", "status"]
