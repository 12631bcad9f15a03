"""Published trust material (each shape loads as what it claims to be), tenant isolation, and the
verification API (verdicts, and 400/413 with stable codes for bad requests, never a 500)."""

from __future__ import annotations

import base64
import json

import pytest
from django_tenants.utils import tenant_context
from platform_cert_helpers import fetch_trust, record_first_dose

from vaxkit.certificates import load_trust, verify
from vaxkit.certificates.keys import load_certificate
from vaxkit.platform.certificates.keystore import keyring
from vaxkit.platform.certificates.models import Certificate


@pytest.fixture
def issued(all_formats, django_capture_on_commit_callbacks):
    _, _, dose = record_first_dose(django_capture_on_commit_callbacks)
    return Certificate.objects.get(dose=dose)


def test_each_published_shape_verifies_its_format(issued, tenant_client):
    jwks = tenant_client.get("/.well-known/jwks.json")
    assert jwks.status_code == 200 and jwks["Access-Control-Allow-Origin"] == "*"
    assert verify(issued.payloads["shc"], jwks.json()).valid
    assert [k["kid"] for k in jwks.json()["keys"]] == [issued.key_ids["shc"]]

    dsc = tenant_client.get("/certificates/trust/dsc.json").json()
    assert dsc[0]["certificateType"] == "DSC" and dsc[0]["country"] == "XA"
    assert verify(issued.payloads["eu_dcc"], dsc).valid

    did = tenant_client.get("/.well-known/did.json")
    assert did["Content-Type"] == "application/did+json"
    assert did.json()["id"] == "did:web:vaccination.testland.example"
    assert verify(issued.payloads["w3c_vc"], did.json()).valid

    pem = tenant_client.get("/certificates/trust/vds-signers.pem").content
    assert pem.startswith(b"-----BEGIN CERTIFICATE-----")
    assert load_certificate(pem).subject.rfc4514_string().startswith("CN=XA DSC")
    assert verify(issued.payloads["icao_vds"], pem).valid

    revocation = tenant_client.get("/certificates/trust/revocation.json").json()
    assert revocation == {"hashType": "UCI", "hashes": [], "kids": []}


def test_trust_file_is_what_the_cli_verifier_reads(issued, tenant_client, tmp_path):
    from click.testing import CliRunner

    from vaxkit.cli import cli

    path = tmp_path / "xa-trust.json"
    path.write_bytes(tenant_client.get("/trust.json").content)
    assert tenant_client.get("/certificates/trust.json").json()["format"] == "vaxkit-trust"
    result = CliRunner().invoke(
        cli, ["cert", "verify", "--trust", str(path), "--json", issued.payloads["eu_dcc"]]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["valid"] is True


def test_keys_and_certificates_never_cross_tenants(
    issued, tenant_client, other_all_formats, other_tenant_client
):
    mine = fetch_trust(tenant_client)
    theirs = fetch_trust(other_tenant_client)
    my_ids = {issued.key_ids["eu_dcc"], issued.key_ids["w3c_vc"]}
    assert my_ids.isdisjoint(json.dumps(theirs) and {k["kid"] for k in theirs["jwks"]["keys"]})
    assert not {d["rawData"] for d in mine["dsc"]} & {d["rawData"] for d in theirs["dsc"]}
    assert theirs["country"] == "XB" and mine["country"] == "XA"
    for fmt, payload in issued.payloads.items():
        verdict = verify(payload, theirs)
        assert not verdict.valid, fmt
    with tenant_context(other_all_formats):
        assert keyring().active("dsc").key_id != issued.key_ids["eu_dcc"]
        assert not Certificate.objects.filter(pk=issued.pk).exists()
    # the other tenant's verification API does not vouch for this tenant's certificates
    answer = other_tenant_client.post(
        "/certificates/verify", {"payload": issued.payloads["eu_dcc"]}, "application/json"
    )
    assert answer.status_code == 200 and answer.json()["valid"] is False


def test_verification_api_answers_with_the_verdict(issued, tenant_client):
    for fmt, payload in issued.payloads.items():
        answer = tenant_client.post(
            "/certificates/verify", {"payload": payload}, "application/json"
        )
        assert answer.status_code == 200
        body = answer.json()
        assert body["valid"] is True and body["format"] == fmt, body
        # a SMART Health Card carries no certificate id (only a hashed revocation id)
        assert body["content"].get("certificate_id", issued.certificate_id) == (
            issued.certificate_id
        )
        assert body["content"]["date_of_birth"] == "1984-05-17"
    tampered = issued.payloads["icao_vds"].replace('"seq":1', '"seq":2')
    body = tenant_client.post(
        "/certificates/verify", {"payload": tampered}, "application/json"
    ).json()
    assert body["valid"] is False and body["reason"] == "bad_signature"
    zipped = base64.b64encode(
        __import__("vaxkit.certificates.w3c_vc", fromlist=["qr_bytes"]).qr_bytes(
            issued.payloads["w3c_vc"]
        )
    ).decode()
    body = tenant_client.post(
        "/certificates/verify", {"payload_base64": zipped}, "application/json"
    ).json()
    assert body["valid"] is True and body["format"] == "w3c_vc"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"not json", 400, "verify.bad_json"),
        (b"[1, 2]", 400, "verify.bad_request"),
        (b"{}", 400, "verify.missing_payload"),
        (b'{"payload": 42}', 400, "verify.bad_payload"),
        (b'{"payload": ""}', 400, "verify.empty_payload"),
        (b'{"payload_base64": "***"}', 400, "verify.bad_payload"),
        (b"\xff\xfe", 400, "verify.bad_json"),
        (json.dumps({"payload": "HC1:" + "A" * 20_000}).encode(), 413, "verify.payload_too_large"),
        (b"{" + b" " * 70_000 + b"}", 413, "verify.body_too_large"),
    ],
)
def test_verification_api_rejects_bad_requests_with_codes(
    tenant, tenant_client, body, status, code
):
    answer = tenant_client.post("/certificates/verify", body, "application/json")
    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code


@pytest.mark.parametrize(
    "payload", ["HC1:%%%", "shc:/12", '{"data": 1}', "garbage", "HC1:" + "0" * 50]
)
def test_malformed_payloads_are_invalid_verdicts_not_errors(tenant, tenant_client, payload):
    answer = tenant_client.post("/certificates/verify", {"payload": payload}, "application/json")
    assert answer.status_code == 200
    body = answer.json()
    assert body["valid"] is False and body["reason"]


def test_verification_api_is_post_only(tenant, tenant_client):
    assert tenant_client.get("/certificates/verify").status_code == 405
    assert tenant_client.options("/certificates/verify").status_code == 204


def test_trust_loads_with_the_library(issued, tenant_client):
    store = load_trust(fetch_trust(tenant_client))
    assert len(store.keys) >= 2
