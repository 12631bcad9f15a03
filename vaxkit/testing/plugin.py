"""pytest fixtures for tenants on a real PostgreSQL (DESIGN.md house rule 8).

Tenant schemas are provisioned once per session, right after pytest-django has created the
test database; each test then runs inside a transaction that is rolled back (``db``), so the
schemas stay clean. Tests that need real commits and parallel connections (concurrency) use
``transactional_tenant``: a throwaway tenant created for the test and dropped after it, so
that the flush pytest-django does after a transactional test never touches the shared tenants.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from vaxkit.testing.tenants import (
    SessionTenants,
    drop_stale_test_databases,
    provision_test_tenant,
    remove_tenant,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        "vaxkit_profiles",
        "Profile files provisioned as tenants once per test session (first = `tenant`).",
        type="paths",
        default=[],
    )


@pytest.fixture(scope="session")
def vaxkit_tenant_profiles(pytestconfig: pytest.Config) -> list[Path]:
    """Profiles to provision for the session; override in a conftest to choose others."""
    paths = [Path(p) for p in pytestconfig.getini("vaxkit_profiles")]
    if not paths:
        pytest.fail(
            "No tenant profiles configured: set the `vaxkit_profiles` ini option or override "
            "the `vaxkit_tenant_profiles` fixture.",
            pytrace=False,
        )
    return paths


@pytest.fixture(scope="session")
def vaxkit_tenants(
    django_db_setup: None, django_db_blocker: Any, vaxkit_tenant_profiles: list[Path]
) -> SessionTenants:
    """Every configured profile provisioned once, as ``{code: Tenant}`` in profile order."""
    with django_db_blocker.unblock():
        drop_stale_test_databases()
        tenants = SessionTenants()
        for path in vaxkit_tenant_profiles:
            tenant = provision_test_tenant(path)
            tenants[tenant.code] = tenant
    return tenants


@pytest.fixture
def tenant(db: None, vaxkit_tenants: SessionTenants) -> Iterator[Any]:
    """The first session tenant, active on the test's connection."""
    yield from _activate(vaxkit_tenants.first())


@pytest.fixture
def other_tenant(db: None, vaxkit_tenants: SessionTenants) -> Any:
    """The second session tenant (not activated: enter it with ``tenant_context``)."""
    return vaxkit_tenants.second()


def _activate(tenant: Any) -> Iterator[Any]:
    from django.db import connection

    connection.set_tenant(tenant)
    try:
        yield tenant
    finally:
        connection.set_schema_to_public()


@pytest.fixture
def tenant_client(tenant: Any) -> Any:
    """A Django test client whose requests reach ``tenant``'s primary domain."""
    return tenant_client_for(tenant)


@pytest.fixture
def other_tenant_client(other_tenant: Any) -> Any:
    """A Django test client for the second session tenant."""
    return tenant_client_for(other_tenant)


def tenant_client_for(tenant: Any) -> Any:
    """A test client sending the tenant's primary domain as its Host header."""
    from django.test import Client

    return Client(HTTP_HOST=tenant.get_primary_domain().domain)


_THROWAWAY = pytest.StashKey[Any]()


@pytest.fixture
def transactional_tenant(
    transactional_db: None,
    vaxkit_tenant_profiles: list[Path],
    request: pytest.FixtureRequest,
) -> Iterator[Any]:
    """A fresh tenant for a test that commits (e.g. many connections booking at once).

    It is provisioned from the first session profile under a code of its own and dropped
    once every fixture of the test is torn down. The connection points at it until then, so the
    flush pytest-django does after a transactional test empties only this tenant's tables,
    whatever order the fixtures are torn down in (``live_server`` sets up its database first).
    """
    from django.db import connection

    suffix = re.sub(r"[^a-z0-9]", "", request.node.name.lower())[-12:] or "t"
    tenant = provision_test_tenant(vaxkit_tenant_profiles[0], code_suffix=suffix)
    request.node.stash[_THROWAWAY] = tenant
    connection.set_tenant(tenant)
    yield tenant
    connection.set_tenant(tenant)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    yield
    tenant = item.stash.get(_THROWAWAY, None)
    if tenant is not None:
        from django.db import Error as DatabaseError
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            try:
                remove_tenant(tenant)
            except DatabaseError:
                # After the session's last test the session fixtures are torn down first and
                # the test database, with every schema in it, is already gone.
                if nextitem is not None:
                    raise
