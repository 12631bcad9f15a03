"""Host -> tenant -> schema, with the domain lookup cached briefly in each process."""

from __future__ import annotations

import copy
import threading
import time
from typing import Any

from django.core.exceptions import DisallowedHost
from django.db import connection
from django.http import HttpResponseNotFound
from django_tenants.middleware.main import TenantMainMiddleware

from vaxkit.platform.tenants.models import Domain, Tenant

DOMAIN_CACHE_SECONDS = 30.0

_domains: dict[str, tuple[float, Tenant]] = {}
_lock = threading.Lock()


def forget_domains() -> None:
    """Drop cached host lookups (after a tenant's domains or profile change)."""
    with _lock:
        _domains.clear()


def _lookup(hostname: str) -> Tenant | None:
    now = time.monotonic()
    cached = _domains.get(hostname)
    if cached and cached[0] > now:
        return _copy(cached[1])
    connection.set_schema_to_public()  # the domain table lives in `public`
    domain = Domain.objects.select_related("tenant").filter(domain=hostname).first()
    if domain is None:
        return None
    with _lock:
        _domains[hostname] = (now + DOMAIN_CACHE_SECONDS, domain.tenant)
    return _copy(domain.tenant)


def _copy(tenant: Tenant) -> Tenant:
    # per-request attributes (domain_url) must not leak between threads sharing the cache
    clone = Tenant.__new__(Tenant)
    clone.__dict__.update(tenant.__dict__)
    clone._state = copy.copy(tenant._state)
    clone._state.fields_cache = {}
    return clone


class TenantMiddleware(TenantMainMiddleware):
    """django-tenants' middleware with two savings per request on the hot path: the host is
    looked up in a short-lived process cache (profile and domain changes show within
    ``DOMAIN_CACHE_SECONDS``, at once in the process that made them), and a persistent
    connection already on the tenant's search path is not sent ``SET search_path`` again
    (django-tenants forgets the path on close and on rollback, so it is never stale).

    On the public site ``request.tenant`` is None.
    """

    def process_request(self, request: Any) -> Any:
        try:
            hostname = self.hostname_from_request(request)
        except DisallowedHost:
            return HttpResponseNotFound()
        tenant = _lookup(hostname)
        if tenant is None:
            request.tenant = None
            connection.set_schema_to_public()
            return self.no_tenant_found(request, hostname)
        tenant.domain_url = hostname
        request.tenant = tenant
        if connection.schema_name == tenant.schema_name and connection.search_path_set_schemas:
            connection.tenant = tenant
        else:
            connection.set_tenant(tenant)
        self.setup_url_routing(request)
        return None
