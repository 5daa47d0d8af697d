from django.contrib import admin

from scrutiny.documents.models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "agenda_item", "kind", "is_exempt", "published_at"]
    list_filter = ["kind", "is_exempt"]
