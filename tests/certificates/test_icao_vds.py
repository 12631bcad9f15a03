"""ICAO VDS-NC proof of vaccination: structure, independent verification, rejections."""

from __future__ import annotations

import datetime as dt
import json

from cert_helpers import NOW, make_trust
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from vaxkit.certificates import icao_vds
from vaxkit.certificates.jose import b64url_decode
from vaxkit.certificates.revocation import RevocationList


def test_round_trip_and_independent_verification(ring, trust, make_record) -> None:
    key = ring.active("dsc")
    record = make_record()
    document = json.loads(icao_vds.encode(record, key.signer()))
    assert document["data"] == {
        "hdr": {"t": "icao.vacc", "v": 1, "is": "VNM"},
        "msg": {
            "uvci": record.certificate_id,
            "pid": {"n": "NGUYEN  VAN AN", "dob": "1990-04-12", "sex": "M"},
            "ve": [
                {
                    "des": "XM8NQ0",
                    "nam": "Comirnaty",
                    "dis": "RA01.0",
                    "vd": [
                        {
                            "dvc": record.date.isoformat(),
                            "seq": 2,
                            "ctr": "VNM",
                            "lot": "FF2587",
                            "adm": "Bach Mai Hospital",
                        }
                    ],
                }
            ],
        },
    }
    assert document["sig"]["alg"] == "ES256"
    certificate = x509.load_der_x509_certificate(b64url_decode(document["sig"]["cer"]))
    assert certificate == key.certificate
    # RFC 8785 for this ASCII-only data is sorted, compact JSON
    signed = json.dumps(document["data"], sort_keys=True, separators=(",", ":")).encode()
    raw = b64url_decode(document["sig"]["sigvl"])
    der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
    certificate.public_key().verify(der, signed, ec.ECDSA(hashes.SHA256()))
    verdict = icao_vds.verify(json.dumps(document), trust, NOW)
    assert verdict.valid, verdict.message
    assert verdict.content["name"] == "NGUYEN  VAN AN"
    assert verdict.content["dose_number"] == 2


def test_rejections(ring, other_ring, trust, make_record) -> None:
    record = make_record()
    text = icao_vds.encode(record, ring.active("dsc").signer())
    assert (
        icao_vds.verify(
            icao_vds.encode(record, other_ring.active("dsc").signer()), trust, NOW
        ).reason
        == "unknown_kid"
    )
    tampered = json.loads(text)
    tampered["data"]["msg"]["ve"][0]["vd"][0]["seq"] = 3
    assert icao_vds.verify(json.dumps(tampered), trust, NOW).reason == "bad_signature"
    # a forger swaps in their own certificate: not trusted
    swapped = json.loads(icao_vds.encode(record, other_ring.active("dsc").signer()))
    swapped["sig"]["cer"] = json.loads(text)["sig"]["cer"]
    assert icao_vds.verify(json.dumps(swapped), trust, NOW).reason == "bad_signature"
    not_after = ring.active("dsc").certificate.not_valid_after_utc
    assert icao_vds.verify(text, trust, not_after + dt.timedelta(days=1)).reason == "expired"
    assert icao_vds.verify(text, trust, NOW - dt.timedelta(days=60)).reason == "not_yet_valid"
    revocation = RevocationList()
    revocation.revoke_certificate(record.certificate_id)
    assert icao_vds.verify(text, make_trust(ring, revocation=revocation), NOW).reason == "revoked"
    broken = json.loads(text)
    broken["data"]["hdr"]["t"] = "icao.test"
    assert icao_vds.verify(json.dumps(broken), trust, NOW).reason == "schema_violation"
    broken = json.loads(text)
    broken["sig"]["cer"] = "AAAA"
    assert icao_vds.verify(json.dumps(broken), trust, NOW).reason == "bad_certificate"


def test_certificate_issued_by_a_trusted_ca_is_accepted(make_record) -> None:
    from vaxkit.certificates.signers import LocalSigner
    from vaxkit.certificates.trust import load_trust

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "CSCA VN")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(1)
        .not_valid_before(NOW - dt.timedelta(days=10))
        .not_valid_after(NOW + dt.timedelta(days=900))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer_certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "BSC VN")]))
        .issuer_name(ca_name)
        .public_key(signer_key.public_key())
        .serial_number(2)
        .not_valid_before(NOW - dt.timedelta(days=5))
        .not_valid_after(NOW + dt.timedelta(days=90))
        .sign(ca_key, hashes.SHA256())
    )
    text = icao_vds.encode(make_record(), LocalSigner(signer_key, signer_certificate))
    trust = load_trust(ca.public_bytes(serialization.Encoding.PEM))
    assert icao_vds.verify(text, trust, NOW).valid
