from django.contrib import admin

from scrutiny.core.models import AuditEvent, Council, ExemptCategory

admin.site.site_header = "Scrutiny back office"


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    list_display = ["name", "bank_holiday_region", "clear_days_notice"]


@admin.register(ExemptCategory)
class ExemptCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "is_statutory", "is_confidential", "order"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "at",
        "actor_label",
        "action",
        "target_type",
        "target_label",
        "from_state",
        "to_state",
    ]
    list_filter = ["action", "target_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
