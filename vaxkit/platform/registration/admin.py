"""Read-only admin views of citizens' data: masked numbers only, every view audited."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from vaxkit.platform.audit.records import audit, audit_many
from vaxkit.platform.registration.models import Account, Beneficiary, CitizenSession, OtpChallenge


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AuditedReadAdmin(ReadOnlyAdmin):
    """Audits every list and detail view of personal data with purpose ``administration``."""

    def get_object(self, request, object_id: str, from_field: str | None = None) -> Any:
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            audit(
                request.user, f"{self.model._meta.model_name}.read", obj, purpose="administration"
            )
        return obj

    def changelist_view(self, request, extra_context: dict | None = None) -> Any:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            audit_many(
                request.user,
                f"{self.model._meta.model_name}.read",
                list(changelist.result_list),
                purpose="administration",
            )
        return response


@admin.register(Account)
class AccountAdmin(AuditedReadAdmin):
    list_display = ("phone_masked", "created_at", "last_sign_in_at")
    exclude = ("phone", "phone_hash")


@admin.register(Beneficiary)
class BeneficiaryAdmin(AuditedReadAdmin):
    list_display = ("reference_id", "display_name", "id_type", "id_masked", "birth_year", "source")
    exclude = ("id_number", "id_hash", "name_parts")
    search_fields = ("reference_id",)


@admin.register(OtpChallenge)
class OtpChallengeAdmin(ReadOnlyAdmin):
    list_display = ("txn_id", "created_at", "expires_at", "tries", "used_at", "void")
    exclude = ("phone", "phone_hash", "code_hash")


@admin.register(CitizenSession)
class CitizenSessionAdmin(ReadOnlyAdmin):
    list_display = ("pk", "account", "created_at", "expires_at", "revoked_at")
    exclude = ("token_hash",)
