"""SMART Health Cards: independent decoding, the spec's published examples, rejections."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zlib

import pytest
from cert_helpers import CONFORMANCE, ISSUER_URL, NOW, make_trust
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from vaxkit.certificates import shc
from vaxkit.certificates.jose import b64url_decode, jwk_thumbprint
from vaxkit.certificates.revocation import RevocationList
from vaxkit.certificates.trust import TrustStore, load_trust

EXAMPLES = CONFORMANCE / "smart-health-cards" / "examples"


def independent_decode(qr_text: str, public_key) -> tuple[dict, dict]:
    """shc:/ digits -> JWS -> (header, payload), checked with bare cryptography."""
    digits = qr_text.removeprefix("shc:/")
    jws = "".join(chr(int(digits[i : i + 2]) + 45) for i in range(0, len(digits), 2))
    header_b64, payload_b64, signature_b64 = jws.split(".")
    signature = b64url_decode(signature_b64)
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    public_key.verify(der, f"{header_b64}.{payload_b64}".encode(), ec.ECDSA(hashes.SHA256()))
    header = json.loads(b64url_decode(header_b64))
    payload = json.loads(zlib.decompress(b64url_decode(payload_b64), wbits=-15))
    return header, payload


def test_round_trip_through_an_independent_decoder(ring, trust, make_record) -> None:
    key = ring.active("dsc")
    record = make_record()
    qr = shc.encode(record, key.signer(), ISSUER_URL)
    assert "\n" not in qr
    header, payload = independent_decode(qr, key.public_key)
    assert header == {"zip": "DEF", "alg": "ES256", "kid": jwk_thumbprint(key.public_key)}
    assert payload["iss"] == ISSUER_URL
    assert payload["nbf"] == int(record.issued_at.timestamp())
    assert payload["vc"]["type"] == [
        "https://smarthealth.cards#health-card",
        "https://smarthealth.cards#immunization",
    ]
    bundle = payload["vc"]["credentialSubject"]["fhirBundle"]
    assert payload["vc"]["credentialSubject"]["fhirVersion"] == "4.0.1"
    assert [e["fullUrl"] for e in bundle["entry"]] == ["resource:0", "resource:1"]
    patient, immunization = (e["resource"] for e in bundle["entry"])
    assert patient == {
        "resourceType": "Patient",
        "name": [{"family": "Nguyễn", "given": ["Văn", "An"]}],
        "birthDate": "1990-04-12",
    }
    assert immunization["vaccineCode"] == {
        "coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "208"}]
    }
    assert immunization["patient"] == {"reference": "resource:0"}
    assert immunization["occurrenceDateTime"] == record.date.isoformat()
    assert immunization["lotNumber"] == "FF2587"
    verdict = shc.verify(qr, trust, NOW)
    assert verdict.valid, verdict.message
    assert verdict.content["name"] == "Văn An Nguyễn"


def test_payload_is_minified_json() -> None:
    jws = (EXAMPLES / "example-00-d-jws.txt").read_text().strip()
    payload = zlib.decompress(b64url_decode(jws.split(".")[1]), wbits=-15).decode()
    assert json.dumps(json.loads(payload), separators=(",", ":"), ensure_ascii=False) == payload


def test_long_cards_are_chunked_and_reassembled(ring, trust, make_record) -> None:
    record = make_record(
        facility="".join(hashlib.sha256(bytes([i])).hexdigest() for i in range(40))
    )
    qr = shc.encode(record, ring.active("dsc").signer(), ISSUER_URL)
    chunks = qr.split("\n")
    assert len(chunks) >= 2
    assert all(c.startswith(f"shc:/{i}/{len(chunks)}/") for i, c in enumerate(chunks, 1))
    assert all(len(c.split("/")[-1]) // 2 <= shc.MAX_SINGLE_QR for c in chunks)
    assert shc.verify(" ".join(reversed(chunks)), trust, NOW).valid
    assert shc.verify(chunks[0], trust, NOW).reason == "bad_qr"


@pytest.mark.parametrize("example", ["00", "01", "02", "03"])
def test_published_examples_verify(example: str) -> None:
    trust = load_trust(EXAMPLES / "issuer" / ".well-known" / "jwks.json")
    at = dt.datetime(2023, 7, 1, tzinfo=dt.UTC)
    qr = "\n".join(
        p.read_text().strip()
        for p in sorted(EXAMPLES.glob(f"example-{example}-f-qr-code-numeric-value-*.txt"))
    )
    for payload in (
        qr,
        (EXAMPLES / f"example-{example}-d-jws.txt").read_text(),
        (EXAMPLES / f"example-{example}-e-file.smart-health-card").read_text(),
    ):
        verdict = shc.verify(payload, trust, at)
        assert verdict.valid, verdict.message
        assert verdict.content["issuer"] == "https://spec.smarthealth.cards/examples/issuer"


def test_example_issuer_crl_revokes_its_revoked_card() -> None:
    trust = load_trust(EXAMPLES / "issuer" / ".well-known" / "jwks.json")
    trust.merge(load_trust(next((EXAMPLES / "issuer" / ".well-known" / "crl").glob("*.json"))))
    at = dt.datetime(2023, 7, 1, tzinfo=dt.UTC)
    revoked = shc.verify((EXAMPLES / "example-03-d-jws.txt").read_text(), trust, at)
    assert revoked.reason == "revoked", revoked.content.get("rid")
    assert shc.verify((EXAMPLES / "example-00-d-jws.txt").read_text(), trust, at).valid


def test_rejections(ring, other_ring, trust, make_record) -> None:
    record = make_record()
    qr = shc.encode(record, ring.active("dsc").signer(), ISSUER_URL)
    assert (
        shc.verify(
            shc.encode(record, other_ring.active("dsc").signer(), ISSUER_URL), trust, NOW
        ).reason
        == "unknown_kid"
    )
    assert shc.verify(qr, trust, NOW + dt.timedelta(days=400)).reason == "expired"
    assert shc.verify(qr, trust, NOW - dt.timedelta(days=2)).reason == "not_yet_valid"
    other_issuer = shc.encode(record, ring.active("dsc").signer(), "https://elsewhere.example")
    assert shc.verify(other_issuer, trust, NOW).reason == "unknown_issuer"
    revocation = RevocationList()
    revocation.revoke_certificate(record.certificate_id)
    assert shc.verify(qr, make_trust(ring, revocation=revocation), NOW).reason == "revoked"
    jws = shc.jws_from_qr(qr)
    header, body, signature = jws.split(".")
    flipped = body[:10] + ("A" if body[10] != "A" else "B") + body[11:]
    assert shc.verify(f"{header}.{flipped}.{signature}", trust, NOW).reason == "bad_signature"
    assert shc.verify(
        "shc:/5676290952432060346029243740446031222959532654603460292540772804336028702864716745222809286133314564376531415906402203064504590856435503414245413640370636654171372412363803043756220467374075323239254334433260573601064529045",
        TrustStore(),
        NOW,
    ).reason in ("bad_jws", "bad_qr", "bad_compression", "bad_json")
    assert shc.verify("shc:/99", trust, NOW).reason == "bad_qr"
    assert shc.verify("shc:/123", trust, NOW).reason == "bad_qr"
