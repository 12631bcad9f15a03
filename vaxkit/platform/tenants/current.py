"""The tenant the current connection is in, for services called from requests and jobs alike."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.db import connection
from django.utils import timezone

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.tenants.models import Tenant
from vaxkit.profiles.schema import Profile


def current_tenant() -> Tenant:
    """The active tenant; raises ``tenant.none`` in the public schema.

    Inside ``schema_context(name)`` the connection holds only a schema name: the tenant row is
    read from ``public`` (which stays on the search path).
    """
    tenant = connection.tenant
    if isinstance(tenant, Tenant):
        return tenant
    schema = getattr(tenant, "schema_name", None)
    if schema and schema != "public":
        found = Tenant.objects.filter(schema_name=schema).first()
        if found is not None:
            return found
    raise ServiceError(
        "tenant.none",
        "No tenant is active: call this within a tenant's request or tenant_context().",
    )


def current_profile() -> Profile:
    """The active tenant's parsed profile."""
    return current_tenant().profile


def local_today(profile: Profile | None = None) -> dt.date:
    """Today in the jurisdiction's time zone (sessions and booking windows are local days)."""
    zone = ZoneInfo((profile or current_profile()).country.time_zone)
    return timezone.now().astimezone(zone).date()
