"""The back office (Django admin) never writes past a service.

Records whose state a service owns are shown read-only (``ReadOnlyAdmin``): their screens in
Scrutiny are the one way to change them. The few settings edited only here are saved with an
audit event in the same transaction (``AuditedAdmin``), so nothing escapes the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction

from scrutiny.core.audit import audit_record


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def backoffice_save(*, actor: Any, target: models.Model, created: bool, fields: list[str]) -> None:
    """Audit a back-office save (inside the admin's save, in its transaction)."""
    audit_record(
        actor=actor,
        action="core.backoffice_save",
        target=target,
        to_state="added" if created else "changed",
        data={"fields": sorted(fields)},
    )


def backoffice_delete(*, actor: Any, target: models.Model) -> None:
    audit_record(actor=actor, action="core.backoffice_delete", target=target)


class AuditedAdmin(admin.ModelAdmin):
    """Each save or delete is audited with the fields it changed."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            backoffice_save(
                actor=request.user, target=obj, created=not change, fields=form.changed_data
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            backoffice_delete(actor=request.user, target=obj)
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                backoffice_delete(actor=request.user, target=obj)
            super().delete_queryset(request, queryset)
