from __future__ import annotations

from django.contrib import admin

from vaxkit.platform.audit.models import AuditLog


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited."""

    list_display = (
        "at",
        "actor_kind",
        "actor_label",
        "action",
        "purpose",
        "object_type",
        "object_id",
    )
    list_filter = ("actor_kind", "action", "purpose")
    search_fields = ("actor_label", "action", "object_id")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
