"""W3C Verifiable Credentials (CoWIN/DIVOC shape): independent verification, DIVOC's sample."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from cert_helpers import CONFORMANCE, ISSUER_URL, NOW, make_trust
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld

from vaxkit.certificates import w3c_vc
from vaxkit.certificates.jose import b64url_decode
from vaxkit.certificates.jsonld_loader import document_loader
from vaxkit.certificates.revocation import RevocationList
from vaxkit.certificates.trust import load_trust, verification_method_id

DIVOC = CONFORMANCE / "divoc"


def offline_loader(url, options=None):
    return document_loader(url, options)


def independent_verify(credential: dict, public_key: ed25519.Ed25519PublicKey) -> None:
    """Ed25519Signature2018 as jsonld-signatures computes it, with pyld and cryptography."""
    document = {k: v for k, v in credential.items() if k != "proof"}
    proof = {k: v for k, v in credential["proof"].items() if k != "jws"}
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": offline_loader,
    }
    document_hash = hashlib.sha256(jsonld.normalize(document, options).encode()).digest()
    proof_hash = hashlib.sha256(
        jsonld.normalize({"@context": "https://w3id.org/security/v2", **proof}, options).encode()
    ).digest()
    header, empty, signature = credential["proof"]["jws"].split(".")
    assert empty == ""
    assert json.loads(b64url_decode(header)) == {"alg": "EdDSA", "b64": False, "crit": ["b64"]}
    public_key.verify(b64url_decode(signature), header.encode() + b"." + proof_hash + document_hash)


def test_round_trip_and_independent_verification(ring, trust, make_record) -> None:
    key = ring.active("vc")
    record = make_record()
    text = w3c_vc.encode(record, key.signer(), ISSUER_URL)
    credential = json.loads(text)
    assert credential["@context"][:2] == [
        "https://www.w3.org/2018/credentials/v1",
        "https://cowin.gov.in/credentials/vaccination/v1",
    ]
    assert credential["type"] == ["VerifiableCredential", "ProofOfVaccinationCredential"]
    assert credential["issuer"] == ISSUER_URL
    assert credential["proof"]["type"] == "Ed25519Signature2018"
    assert credential["proof"]["verificationMethod"] == verification_method_id(
        ISSUER_URL, key.key_id
    )
    evidence = credential["evidence"][0]
    assert evidence["certificateId"] == record.certificate_id
    assert (evidence["dose"], evidence["totalDoses"]) == (2, 2)
    assert "address" not in credential["credentialSubject"]  # no personal address on certificates
    independent_verify(credential, key.public_key)
    verdict = w3c_vc.verify(text, trust, NOW)
    assert verdict.valid, verdict.message
    assert verdict.content["date_of_birth"] == "1990-04-12"
    assert verdict.content["vaccinator"] == "Tran Thi B"


def test_every_term_is_defined_so_everything_is_signed(ring, make_record) -> None:
    credential = json.loads(w3c_vc.encode(make_record(), ring.active("vc").signer(), ISSUER_URL))
    assert w3c_vc.dropped_properties({k: v for k, v in credential.items() if k != "proof"}) == []


def test_qr_zip_holds_certificate_json(ring, trust, make_record) -> None:
    text = w3c_vc.encode(make_record(), ring.active("vc").signer(), ISSUER_URL)
    data = w3c_vc.qr_bytes(text)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["certificate.json"]
        assert archive.getinfo("certificate.json").compress_type == zipfile.ZIP_DEFLATED
        assert archive.read("certificate.json").decode() == text
    assert w3c_vc.qr_bytes(text) == data  # reproducible
    assert w3c_vc.verify(data, trust, NOW).valid
    # the same bytes after a trip through text, as scanners and CoWIN's encoder produced them
    assert w3c_vc.verify(data.decode("latin-1"), trust, NOW).valid
    assert w3c_vc.verify(data.decode("latin-1").encode("utf-8"), trust, NOW).valid


def test_divoc_sample_verifies_with_divoc_test_key() -> None:
    trust = load_trust(DIVOC / "keys" / "divoc-test-ed25519-public.json")
    sample = (DIVOC / "samples" / "divoc-ed25519signature2018-signed.json").read_text()
    verdict = w3c_vc.verify(sample, trust, dt.datetime(2022, 1, 1, tzinfo=dt.UTC))
    assert verdict.valid, verdict.message
    assert verdict.content["name"] == "Bhaya Mitra"
    tampered = json.loads(sample)
    tampered["evidence"][0]["batch"] = "MB3428BY"
    assert (
        w3c_vc.verify(json.dumps(tampered), trust, dt.datetime(2022, 1, 1, tzinfo=dt.UTC)).reason
        == "bad_signature"
    )


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda c: c["credentialSubject"].update(name="Someone Else"), "bad_signature"),
        (lambda c: c["credentialSubject"].update(passport="X123"), "schema_violation"),
        (lambda c: c["proof"].update(jws=c["proof"]["jws"].replace("..", ".e30.")), "bad_jws"),
        (
            lambda c: c.update({"@context": [*c["@context"][:2], "https://evil.example/ctx"]}),
            "bad_jsonld",
        ),
        (lambda c: c["proof"].update(proofPurpose="authentication"), "schema_violation"),
    ],
)
def test_tampering(ring, trust, make_record, change, reason: str) -> None:
    credential = json.loads(w3c_vc.encode(make_record(), ring.active("vc").signer(), ISSUER_URL))
    change(credential)
    assert w3c_vc.verify(json.dumps(credential), trust, NOW).reason == reason


def test_rejections(ring, other_ring, trust, make_record) -> None:
    record = make_record()
    text = w3c_vc.encode(record, ring.active("vc").signer(), ISSUER_URL)
    forged = w3c_vc.encode(record, other_ring.active("vc").signer(), ISSUER_URL)
    assert w3c_vc.verify(forged, trust, NOW).reason == "unknown_kid"
    assert w3c_vc.verify(text, trust, NOW + dt.timedelta(days=400)).reason == "expired"
    assert w3c_vc.verify(text, trust, NOW - dt.timedelta(days=2)).reason == "not_yet_valid"
    revocation = RevocationList()
    revocation.revoke_certificate(record.certificate_id)
    assert w3c_vc.verify(text, make_trust(ring, revocation=revocation), NOW).reason == "revoked"
    assert w3c_vc.verify(b"PK\x03\x04broken", trust, NOW).reason == "bad_zip"
    assert w3c_vc.verify("[1, 2]", trust, NOW).reason == "bad_json"
