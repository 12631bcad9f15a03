from __future__ import annotations

from django.contrib import admin

from vaxkit.platform.reference.models import AdminArea, Cohort, IdDocumentType, Vaccine


class SeededAdmin(admin.ModelAdmin):
    """Reference rows come from the profile: change the profile and reload it instead."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AdminArea)
class AdminAreaAdmin(SeededAdmin):
    list_display = ("code", "__str__", "level_key", "active")
    list_filter = ("level_key", "active")


@admin.register(Vaccine)
class VaccineAdmin(SeededAdmin):
    list_display = ("code", "product_name", "manufacturer", "doses", "active")


@admin.register(IdDocumentType)
class IdDocumentTypeAdmin(SeededAdmin):
    list_display = ("code", "photo_id_type", "active")


@admin.register(Cohort)
class CohortAdmin(SeededAdmin):
    list_display = ("code", "min_age", "max_age", "opens_on", "active")
