"""Back office for panels and meetings: read-only where a service owns the record.

Meetings, agendas, people, seats, memberships, municipal years, attendance and substitutes
are changed in the officers' screens (/manage/), whose services validate, version and audit
each change; here they are only shown. A panel's remit and contacts are edited here, audited.
"""

from django.contrib import admin

from scrutiny.committees.models import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingChange,
    Membership,
    MunicipalYear,
    Panel,
    PanelContact,
    Person,
    Seat,
    Substitution,
)
from scrutiny.core.backoffice import AuditedAdmin, ReadOnlyAdmin, ReadOnlyInline


@admin.register(Panel)
class PanelAdmin(AuditedAdmin):
    list_display = ["name", "slug", "quorum"]


@admin.register(PanelContact)
class PanelContactAdmin(AuditedAdmin):
    list_display = ["panel", "role", "person"]


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "job_title", "ward", "party", "user"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Seat, Membership, MunicipalYear, Attendance, Substitution, MeetingChange)
class CommitteeRecordAdmin(ReadOnlyAdmin):
    pass


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["number", "title", "kind", "is_exempt", "exempt_category", "exempt_reasons"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["panel", "date", "start_time", "status", "version"]
    list_filter = ["panel", "status"]
    readonly_fields = ["status", "agenda_published_at", "version", "changed_by", "changed_at"]
    inlines = [AgendaItemInline]
