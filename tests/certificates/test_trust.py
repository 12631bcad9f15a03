"""Trust material: published shapes and everything load_trust accepts."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from cert_helpers import CONFORMANCE, ISSUER_URL, NOW
from cryptography.hazmat.primitives import serialization

from vaxkit.certificates import hcert, icao_vds, shc, w3c_vc
from vaxkit.certificates.base58 import b58decode, b58encode
from vaxkit.certificates.certinfo import _lenient, certificate_info
from vaxkit.certificates.errors import TrustError
from vaxkit.certificates.jose import jwk_thumbprint, public_jwk
from vaxkit.certificates.revocation import RevocationList, certificate_hash, shc_rid
from vaxkit.certificates.trust import did_web, dsc_list, jwks, load_trust, trust_document


def test_trust_document_shapes(ring) -> None:
    revocation = RevocationList()
    revocation.revoke_certificate("URN:UVCI:01:VN:MOH/X#Y")
    document = trust_document(
        ring.published(),
        country="VN",
        issuer_name="MoH",
        issuer_url=ISSUER_URL,
        revocation=revocation,
    )
    dsc = ring.active("dsc")
    der = dsc.certificate.public_bytes(serialization.Encoding.DER)
    (item,) = document["dsc"]
    assert item["kid"] == base64.b64encode(hashlib.sha256(der).digest()[:8]).decode()
    assert item["certificateType"] == "DSC" and item["country"] == "VN"
    assert item["thumbprint"] == hashlib.sha256(der).hexdigest()
    assert base64.b64decode(item["rawData"]) == der
    (jwk,) = document["jwks"]["keys"]
    assert (
        jwk["kid"] == jwk_thumbprint(dsc.public_key)
        and jwk["alg"] == "ES256"
        and jwk["use"] == "sig"
    )
    assert document["did"]["id"] == "did:web:moh.example.vn:certificates"
    (method,) = document["did"]["verificationMethod"]
    assert method["type"] == "Ed25519VerificationKey2018"
    raw = ring.active("vc").public_key.public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    assert b58decode(method["publicKeyBase58"]) == raw
    assert document["revocation"]["hashes"] == [
        base64.b64encode(certificate_hash("URN:UVCI:01:VN:MOH/X#Y")).decode()
    ]


def test_each_shape_loads_on_its_own(ring, make_record, tmp_path) -> None:
    record = make_record()
    dsc, vc = ring.active("dsc"), ring.active("vc")
    payloads = {
        "eu_dcc": hcert.encode(record, dsc.signer()),
        "shc": shc.encode(record, dsc.signer(), ISSUER_URL),
        "icao_vds": icao_vds.encode(record, dsc.signer()),
        "w3c_vc": w3c_vc.encode(record, vc.signer(), ISSUER_URL),
    }
    pem = dsc.certificate.public_bytes(serialization.Encoding.PEM)
    der = dsc.certificate.public_bytes(serialization.Encoding.DER)
    (tmp_path / "dsc.pem").write_bytes(pem)
    from vaxkit.certificates.trust import did_document

    sources = {
        # a certificate trusts its key, also for SMART Health Cards (kid = key thumbprint),
        # without binding it to an issuer URL as a trust file's JWKS does
        "pem": (tmp_path / "dsc.pem", {"eu_dcc", "icao_vds", "shc"}),
        "der": (der, {"eu_dcc", "icao_vds", "shc"}),
        "dsc-list": (json.dumps(dsc_list([dsc], "VN")), {"eu_dcc", "icao_vds", "shc"}),
        # JWKS keys carry their x5c certificate: trusted as that DSC too
        "jwks": (jwks([dsc]), {"shc", "eu_dcc", "icao_vds"}),
        "did": (did_document(ISSUER_URL, [vc]), {"w3c_vc"}),
    }
    for name, (source, accepted) in sources.items():
        trust = load_trust(source)
        for fmt, payload in payloads.items():
            verify = {"eu_dcc": hcert, "shc": shc, "icao_vds": icao_vds, "w3c_vc": w3c_vc}[
                fmt
            ].verify
            assert verify(payload, trust, NOW).valid == (fmt in accepted), (name, fmt)


@pytest.mark.parametrize(
    "bad", [b"", b"garbage", "[1]", '{"keys": [{"kty": "EC"}]}', "{}", "/nonexistent/trust.json"]
)
def test_bad_trust_material_raises_trust_error(bad) -> None:
    with pytest.raises(TrustError) as info:
        load_trust(bad)
    assert info.value.code in ("bad_trust", "bad_jwk", "bad_certificate")


def test_lenient_certificate_reader_matches_cryptography() -> None:
    for path in sorted((CONFORMANCE / "dgc-testdata").rglob("*.json")):
        encoded = json.loads(path.read_text()).get("TESTCTX", {}).get("CERTIFICATE")
        if not encoded:
            continue
        der = base64.b64decode(encoded)
        strict, lenient = certificate_info(der), _lenient(der)
        assert (lenient.not_before, lenient.not_after) == (strict.not_before, strict.not_after), (
            path
        )
        assert lenient.extended_key_usages == strict.extended_key_usages, path
        assert public_jwk(lenient.public_key) == public_jwk(strict.public_key), path


def test_helpers() -> None:
    assert did_web("https://moh.gov.vn") == "did:web:moh.gov.vn"
    assert did_web("https://example.com:8443/a/b") == "did:web:example.com%3A8443:a:b"
    with pytest.raises(TrustError):
        did_web("http://insecure.example")
    for data in (b"", b"\0\0abc", bytes(range(40))):
        assert b58decode(b58encode(data)) == data
    assert b58encode(b"hello world") == "StV1DL6CwTryKyV"
    assert len(shc_rid("URN:UVCI:01:VN:MOH/X#Y")) == 11


def test_der_ending_in_a_whitespace_byte_loads_intact() -> None:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    from vaxkit.certificates.keys import load_certificate

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "DSC")])
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .not_valid_before(NOW - dt.timedelta(days=1))
        .not_valid_after(NOW + dt.timedelta(days=1))
    )
    for serial in range(1, 5000):  # about 1 in 43 signatures ends in a whitespace-valued byte
        certificate = builder.serial_number(serial).sign(key, hashes.SHA256())
        der = certificate.public_bytes(serialization.Encoding.DER)
        if der[-1:] in (b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c"):
            break
    else:
        pytest.fail("no certificate ending in a whitespace byte generated")
    assert load_certificate(der) == certificate
    assert load_trust(der).keys[0].certificate.der == der
