"""The own API: OpenAPI and docs page, citizen flow, staff dose recording with an
Idempotency-Key, AEFI, partner client credentials, reports, scopes and tenant binding."""

from __future__ import annotations

import datetime as dt

from vaxkit.platform.api.credentials import issue_partner_client, revoke_partner_client
from vaxkit.platform.api.models import PartnerClient
from vaxkit.platform.registration.signin import start_session
from vaxkit.platform.sms.backends import outbox
from vaxkit.testing.factories import (
    ACTOR,
    beneficiary_input,
    make_beneficiary,
    make_citizen,
    make_session,
    make_staff,
    phone_number,
)

V1 = "/api/v1"


def test_openapi_and_docs_page(api, tenant):
    spec = api.get(f"{V1}/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/me/appointments" in spec["paths"]
    page = api.get(f"{V1}/docs")
    assert page.status_code == 200 and b"openapi.json" in page.content
    assert b"cdn" not in page.content.lower() and b"http" not in page.content.split(b"<script>")[1]


def test_reference_and_availability(api, world):
    ref = api.get_json(f"{V1}/reference", {"lang": "hi"}).json()
    assert {a["code"] for a in ref["areas"]} >= {"XA-NO", "XA-NO-01"}
    assert ref["id_documents"][0]["name"] == "राष्ट्रीय पहचान"
    found = api.get_json(
        f"{V1}/availability", {"date": world["today"].isoformat(), "days": 7, "area": "XA-NO"}
    ).json()
    assert {s["facility_name"] for s in found["sessions"]} == {"Hill", "Ridge"}
    page = api.get_json(
        f"{V1}/availability",
        {"date": world["today"].isoformat(), "days": 7, "area": "XA-NO", "limit": 1},
    ).json()
    assert len(page["sessions"]) == 1 and page["next_offset"] == 1
    too_big = api.get_json(
        f"{V1}/availability",
        {"date": world["today"].isoformat(), "area": "XA-NO", "limit": 5000},
    )
    assert too_big.status_code == 400
    assert too_big.json()["error"]["code"] == "request.page_size"


def test_validation_errors_are_400_with_codes(api, tenant):
    bad = api.get_json(f"{V1}/availability", {"date": "yesterday"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "request.invalid"
    nul = api.post_json(f"{V1}/auth/otp", {"mobile": "98\x0076"})
    assert nul.status_code == 400
    assert api.post(f"{V1}/auth/otp", data="[", content_type="application/json").status_code == 400
    assert api.get(f"{V1}/me/beneficiaries").status_code == 401


def test_citizen_flow(api, world, django_capture_on_commit_callbacks):
    number = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        sent = api.post_json(f"{V1}/auth/otp", {"mobile": number}).json()
    code = next(w for w in outbox[-1].body.split() if w.isdigit() and len(w) == 6)
    token = api.post_json(f"{V1}/auth/otp/confirm", {"txn_id": sent["txn_id"], "otp": code})
    assert token.status_code == 200, token.content
    api.token = token.json()["token"]
    data = beneficiary_input()
    created = api.post_json(
        f"{V1}/me/beneficiaries",
        {
            "name_parts": data.name_parts,
            "gender": data.gender,
            "id_type": data.id_type,
            "id_number": data.id_number,
            "consent_version": data.consent_version,
            "birth_year": 1980,
        },
    )
    assert created.status_code == 201, created.content
    ref = created.json()["reference_id"]
    status = api.get_json(f"{V1}/me/beneficiaries/{ref}").json()
    assert status["eligible"] is True and status["doses"] == []
    booked = api.post_json(
        f"{V1}/me/appointments",
        {"beneficiary": ref, "session_id": str(world["hill_1"].session_id)},
    )
    assert booked.status_code == 201, booked.content
    slip = booked.json()
    assert api.get_json(f"{V1}/me/appointments/{slip['appointment_id']}").json() == slip
    moved = api.post_json(
        f"{V1}/me/appointments/{slip['appointment_id']}/reschedule",
        {"session_id": str(world["hill_3"].session_id)},
    )
    assert moved.status_code == 200 and moved.json()["date"] == str(world["hill_3"].date)
    cancelled = api.post_json(f"{V1}/me/appointments/{slip['appointment_id']}/cancel", {})
    assert cancelled.json()["status"] == "cancelled"
    missing = api.get_json(f"{V1}/me/beneficiaries/{ref}/certificate")
    assert missing.json()["error"]["code"] == "certificate.not_available"


def test_objects_of_other_accounts_are_not_found(api, world):
    owner = make_citizen()
    person = make_beneficiary(owner)
    api.token = start_session(make_citizen().account).token
    assert api.get_json(f"{V1}/me/beneficiaries/{person.reference_id}").status_code == 404
    booked = api.post_json(
        f"{V1}/me/appointments",
        {"beneficiary": person.reference_id, "session_id": str(world["hill_1"].session_id)},
    )
    assert booked.status_code == 404
    assert (
        api.delete(
            f"{V1}/me/beneficiaries/{person.reference_id}", HTTP_AUTHORIZATION=f"Bearer {api.token}"
        ).status_code
        == 404
    )


def _staff_token(api, staff):
    answer = api.post_json(
        f"{V1}/auth/staff", {"username": staff.user.username, "password": "test-password-1"}
    )
    assert answer.status_code == 200, answer.content
    return answer.json()


def test_staff_records_a_dose_idempotently_and_reports_aefi(api, tenant):
    from vaxkit.platform.scheduling.booking import book_appointment
    from vaxkit.platform.tenants.current import local_today

    vaccinator = make_staff("vaccinator")
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session(vaccinator.facility, date=local_today(), slots=())
    appointment = book_appointment(
        actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
    )
    issued = _staff_token(api, vaccinator)
    assert "doses:write" in issued["scopes"]
    api.token = issued["token"]
    checked = api.post_json(
        f"{V1}/staff/verify",
        {"reference_id": person.reference_id, "security_code": appointment.security_code},
    )
    assert checked.status_code == 200 and checked.json()["id_masked"] == person.id_masked
    body = {
        "reference_id": person.reference_id,
        "vaccine": session.vaccine.code,
        "dose_number": 1,
        "lot": "LOT-9",
        "appointment_id": str(appointment.appointment_id),
    }
    first = api.post_json(f"{V1}/staff/doses", body, HTTP_IDEMPOTENCY_KEY="device-1-0001")
    again = api.post_json(f"{V1}/staff/doses", body, HTTP_IDEMPOTENCY_KEY="device-1-0001")
    assert first.status_code == again.status_code == 201, first.content
    assert first.json()["dose_id"] == again.json()["dose_id"]
    no_key = api.post_json(f"{V1}/staff/doses", body)
    assert no_key.status_code == 400
    event = api.post_json(
        f"{V1}/staff/adverse-events",
        {
            "dose_id": first.json()["dose_id"],
            "onset_date": local_today().isoformat(),
            "severity": "mild",
            "symptoms": ["fever"],
            "outcome": "recovered",
        },
    )
    assert event.status_code == 201, event.content
    # a vaccinator's token has no report scope
    assert api.get_json(f"{V1}/reports/doses").status_code == 403


def test_wrong_staff_password_and_citizen_token_on_staff_routes(api, tenant):
    staff = make_staff("vaccinator")
    wrong = api.post_json(f"{V1}/auth/staff", {"username": staff.user.username, "password": "x"})
    assert wrong.status_code == 403 and wrong.json()["error"]["code"] == "auth.failed"
    api.token = start_session(make_citizen().account).token
    assert (
        api.post_json(f"{V1}/staff/verify", {"reference_id": "1", "security_code": "1"}).status_code
        == 401
    )


def test_partner_client_credentials_and_reports(api, other_api, tenant):
    client, secret = issue_partner_client(actor=ACTOR, name="Stats office", scopes=["reports:read"])
    stored = PartnerClient.objects.get(client_id=client.client_id)
    assert secret not in stored.secret_hash and len(stored.secret_hash) == 64
    bad = api.post_json(f"{V1}/auth/partner", {"client_id": client.client_id, "client_secret": "x"})
    assert bad.status_code == 403
    issued = api.post_json(
        f"{V1}/auth/partner", {"client_id": client.client_id, "client_secret": secret}
    ).json()
    assert issued["scopes"] == ["reports:read"]
    api.token = issued["access_token"]
    report = api.get_json(f"{V1}/reports/doses", {"days": 7})
    assert report.status_code == 200 and report.json() == {"rows": []}
    # the token means nothing on another tenant, nor on citizen routes
    other_api.token = api.token
    assert other_api.get_json(f"{V1}/reports/doses").status_code == 401
    assert api.get_json(f"{V1}/me/beneficiaries").status_code == 401
    revoke_partner_client(client.client_id, actor=ACTOR)
    assert api.get_json(f"{V1}/reports/doses").status_code == 401


def test_unknown_partner_scope_is_refused(tenant):
    import pytest

    from vaxkit.platform.errors import ServiceError

    with pytest.raises(ServiceError) as caught:
        issue_partner_client(actor=ACTOR, name="x", scopes=["everything"])
    assert caught.value.code == "partner.scope"


def test_dates_are_iso(api, world):
    found = api.get_json(
        f"{V1}/availability",
        {"date": world["today"].isoformat(), "postal_code": "600001", "days": 2},
    ).json()
    assert dt.date.fromisoformat(found["sessions"][0]["date"])


def test_staff_token_of_one_tenant_is_refused_on_another(api, other_api, tenant):
    staff = make_staff("facility_admin")
    other_api.token = _staff_token(api, staff)["token"]
    assert other_api.get_json(f"{V1}/reports/doses").status_code == 401


def test_large_bodies_are_refused(api, tenant):
    response = api.post(
        f"{V1}/auth/otp", data='{"mobile": "' + "9" * 20_000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "request.too_large"


def test_certificate_verification_answers_a_verdict(api, tenant):
    response = api.post_json(f"{V1}/certificates/verify", {"payload": "HC1:NOT-A-CERTIFICATE"})
    assert response.status_code == 200, response.content
    verdict = response.json()
    assert verdict["valid"] is False and verdict["reason"]
