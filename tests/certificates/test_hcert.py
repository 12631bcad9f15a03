"""EU DCC: encoding checked with an independent decoder, and every rejection reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import zlib

import base45 as reference_base45
import cbor2
import pytest
from cert_helpers import NOW, make_trust
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from vaxkit.certificates import hcert
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.keys import generate_dsc
from vaxkit.certificates.revocation import RevocationList
from vaxkit.certificates.signers import LocalSigner
from vaxkit.certificates.trust import load_trust


def independent_decode(payload: str, certificate) -> tuple[dict, dict, dict]:
    """HC1 -> (protected header, CWT claims, DCC), signature checked with bare cryptography."""
    assert payload.startswith("HC1:")
    cose = zlib.decompress(reference_base45.b45decode(payload[4:]))
    tag = cbor2.loads(cose)
    assert isinstance(tag, cbor2.CBORTag) and tag.tag == 18
    protected_bytes, _unprotected, body, signature = tag.value
    protected = cbor2.loads(protected_bytes)
    to_be_signed = cbor2.dumps(["Signature1", protected_bytes, b"", body])
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    certificate.public_key().verify(der, to_be_signed, ec.ECDSA(hashes.SHA256()))
    claims = cbor2.loads(body)
    return protected, claims, claims[-260][1]


def test_round_trip_through_an_independent_decoder(ring, trust, make_record) -> None:
    key = ring.active("dsc")
    record = make_record()
    payload = hcert.encode(record, key.signer())
    protected, claims, dcc = independent_decode(payload, key.certificate)
    der = key.certificate.public_bytes(serialization.Encoding.DER)
    assert protected == {1: -7, 4: hashlib.sha256(der).digest()[:8]}
    assert claims[1] == "VN"
    assert claims[6] == int(record.issued_at.timestamp())
    assert claims[4] == int(record.expires_at.timestamp())
    assert dcc == {
        "ver": "1.3.0",
        "nam": {"fn": "Nguyễn", "fnt": "NGUYEN", "gn": "Văn An", "gnt": "VAN<AN"},
        "dob": "1990-04-12",
        "v": [
            {
                "tg": "840539006",
                "vp": "1119349007",
                "mp": "EU/1/20/1528",
                "ma": "ORG-100030215",
                "dn": 2,
                "sd": 2,
                "dt": record.date.isoformat(),
                "co": "VN",
                "is": "Ministry of Health",
                "ci": record.certificate_id,
            }
        ],
    }
    verdict = hcert.verify(payload, trust, NOW)
    assert verdict.valid, verdict.message
    assert verdict.content["name"] == "Văn An Nguyễn"
    assert verdict.content["vaccine"] == "Comirnaty"
    assert verdict.content["dose_number"] == 2


def test_deflate_compression_is_standard_zlib(ring, trust, make_record) -> None:
    payload = hcert.encode(make_record(), ring.active("dsc").signer())
    compressed = reference_base45.b45decode(payload[4:])
    assert compressed[:2] == b"\x78\xda"
    cose = zlib.decompress(compressed)
    assert hcert.compress(cose, "deflate") == zlib.compress(cose, 9)
    assert hcert.verify(payload, trust, NOW).valid


def test_stored_blocks_are_still_standard_zlib(ring, trust, make_record) -> None:
    payload = hcert.encode(make_record(), ring.active("dsc").signer(), compression="stored")
    compressed = reference_base45.b45decode(payload[4:])
    assert compressed[:2] == b"\x78\x01"
    assert zlib.decompress(compressed)
    assert hcert.verify(payload, trust, NOW).valid


def test_expiry_is_capped_at_the_signer_certificate(ring, make_record) -> None:
    key = ring.active("dsc")
    record = make_record(expires_at=NOW + dt.timedelta(days=5000))
    _, claims, _ = independent_decode(hcert.encode(record, key.signer()), key.certificate)
    assert claims[4] == int(key.certificate.not_valid_after_utc.timestamp())


def test_ps256_signer(make_record) -> None:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    ec_key = generate_dsc("VN", "Ministry of Health", now=NOW - dt.timedelta(days=3))
    # re-sign a DSC for the RSA key with the same builder settings
    from cryptography import x509

    certificate = (
        x509.CertificateBuilder()
        .subject_name(ec_key.certificate.subject)
        .issuer_name(ec_key.certificate.subject)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - dt.timedelta(days=3))
        .not_valid_after(NOW + dt.timedelta(days=300))
        .sign(private, hashes.SHA256())
    )
    signer = LocalSigner(private, certificate)
    payload = hcert.encode(make_record(), signer)
    cose = cbor2.loads(zlib.decompress(reference_base45.b45decode(payload[4:])))
    protected_bytes, _, body, signature = cose.value
    assert cbor2.loads(protected_bytes)[1] == -37
    private.public_key().verify(
        signature,
        cbor2.dumps(["Signature1", protected_bytes, b"", body]),
        padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
        hashes.SHA256(),
    )
    trust = load_trust(certificate.public_bytes(serialization.Encoding.PEM))
    assert hcert.verify(payload, trust, NOW).valid


def test_forged_with_another_key(other_ring, trust, make_record) -> None:
    payload = hcert.encode(make_record(), other_ring.active("dsc").signer())
    assert hcert.verify(payload, trust, NOW).reason == "unknown_kid"


def test_forged_with_another_key_under_a_trusted_kid(ring, other_ring, trust, make_record) -> None:
    trusted_kid = hashlib.sha256(
        ring.active("dsc").certificate.public_bytes(serialization.Encoding.DER)
    ).digest()[:8]
    from vaxkit.certificates.cose import sign1

    claims = {
        1: "VN",
        4: int((NOW + dt.timedelta(days=9)).timestamp()),
        6: int(NOW.timestamp()) - 60,
        -260: {1: hcert.build_dcc(make_record())},
    }
    message = sign1(cbor2.dumps(claims), other_ring.active("dsc").signer(), trusted_kid)
    payload = "HC1:" + reference_base45.b45encode(zlib.compress(message)).decode()
    assert hcert.verify(payload, trust, NOW).reason == "bad_signature"


def test_tampered_payload_fails_the_signature(ring, trust, make_record) -> None:
    payload = hcert.encode(make_record(), ring.active("dsc").signer())
    cose = bytearray(zlib.decompress(reference_base45.b45decode(payload[4:])))
    position = cose.index(b"Nguy")
    cose[position] ^= 0x01  # "Nguy" -> "Oguy": one bit in the signed payload
    tampered = "HC1:" + reference_base45.b45encode(zlib.compress(bytes(cose))).decode()
    verdict = hcert.verify(tampered, trust, NOW)
    assert verdict.reason == "bad_signature"
    assert verdict.content["name"].endswith("Oguyễn")


def test_expired_and_not_yet_valid(ring, trust, make_record) -> None:
    payload = hcert.encode(make_record(), ring.active("dsc").signer())
    assert hcert.verify(payload, trust, NOW + dt.timedelta(days=400)).reason == "expired"
    assert hcert.verify(payload, trust, NOW - dt.timedelta(days=2)).reason == "not_yet_valid"


def test_revoked_certificate_and_revoked_key(ring, make_record) -> None:
    record = make_record()
    payload = hcert.encode(record, ring.active("dsc").signer())
    revoked_certificate = RevocationList()
    revoked_certificate.revoke_certificate(record.certificate_id)
    assert (
        hcert.verify(payload, make_trust(ring, revocation=revoked_certificate), NOW).reason
        == "revoked"
    )
    revoked_key = RevocationList()
    revoked_key.revoke_key(ring.active("dsc").key_id)
    assert hcert.verify(payload, make_trust(ring, revocation=revoked_key), NOW).reason == "revoked"


def test_key_usage_must_allow_vaccination(make_record) -> None:
    key = generate_dsc(
        "VN", "Ministry of Health", usages=("t", "r"), now=NOW - dt.timedelta(days=3)
    )
    payload = hcert.encode(make_record(), key.signer())
    trust = load_trust(key.certificate.public_bytes(serialization.Encoding.DER))
    assert hcert.verify(payload, trust, NOW).reason == "key_not_allowed"


def test_encoding_refuses_invalid_content(ring, make_record) -> None:
    signer = ring.active("dsc").signer()
    with pytest.raises(CertificateError) as info:
        hcert.encode(make_record(family_name_latin="Nguyen"), signer)
    assert info.value.code == "schema_violation"
    with pytest.raises(CertificateError) as info:
        hcert.encode(make_record(eu_mp="Nanocovax"), signer)
    assert info.value.code == "unknown_value"


def test_verifier_reports_schema_and_value_set_violations(ring, trust, make_record) -> None:
    signer = ring.active("dsc").signer()
    bad_schema = hcert.encode(make_record(date_of_birth="1890-01-01"), signer, check=False)
    assert hcert.verify(bad_schema, trust, NOW).reason == "schema_violation"
    bad_code = hcert.encode(make_record(eu_vp="123"), signer, check=False)
    assert hcert.verify(bad_code, trust, NOW).reason == "unknown_value"


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("HC2:NCFOXN", "bad_prefix"),
        ("hc1:NCFOXN", "bad_prefix"),
        ("HC1:NCF~XN", "bad_base45"),
        ("HC1:" + reference_base45.b45encode(b"not zlib at all").decode(), "bad_compression"),
        ("HC1:" + reference_base45.b45encode(zlib.compress(b"\xff\xff")).decode(), "bad_cbor"),
        (
            "HC1:" + reference_base45.b45encode(zlib.compress(cbor2.dumps([1, 2]))).decode(),
            "bad_cose",
        ),
        (
            "HC1:"
            + reference_base45.b45encode(
                zlib.compress(
                    cbor2.dumps(cbor2.CBORTag(18, [b"", {}, cbor2.dumps({1: "VN"}), b""]))
                )
            ).decode(),
            "bad_cwt",
        ),
        (
            "HC1:" + reference_base45.b45encode(zlib.compress(b"\0" * 200000)).decode(),
            "bad_compression",
        ),
    ],
)
def test_malformed_payloads(trust, payload: str, reason: str) -> None:
    assert hcert.verify(payload, trust, NOW).reason == reason


def test_kid_only_in_unprotected_header_is_accepted(ring, trust, make_record) -> None:
    signer = ring.active("dsc").signer()
    protected = cbor2.dumps({1: -7})
    claims = {
        1: "VN",
        4: int((NOW + dt.timedelta(days=9)).timestamp()),
        6: int(NOW.timestamp()) - 60,
        -260: {1: hcert.build_dcc(make_record())},
    }
    body = cbor2.dumps(claims)
    signature = signer.sign(cbor2.dumps(["Signature1", protected, b"", body]))
    message = cbor2.dumps(
        cbor2.CBORTag(61, cbor2.CBORTag(18, [protected, {4: signer.cose_kid}, body, signature]))
    )
    payload = "HC1:" + reference_base45.b45encode(zlib.compress(message)).decode()
    assert hcert.verify(payload, trust, NOW).valid


def test_any_bit_flip_in_the_signed_payload_reads_as_bad_signature(
    ring, trust, make_record
) -> None:
    payload = hcert.encode(make_record(), ring.active("dsc").signer())
    cose = zlib.decompress(reference_base45.b45decode(payload[4:]))
    body = cbor2.loads(cose).value[2]
    start = cose.index(body)
    for position in range(start, start + len(body), 7):
        for bit in (0, 3, 7):
            flipped = bytearray(cose)
            flipped[position] ^= 1 << bit
            text = "HC1:" + reference_base45.b45encode(zlib.compress(bytes(flipped))).decode()
            assert hcert.verify(text, trust, NOW).reason == "bad_signature", (position, bit)
