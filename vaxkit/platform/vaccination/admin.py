from __future__ import annotations

from django.contrib import admin

from vaxkit.platform.vaccination.models import AdverseEvent, Dose, StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ("__str__", "role", "facility", "area", "active")
    list_filter = ("role", "active")


@admin.register(Dose)
class DoseAdmin(admin.ModelAdmin):
    """Doses are recorded by vaccinators through the service (idempotent, audited)."""

    list_display = ("__str__", "vaccine", "lot", "facility", "recorded_at")
    list_filter = ("vaccine", "date")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AdverseEvent)
class AdverseEventAdmin(admin.ModelAdmin):
    list_display = ("__str__", "severity", "serious", "outcome", "onset_date")
    list_filter = ("severity", "serious", "outcome")

    def has_add_permission(self, request) -> bool:
        return False
