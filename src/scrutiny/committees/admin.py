from django.contrib import admin

from scrutiny.committees.models import (
    AgendaItem,
    Attendance,
    Meeting,
    Membership,
    MunicipalYear,
    Panel,
    PanelContact,
    Person,
    Seat,
    Substitution,
)

admin.site.register(
    [Panel, PanelContact, Seat, Membership, MunicipalYear, Attendance, Substitution]
)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "job_title", "user"]
    list_filter = ["kind"]
    search_fields = ["name"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["panel", "date", "start_time", "status"]
    list_filter = ["panel", "status"]
    inlines = [AgendaItemInline]
