"""A tenant is a jurisdiction with its profile, its domains and its own PostgreSQL schema."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django_tenants.models import DomainMixin, TenantMixin

from vaxkit.platform.tenants.profiles import parsed_profile

if TYPE_CHECKING:
    from vaxkit.profiles.schema import Profile


class Tenant(TenantMixin):
    """One jurisdiction. ``profile`` is the parsed, cached country profile."""

    code = models.CharField(
        max_length=16, unique=True, help_text="Lowercase jurisdiction code: `xx`, `in`, `in-ka`."
    )
    name = models.CharField(max_length=200)
    profile_text = models.TextField(help_text="The profile's YAML, self-contained.")
    profile_sha256 = models.CharField(max_length=64)
    profile_source = models.CharField(
        max_length=500, blank=True, help_text="File the profile was last loaded from."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Schemas are created by provision_tenant(), inside its transaction, not by save().
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"

    @property
    def profile(self) -> Profile:
        """The parsed profile, cached per process by content hash."""
        return parsed_profile(self.profile_text, self.profile_sha256, self.code)


class Domain(DomainMixin):
    """A host name that leads to a tenant (`xx.localhost`, `selfregistration.cowin.gov.in`)."""

    class Meta:
        ordering = ["domain"]
