"""Web page tests: Django's test client against the session tenants (Testland ``xa``,
Otherland ``xb``), with data made through the platform's services."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from django.test import Client

from vaxkit.i18n.catalogs import compile_catalogs
from vaxkit.platform.sms import backends
from vaxkit.testing.factories import phone_number

_addresses = itertools.count(1)


def fresh_client(tenant: Any) -> Client:
    """A client for ``tenant`` from an address of its own (OTP limits count per address)."""
    n = next(_addresses)
    return Client(
        HTTP_HOST=tenant.get_primary_domain().domain,
        REMOTE_ADDR=f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}",
    )


def sent_otp(mobile: str) -> str:
    """The OTP last sent to ``mobile`` (memory SMS backend)."""
    bodies = [m.body for m in backends.outbox if m.to == mobile]
    assert bodies, f"no SMS to {mobile}"
    return re.search(r"\b(\d{6})\b", bodies[-1]).group(1)


def sign_in(client: Client, capture: Any, mobile: str | None = None) -> str:
    """Sign ``client`` in through the pages; returns the mobile number used."""
    mobile = mobile or phone_number()
    with capture(execute=True):
        response = client.post("/signin", {"mobile": mobile})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post("/signin/otp", {"otp": sent_otp(mobile)})
    assert response.status_code == 302 and response["Location"] == "/account"
    return mobile


@pytest.fixture(scope="session", autouse=True)
def _compiled_catalogs() -> None:
    """The .mo files are build products (not in git): make sure they match the .po files."""
    compile_catalogs()


@pytest.fixture(autouse=True)
def _empty_outbox():
    backends.outbox.clear()
    yield
    backends.outbox.clear()


@pytest.fixture
def new_client() -> Any:
    """``new_client(tenant)``: a client from an address of its own."""
    return fresh_client


@pytest.fixture
def otp_for() -> Any:
    """``otp_for(mobile)``: the OTP last sent to the number."""
    return sent_otp


@pytest.fixture
def signed_in(django_capture_on_commit_callbacks: Any) -> Any:
    """``signed_in(client)``: sign the client in as a new citizen; returns the number."""
    return lambda client, mobile=None: sign_in(client, django_capture_on_commit_callbacks, mobile)


@pytest.fixture
def web(tenant: Any) -> Client:
    """A fresh client for the first session tenant."""
    return fresh_client(tenant)


@pytest.fixture
def citizen_web(tenant: Any, django_capture_on_commit_callbacks: Any) -> Client:
    """A client signed in as a new citizen."""
    client = fresh_client(tenant)
    client.mobile = sign_in(client, django_capture_on_commit_callbacks)  # type: ignore[attr-defined]
    return client
