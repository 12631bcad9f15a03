"""Tenants and domains in the public schema's admin (platform operators)."""

from __future__ import annotations

from django.contrib import admin

from vaxkit.platform.tenants.models import Domain, Tenant


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(Tenant)
class TenantAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "schema_name", "updated_at")
    readonly_fields = (
        "schema_name",
        "profile_sha256",
        "profile_source",
        "created_at",
        "updated_at",
    )
    exclude = ("profile_text",)
    inlines = [DomainInline]

    def has_add_permission(self, request) -> bool:
        return False  # provisioning creates schemas: use `vaxkit tenant add`

    # Tenants are managed on the public host only; a tenant's admins never see the others.
    def has_module_permission(self, request) -> bool:
        return _public(request) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return _public(request) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return _public(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # `drop_tenant` removes the schema too


def _public(request) -> bool:
    return getattr(request, "tenant", None) is None
