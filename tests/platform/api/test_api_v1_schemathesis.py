"""The own API's whole OpenAPI contract, exercised by Schemathesis against a live server:
no 5xx, and every answer conforms (status code, content type, body schema).

The tenant is a copy of the test profile with the public per-address limit raised, so that
generated calls reach the endpoints instead of the rate limiter. Each operation runs a bounded
number of examples (``MAX_EXAMPLES``), so the whole contract runs in seconds. The generated
OpenAPI has no links, so the run is per operation (not stateful).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

schemathesis = pytest.importorskip("schemathesis")

from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

MAX_EXAMPLES = 12
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def roomy_tenant(transactional_db, vaxkit_tenant_profiles, tmp_path, request):
    """A throwaway tenant whose API limits do not stop a contract run."""
    from django.db import connection

    from vaxkit.testing import plugin
    from vaxkit.testing.tenants import provision_test_tenant

    data = yaml.safe_load(Path(vaxkit_tenant_profiles[0]).read_text())
    data["api_limits"] = {"public_requests": 100_000, "public_window_seconds": 60}
    data["registration"]["otp"].update(max_per_ip_per_hour=100_000, max_per_number_per_day=1000)
    path = tmp_path / "roomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    tenant = provision_test_tenant(path, code_suffix="st")
    request.node.stash[plugin._THROWAWAY] = tenant  # dropped after teardown, as plugin does
    connection.set_tenant(tenant)
    yield tenant
    connection.set_tenant(tenant)


def test_own_api_contract(roomy_tenant, live_server):
    import requests

    from vaxkit.platform.api.credentials import issue_partner_client
    from vaxkit.platform.registration.signin import start_session
    from vaxkit.testing.factories import (
        ACTOR,
        make_beneficiary,
        make_citizen,
        make_session,
        make_staff,
    )

    port = live_server.url.rsplit(":", 1)[1]
    base = f"http://127.0.0.1:{port}/api/v1"
    host = {"Host": f"{roomy_tenant.code}.localhost:{port}"}
    make_session()
    citizen = make_citizen()
    make_beneficiary(citizen)
    citizen_token = start_session(citizen.account).token
    staff = make_staff("facility_admin")
    staff_token = requests.post(
        f"{base}/auth/staff",
        json={"username": staff.user.username, "password": "test-password-1"},
        headers=host,
        timeout=10,
    ).json()["token"]
    client, secret = issue_partner_client(actor=ACTOR, name="contract", scopes=["reports:read"])
    partner_token = requests.post(
        f"{base}/auth/partner",
        json={"client_id": client.client_id, "client_secret": secret},
        headers=host,
        timeout=10,
    ).json()["access_token"]

    spec = requests.get(f"{base}/openapi.json", headers=host, timeout=10).json()
    schema = schemathesis.openapi.from_dict(spec)
    session = requests.Session()
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) >= 15

    def token_for(path: str) -> str:
        if path.startswith("/api/v1/me"):
            return citizen_token
        if path.startswith("/api/v1/staff"):
            return staff_token
        if path.startswith("/api/v1/reports"):
            return partner_token
        return ""

    def contract_of(operation, token):
        @settings(
            max_examples=MAX_EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def run(case):
            headers = dict(host)
            if token:
                headers["Authorization"] = f"Bearer {token}"
            case.call_and_validate(
                base_url=f"http://127.0.0.1:{port}", session=session, headers=headers, checks=CHECKS
            )

        return run

    try:
        for operation in operations:
            contract_of(operation, token_for(operation.path))()
    finally:
        session.close()  # a kept-alive connection would hold a server thread's database session
