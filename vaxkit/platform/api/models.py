"""Partner systems' client credentials (kept in the shared ``public`` schema, one row per
tenant and client; the secret is stored only as a keyed hash)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class PartnerClient(models.Model):
    """A partner system allowed to call the own API with client credentials."""

    tenant = models.ForeignKey(
        "tenants.Tenant", on_delete=models.CASCADE, related_name="partner_clients"
    )
    client_id = models.CharField(max_length=40, unique=True)
    secret_hash = models.CharField(max_length=64)
    name = models.CharField(max_length=200)
    scopes = models.JSONField(default=list)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["tenant_id", "name", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.client_id})"
