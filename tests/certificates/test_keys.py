"""Signing keys: generation, encrypted storage only, import, rotation, revocation."""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cert_helpers import ISSUER_URL, NOW
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from vaxkit.certificates import hcert, w3c_vc
from vaxkit.certificates.errors import SigningKeyError
from vaxkit.certificates.keyring import KeyRing
from vaxkit.certificates.keys import (
    EKU_VACCINATION,
    encrypt_private_key,
    generate_dsc,
    generate_ed25519,
    load_private_key,
)
from vaxkit.certificates.trust import load_trust, trust_document

PASSPHRASE = "correct horse battery staple"


def test_dsc_certificate() -> None:
    key = generate_dsc("VN", "Ministry of Health")
    certificate = key.certificate
    assert isinstance(key.private_key, ec.EllipticCurvePrivateKey)
    assert key.private_key.curve.name == "secp256r1"
    usages = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert [u.dotted_string for u in usages] == [EKU_VACCINATION]
    assert certificate.subject.get_attributes_for_oid(x509.NameOID.COUNTRY_NAME)[0].value == "VN"
    assert certificate.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    certificate.verify_directly_issued_by(certificate)  # self-signed
    with pytest.raises(SigningKeyError):
        generate_dsc("Viet Nam", "MoH")


def test_private_keys_are_written_encrypted_only() -> None:
    key = generate_ed25519().private_key
    pem = encrypt_private_key(key, PASSPHRASE)
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    envelope = base64.b64decode(b"".join(pem.splitlines()[1:-1]))
    assert b"\x02\x03\x09\x27\xc0" in envelope  # PBKDF2 iteration count 600 000
    loaded = load_private_key(pem, PASSPHRASE)
    assert isinstance(loaded, ed25519.Ed25519PrivateKey)
    assert loaded.public_key() == key.public_key()
    with pytest.raises(SigningKeyError) as info:
        load_private_key(pem, "wrong passphrase!")
    assert info.value.code == "bad_passphrase"
    with pytest.raises(SigningKeyError) as info:
        load_private_key(pem, None)
    assert info.value.code == "bad_passphrase"
    with pytest.raises(SigningKeyError) as info:
        encrypt_private_key(key, "short")
    assert info.value.code == "weak_passphrase"


def test_unencrypted_keys_are_imported_only_on_request() -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    plain = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(SigningKeyError) as info:
        load_private_key(plain, None)
    assert info.value.code == "unencrypted_key"
    assert load_private_key(plain, None, allow_unencrypted=True).public_key() == key.public_key()
    with pytest.raises(SigningKeyError) as info:
        load_private_key(b"not a key", None)
    assert info.value.code == "bad_key"


def test_keyring_round_trip_keeps_keys_encrypted() -> None:
    ring = KeyRing.generate("IN", "Ministry of Health and Family Welfare")
    text = ring.to_json(PASSPHRASE)
    assert "BEGIN PRIVATE KEY" not in text and text.count("BEGIN ENCRYPTED PRIVATE KEY") == 2
    loaded = KeyRing.from_json(text, PASSPHRASE)
    assert [e.key.key_id for e in loaded.entries] == [e.key.key_id for e in ring.entries]
    assert loaded.active("dsc").certificate == ring.active("dsc").certificate
    with pytest.raises(SigningKeyError) as info:
        KeyRing.from_json(text, "another passphrase")
    assert info.value.code == "bad_passphrase"
    with pytest.raises(SigningKeyError) as info:
        KeyRing.from_json(json.dumps({"format": "other"}), PASSPHRASE)
    assert info.value.code == "bad_keyring"


def test_rotation_keeps_old_certificates_valid_and_revocation_ends_them(make_record) -> None:
    ring = KeyRing.generate("VN", "Ministry of Health", now=NOW - dt.timedelta(days=30))
    record = make_record()
    old_dcc = hcert.encode(record, ring.active("dsc").signer())
    old_vc = w3c_vc.encode(record, ring.active("vc").signer(), ISSUER_URL)
    old_dsc_id, old_vc_id = ring.active("dsc").key_id, ring.active("vc").key_id
    ring.rotate("dsc")
    ring.rotate("vc")
    assert ring.active("dsc").key_id != old_dsc_id and ring.get(old_dsc_id).status == "retired"

    def trust():
        revocation = None
        if ring.revoked_key_ids:
            from vaxkit.certificates.revocation import RevocationList

            revocation = RevocationList(key_ids=set(ring.revoked_key_ids))
        return load_trust(
            trust_document(
                ring.published(),
                country="VN",
                issuer_name="MoH",
                issuer_url=ISSUER_URL,
                revocation=revocation,
            )
        )

    assert hcert.verify(old_dcc, trust(), NOW).valid
    assert w3c_vc.verify(old_vc, trust(), NOW).valid
    ring.revoke(old_dsc_id)
    ring.revoke(old_vc_id)
    assert old_dsc_id not in {k.key_id for k in ring.published()}
    assert hcert.verify(old_dcc, trust(), NOW).reason == "unknown_kid"
    assert w3c_vc.verify(old_vc, trust(), NOW).reason == "unknown_kid"
    with pytest.raises(SigningKeyError):
        ring.rotate("pdf")


def test_pdf_only_profiles_still_sign_a_payload_for_the_qr() -> None:
    from pathlib import Path

    from vaxkit.certificates.issue import signed_formats
    from vaxkit.profiles.loader import load_profile

    profiles = Path(__file__).resolve().parents[2] / "country_profiles"
    assert signed_formats(load_profile(profiles / "xx-demo.yaml")) == [
        "eu_dcc",
        "shc",
        "w3c_vc",
        "icao_vds",
    ]
    mexico = load_profile(profiles / "mx.yaml")
    assert [f.value for f in mexico.certificates.formats] == ["pdf"]
    has_eu_codes = all(v.codes.eu_mp and v.codes.eu_vp and v.codes.eu_ma for v in mexico.vaccines)
    assert signed_formats(mexico) == (["eu_dcc"] if has_eu_codes else ["w3c_vc"])
