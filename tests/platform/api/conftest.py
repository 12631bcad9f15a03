"""Fixtures for the API tests: a client with an address of its own per test (abuse counters
live in Redis and outlast the rolled-back rows), a fresh availability-cache key space, and a
small world of centres and sessions."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from vaxkit.platform.api import caching
from vaxkit.platform.tenants.current import local_today
from vaxkit.testing.factories import make_facility, make_session

COWIN_DATA = Path(__file__).resolve().parents[2] / "data" / "cowin-api"
_addresses = itertools.count(1)


def next_ip() -> str:
    """A documentation-range address not used by another test of this run."""
    n = next(_addresses) + (os.getpid() % 200) * 1000
    return f"198.18.{(n // 250) % 250}.{n % 250 + 1}"


@pytest.fixture(autouse=True)
def _fresh_cache_space(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(caching, "KEY_SPACE", f"avail-{os.getpid()}-{next(_addresses)}")


class ApiClient(Client):
    """A test client for a tenant's host, from one address, with JSON helpers."""

    def __init__(self, host: str, ip: str) -> None:
        super().__init__(HTTP_HOST=host, REMOTE_ADDR=ip)
        self.token = ""

    def _auth(self, extra: dict[str, Any]) -> dict[str, Any]:
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        return extra

    def get_json(self, path: str, params: dict[str, Any] | None = None, **extra: Any) -> Any:
        return self.get(path, params or {}, **self._auth(extra))

    def post_json(self, path: str, body: Any, **extra: Any) -> Any:
        return self.post(
            path, data=json.dumps(body), content_type="application/json", **self._auth(extra)
        )


@pytest.fixture
def api(tenant: Any) -> ApiClient:
    return ApiClient(tenant.get_primary_domain().domain, next_ip())


@pytest.fixture
def other_api(other_tenant: Any) -> ApiClient:
    return ApiClient(other_tenant.get_primary_domain().domain, next_ip())


@pytest.fixture(scope="session")
def cowin_spec() -> dict[str, Any]:
    return yaml.safe_load((COWIN_DATA / "cowin-public-v2.yaml").read_text())


@pytest.fixture
def world(tenant: Any) -> dict[str, Any]:
    """Two centres in one district and one elsewhere, with sessions over the next days."""
    today = local_today()
    hill = make_facility(
        area_code="XA-NO-01", postal_code="560001", latitude=12.98, longitude=77.60, name="Hill"
    )
    hill2 = make_facility(
        area_code="XA-NO-01", postal_code="560002", latitude=12.99, longitude=77.61, name="Ridge"
    )
    river = make_facility(
        area_code="XA-SO-01", postal_code="600001", latitude=13.08, longitude=80.27, name="River"
    )
    sessions = {
        "hill_1": make_session(hill, date=today + dt.timedelta(days=1), capacity={1: 5, 2: 3}),
        "hill_3": make_session(hill, date=today + dt.timedelta(days=3), capacity=10),
        "hill2_1": make_session(
            hill2, date=today + dt.timedelta(days=1), capacity=4, slots=(), vaccine="onedose"
        ),
        "river_1": make_session(river, date=today + dt.timedelta(days=1), capacity=7),
    }
    return {"hill": hill, "hill2": hill2, "river": river, "today": today, **sessions}


def cowin_day(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")
