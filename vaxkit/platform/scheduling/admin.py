from __future__ import annotations

from django.contrib import admin

from vaxkit.platform.scheduling.models import Appointment, Facility, Session, SessionCapacity


class CapacityInline(admin.TabularInline):
    model = SessionCapacity
    extra = 0
    readonly_fields = ("booked",)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "postal_code", "area", "fee_type", "active")
    list_filter = ("fee_type", "active")
    search_fields = ("name", "postal_code")
    readonly_fields = ("area_path",)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("session_id", "facility", "date", "vaccine", "min_age", "cancelled")
    list_filter = ("date", "vaccine")
    inlines = [CapacityInline]
    readonly_fields = ("session_id", "created_by")


@admin.register(SessionCapacity)
class SessionCapacityAdmin(admin.ModelAdmin):
    list_display = ("session", "dose_number", "capacity", "booked")
    readonly_fields = ("booked",)


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    """Appointments change through the booking services only."""

    list_display = ("appointment_id", "session", "dose_number", "slot", "status")
    list_filter = ("status",)
    exclude = ("security_code",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
