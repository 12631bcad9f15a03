"""Bringing the demo up: database, schemas, the five demo countries, synthetic data."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from vaxkit.platform.actors import System

DEMO_PROFILES = {
    "xx": "xx-demo.yaml",
    "in": "in.yaml",
    "vn": "vn.yaml",
    "pe": "pe.yaml",
    "ae": "ae.yaml",
}
"""Tenant code -> profile file in ``country_profiles/``, in the order they are shown."""
SETTINGS = "vaxkit.platform.settings.demo"
ACTOR = System("demo")
DEMO_PASSWORD = "vaxkit-demo"  # noqa: S105 (a published demo login, for local use only)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoTenant:
    code: str
    name: str
    host: str
    provisioned: bool
    logins: tuple
    centres: int
    people: int
    doses: int
    appointments: int


@dataclass(frozen=True)
class DemoSummary:
    tenants: tuple[DemoTenant, ...]
    seconds: float
    data_dir: Path
    embedded_database: bool


def profiles_dir() -> Path:
    """``VAXKIT_PROFILES_DIR``, else the checkout's ``country_profiles/``, else the current
    directory's."""
    configured = os.environ.get("VAXKIT_PROFILES_DIR")
    if configured:
        return Path(configured)
    import vaxkit

    checkout = Path(vaxkit.__file__).resolve().parent.parent / "country_profiles"
    return checkout if checkout.is_dir() else Path.cwd() / "country_profiles"


class DemoError(ValueError):
    """The demo cannot be prepared as asked; ``code`` is stable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def prepare_demo(
    *, reset: bool = False, countries: tuple[str, ...] = (), progress: Progress = print
) -> DemoSummary:
    """Start the database, migrate, provision the demo countries (all, or ``countries`` by
    code) and seed them. Idempotent: a second run reuses everything that exists."""
    unknown = sorted(set(countries) - set(DEMO_PROFILES))
    if unknown:
        raise DemoError(
            "demo.country",
            f"No demo country {', '.join(unknown)}; choose from {', '.join(DEMO_PROFILES)}.",
        )
    chosen = [code for code in DEMO_PROFILES if not countries or code in countries]
    folder = profiles_dir()
    missing = [
        DEMO_PROFILES[code] for code in chosen if not (folder / DEMO_PROFILES[code]).is_file()
    ]
    if missing:
        raise DemoError(
            "demo.profiles_missing",
            f"Profiles not found in {folder}: {', '.join(missing)} (set VAXKIT_PROFILES_DIR).",
        )
    from vaxkit.platform.bootstrap import migrate_shared, migrate_tenants, setup_django

    started = time.perf_counter()
    setup_django(SETTINGS, force=True)
    from django.conf import settings
    from django.db import connection

    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    embedded = bool(settings.DATABASES["default"].get("VAXKIT_EMBEDDED_PGDATA"))
    step = _timer(progress)
    with step("Starting PostgreSQL" + (" (embedded)" if embedded else "")):
        connection.ensure_connection()
    with step("Migrating the shared schema"):
        migrate_shared()
    if reset:
        with step("Removing earlier demo data"):
            _reset(settings)
    with step("Migrating existing tenant schemas"):
        migrate_tenants()
    tenants = [_tenant(folder / DEMO_PROFILES[code], step) for code in chosen]
    return DemoSummary(
        tuple(tenants), time.perf_counter() - started, Path(settings.VAXKIT_DATA_DIR), embedded
    )


def _tenant(path: Path, step) -> DemoTenant:
    from django_tenants.utils import tenant_context

    from vaxkit.platform.demo.seed import seed_demo_tenant
    from vaxkit.platform.tenants.models import Tenant
    from vaxkit.platform.tenants.profiles import read_profile_file, text_digest
    from vaxkit.platform.tenants.provisioning import provision_tenant, reload_profile

    profile, text = read_profile_file(path)
    code = profile.code
    tenant = Tenant.objects.filter(code=code).first()
    provisioned = tenant is None
    if tenant is None:
        with step(f"Creating {code} ({path.name})"):
            tenant = provision_tenant(path, [f"{code}.localhost"], actor=ACTOR).tenant
    elif tenant.profile_sha256 != text_digest(text):
        with step(f"Reloading the changed profile of {code}"):
            tenant = reload_profile(code, actor=ACTOR, profile_path=path)
    with tenant_context(tenant), step(f"Seeding {code}"):
        summary = seed_demo_tenant()
    return DemoTenant(
        code=code,
        name=tenant.name,
        host=tenant.get_primary_domain().domain,
        provisioned=provisioned,
        logins=summary.logins,
        centres=summary.centres,
        people=summary.people,
        doses=summary.doses,
        appointments=summary.appointments,
    )


def _reset(settings) -> None:
    from vaxkit.platform.tenants.models import Tenant
    from vaxkit.platform.tenants.provisioning import drop_tenant

    for tenant in Tenant.objects.all():
        drop_tenant(tenant.code, actor=ACTOR)
    Path(settings.VAXKIT_SMS_OUTBOX).unlink(missing_ok=True)


def _timer(progress: Progress):
    from contextlib import contextmanager

    @contextmanager
    def step(label: str):
        began = time.perf_counter()
        progress(f"{label} ...")
        yield
        progress(f"{label}: done in {time.perf_counter() - began:.2f} s")

    return step
