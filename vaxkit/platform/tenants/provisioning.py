"""Provisioning and maintaining tenants: schema, migrations, seeds from the profile.

Each tenant is created in one transaction (PostgreSQL DDL is transactional): a failure at any
step leaves neither a tenant row nor a half-built schema behind. Several tenants are never
created in one transaction (``max_locks_per_transaction``, see STACK-NOTES).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.utils import quote_schema_name, schema_context, schema_exists

from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Conflict, NotFound, ServiceError
from vaxkit.platform.reference.seeding import SeedCounts, seed_reference_data
from vaxkit.platform.tenants.middleware import forget_domains
from vaxkit.platform.tenants.models import Domain, Tenant
from vaxkit.platform.tenants.profiles import read_profile_file, text_digest

_CODE = re.compile(r"^[a-z][a-z0-9-]{0,15}$")
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


@dataclass(frozen=True)
class ProvisionResult:
    tenant: Tenant
    seeded: SeedCounts
    seconds: float


def schema_name_for(code: str) -> str:
    """``in-ka`` -> ``tenant_in_ka``: a prefix keeps codes like ``in`` clear of SQL keywords."""
    return "tenant_" + code.replace("-", "_")


def _check_domains(domains: list[str]) -> list[str]:
    clean: list[str] = []
    for raw in domains:
        host = raw.strip().lower().rstrip(".")
        if ":" in host:
            raise ServiceError(
                "tenant.domain_port", f"'{raw}' has a port; give the host name only."
            )
        if not _HOST.match(host):
            raise ServiceError("tenant.domain_invalid", f"'{raw}' is not a valid host name.")
        clean.append(host)
    if not clean:
        raise ServiceError("tenant.no_domain", "Give at least one domain for the tenant.")
    taken = list(Domain.objects.filter(domain__in=clean).values_list("domain", flat=True))
    if taken:
        raise Conflict(
            "tenant.domain_taken", f"Domain already in use by another tenant: {', '.join(taken)}."
        )
    return clean


def provision_tenant(
    profile_path: str | Path,
    domains: list[str],
    *,
    actor: Any,
    code: str | None = None,
    verbosity: int = 0,
) -> ProvisionResult:
    """Create the tenant described by the profile at ``profile_path``, reachable at ``domains``.

    ``code`` defaults to the profile's (``xx``, ``in-ka``); another code hosts a second copy of
    a jurisdiction (a training instance, a test tenant).

    Validates the profile (raising :class:`vaxkit.profiles.issues.ProfileError`), creates the
    schema, runs the tenant migrations, seeds admin areas, vaccines, ID types and cohorts, and
    writes an audit row in the new schema. Raises :class:`ServiceError` with codes
    ``tenant.exists``, ``tenant.domain_taken``, ``tenant.domain_invalid``.
    """
    started = time.perf_counter()
    profile, text = read_profile_file(profile_path)
    code = (code or profile.code).lower()
    if not _CODE.match(code):
        raise ServiceError(
            "tenant.code_invalid",
            f"'{code}' is not a tenant code: lowercase letters, digits and '-', at most 16.",
        )
    schema_name = schema_name_for(code)
    with schema_context("public"):
        if Tenant.objects.filter(code=code).exists() or schema_exists(schema_name):
            raise Conflict("tenant.exists", f"A tenant '{code}' exists already.", tenant=code)
        hosts = _check_domains(domains)
        with transaction.atomic():
            tenant = Tenant(
                schema_name=schema_name,
                code=code,
                name=profile.text(
                    profile.jurisdiction.names if profile.jurisdiction else profile.country.names,
                    "en",
                ),
                profile_text=text,
                profile_sha256=text_digest(text),
                profile_source=str(Path(profile_path).resolve()),
            )
            tenant.save()
            for position, host in enumerate(hosts):
                Domain.objects.create(domain=host, tenant=tenant, is_primary=position == 0)
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE SCHEMA {quote_schema_name(schema_name)}")
            call_command(
                "migrate_schemas",
                tenant=True,
                schema_name=schema_name,
                interactive=False,
                verbosity=verbosity,
            )
            with schema_context(schema_name):
                seeded = seed_reference_data(profile)
                audit(
                    actor,
                    "tenant.provision",
                    purpose="administration",
                    details={"code": code, "domains": hosts, "profile": text_digest(text)[:12]},
                )
    forget_domains()
    return ProvisionResult(tenant, seeded, time.perf_counter() - started)


def reload_profile(code: str, *, actor: Any, profile_path: str | Path | None = None) -> Tenant:
    """Load the tenant's profile again (from ``profile_path``, else the file it came from),
    store it and re-seed reference data. The old profile stays if the new one is invalid."""
    with schema_context("public"):
        tenant = get_tenant(code)
        source = Path(profile_path or tenant.profile_source)
        profile, text = read_profile_file(source)
        if not (tenant.code == profile.code or tenant.code.startswith(f"{profile.code}-")):
            raise ServiceError(
                "tenant.profile_mismatch",
                f"{source} describes '{profile.code}', not '{tenant.code}'.",
            )
        with transaction.atomic():
            old = tenant.profile_sha256
            tenant.profile_text = text
            tenant.profile_sha256 = text_digest(text)
            tenant.profile_source = str(source.resolve())
            tenant.save()
            with schema_context(tenant.schema_name):
                seed_reference_data(profile)
                audit(
                    actor,
                    "tenant.reload_profile",
                    purpose="administration",
                    details={"from": old[:12], "to": tenant.profile_sha256[:12]},
                )
    forget_domains()
    return tenant


def add_domain(code: str, domain: str, *, actor: Any, primary: bool = False) -> Domain:
    """Make ``domain`` lead to the tenant ``code`` as well."""
    with schema_context("public"):
        tenant = get_tenant(code)
        (host,) = _check_domains([domain])
        with transaction.atomic():
            row = Domain.objects.create(domain=host, tenant=tenant, is_primary=primary)
            with schema_context(tenant.schema_name):
                audit(
                    actor, "tenant.add_domain", purpose="administration", details={"domain": host}
                )
    forget_domains()
    return row


def get_tenant(code: str) -> Tenant:
    """The tenant with this code, or :class:`NotFound` (``tenant.not_found``)."""
    with schema_context("public"):
        try:
            return Tenant.objects.get(code=code.lower())
        except Tenant.DoesNotExist:
            known = ", ".join(Tenant.objects.values_list("code", flat=True)) or "none yet"
            raise NotFound("tenant.not_found", f"No tenant '{code}' (known: {known}).") from None


def drop_tenant(code: str, *, actor: Any) -> None:
    """Delete a tenant and its schema with every row in it. Irreversible: for tests and demos."""
    del actor  # the audit trail goes with the schema; the caller logs the deletion
    with schema_context("public"):
        tenant = get_tenant(code)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"DROP SCHEMA IF EXISTS {quote_schema_name(tenant.schema_name)} CASCADE"
                )
            tenant.domains.all().delete()
            Tenant.objects.filter(pk=tenant.pk).delete()
    forget_domains()
