"""The JSON booking endpoint: token authentication, slip, errors as codes, query budget."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from vaxkit.platform.registration.signin import start_session
from vaxkit.testing.factories import make_beneficiary, make_citizen, make_session

URL = "/booking/v1/appointments"


def _post(client, body, token=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.post(URL, data=json.dumps(body), content_type="application/json", **headers)


def test_book_over_http(tenant, tenant_client):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session(capacity=1)
    token = start_session(citizen.account).token
    response = _post(
        tenant_client,
        {"beneficiary": person.reference_id, "session_id": str(session.session_id)},
        token,
    )
    assert response.status_code == 201, response.content
    slip = response.json()
    assert slip["reference_id"] == person.reference_id
    assert slip["id_masked"] == person.id_masked and len(slip["security_code"]) == 4
    again = _post(
        tenant_client,
        {"beneficiary": person.reference_id, "session_id": str(session.session_id)},
        token,
    )
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "booking.full"


def test_errors_are_codes(tenant, tenant_client):
    citizen = make_citizen()
    token = start_session(citizen.account).token
    assert _post(tenant_client, {}, None).status_code == 401
    assert (
        _post(tenant_client, {}, "not-a-token").json()["error"]["code"] == "auth.sign_in_required"
    )
    bad = tenant_client.post(
        URL, data="{oops", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert (bad.status_code, bad.json()["error"]["code"]) == (400, "request.json")
    missing = _post(tenant_client, {"beneficiary": "1", "session_id": "x"}, token)
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "beneficiary.not_found")
    assert tenant_client.get(URL).status_code == 405


def test_a_token_works_only_on_its_own_tenant(tenant, other_tenant_client):
    citizen = make_citizen()
    token = start_session(citizen.account).token
    response = _post(other_tenant_client, {"beneficiary": "1", "session_id": "x"}, token)
    assert response.status_code == 401


def test_http_booking_query_budget(tenant, tenant_client):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session()
    token = start_session(citizen.account).token
    _post(tenant_client, {"beneficiary": "0", "session_id": "x"}, token)  # warm the host cache
    with CaptureQueriesContext(connection) as queries:
        response = _post(
            tenant_client,
            {"beneficiary": person.reference_id, "session_id": str(session.session_id)},
            token,
        )
    assert response.status_code == 201
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in (q["sql"] or "")]
    # search_path, token, beneficiary, session, history, UPDATE, INSERT x2
    assert len(statements) <= 8, statements
