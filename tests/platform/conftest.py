"""Platform tests: two fictional tenants provisioned once per session on real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def vaxkit_tenant_profiles() -> list[Path]:
    return [DATA / "xa-test.yaml", DATA / "xb-test.yaml"]
