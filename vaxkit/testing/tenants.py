"""Creating and removing tenants for tests, and tidying test databases of finished runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from vaxkit.platform.actors import System

TEST_ACTOR = System("tests")


class SessionTenants(dict):
    """``{code: Tenant}`` in provisioning order."""

    def first(self) -> Any:
        return next(iter(self.values()))

    def second(self) -> Any:
        values = list(self.values())
        if len(values) < 2:
            raise LookupError("this test needs two tenant profiles in `vaxkit_tenant_profiles`")
        return values[1]


def provision_test_tenant(profile: str | Path, *, code_suffix: str = "") -> Any:
    """Provision ``profile`` as a tenant reachable at ``<code>.localhost``.

    With ``code_suffix`` the tenant gets the code ``<profile code>-<suffix>``, so a second copy
    of a session tenant can exist next to it.
    """
    from vaxkit.platform.tenants.profiles import read_profile_file
    from vaxkit.platform.tenants.provisioning import provision_tenant

    base = read_profile_file(profile)[0].code
    code = f"{base}-{code_suffix}"[:16].rstrip("-") if code_suffix else base
    result = provision_tenant(profile, [f"{code}.localhost"], actor=TEST_ACTOR, code=code)
    return result.tenant


def remove_tenant(tenant: Any) -> None:
    """Drop a test tenant and its schema."""
    from django.db import connection

    from vaxkit.platform.tenants.provisioning import drop_tenant

    connection.set_schema_to_public()
    drop_tenant(tenant.code, actor=TEST_ACTOR)


_TEST_DB = re.compile(r"^test_vaxkit_(\d+)(_[a-z0-9_]+)?$")


def drop_stale_test_databases() -> list[str]:
    """Drop ``test_vaxkit_<pid>[_<what>]`` databases whose test run has ended (local servers
    only).

    Test runs name their database after their process id so that runs sharing a server do not
    collide; a run that was killed leaves its database behind, which this removes.
    """
    import psutil
    from django.db import connection

    host = connection.settings_dict.get("HOST") or ""
    if host not in ("", "localhost", "127.0.0.1", "::1") and not host.startswith("/"):
        return []
    dropped: list[str] = []
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'test_vaxkit_%%'")
        for (name,) in cursor.fetchall():
            match = _TEST_DB.match(name)
            if match and not psutil.pid_exists(int(match.group(1))):
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                dropped.append(name)
    return dropped
