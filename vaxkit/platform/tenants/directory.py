"""Read-only listing of tenants for the landing page, the CLI and the demo banner."""

from __future__ import annotations

from dataclasses import dataclass

from django_tenants.utils import schema_context

from vaxkit.platform.tenants.models import Tenant


@dataclass(frozen=True)
class TenantEntry:
    code: str
    name: str
    schema_name: str
    domains: tuple[str, ...]
    """Primary domain first."""
    profile_source: str

    def url(self, scheme: str = "http", port: int | str | None = None) -> str:
        """Address of the tenant's site on its primary domain."""
        host = self.domains[0] if self.domains else f"{self.code}.localhost"
        default = {"http": "80", "https": "443"}.get(scheme)
        suffix = f":{port}" if port and str(port) != default else ""
        return f"{scheme}://{host}{suffix}/"


def tenant_directory() -> list[TenantEntry]:
    """Every tenant with its domains (two queries)."""
    with schema_context("public"):
        tenants = Tenant.objects.prefetch_related("domains").order_by("code")
        return [
            TenantEntry(
                code=t.code,
                name=t.name,
                schema_name=t.schema_name,
                domains=tuple(
                    d.domain
                    for d in sorted(t.domains.all(), key=lambda d: (not d.is_primary, d.domain))
                ),
                profile_source=t.profile_source,
            )
            for t in tenants
        ]
