"""ICAO Visible Digital Seal for non-constrained environments (VDS-NC), proof of vaccination.

``{"data": {"hdr": {"t": "icao.vacc", "v": 1, "is": <alpha-3>}, "msg": {uvci, pid, ve}},
"sig": {"alg": "ES256", "cer": <base64url DER>, "sigvl": <base64url r||s>}}``; the signature
covers the RFC 8785 canonical JSON of ``data``. Field names as in ICAO's VDS-NC technical report
(2021) and its PoV message schema: ``pid`` {n, dob, sex, i, ai}, ``ve`` [{des, nam, dis,
vd [{dvc, seq, ctr, adm, lot, dvn}]}].

Choices where the report leaves room:
* ``pid.n`` follows Doc 9303-3 order: primary identifier (family name), two spaces, secondary
  identifier (given names), from the ICAO 9303 Latin forms, at most 39 characters.
* ``uvci`` is the record's certificate id, as in every other format (so one revocation list
  covers all); the report's table suggests 12 characters, its JSON schema sets no limit.
* No identity-document number (``i``/``ai``) is written: certificates carry no ID numbers.
* A seal has no expiry of its own: it is valid while its signer certificate is.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from vaxkit.certificates import verdict as v
from vaxkit.certificates.certinfo import certificate_info
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jcs import canonicalize
from vaxkit.certificates.jose import b64url_decode, b64url_encode, verify_signature
from vaxkit.certificates.record import COVID19_SNOMED, VaccinationRecord
from vaxkit.certificates.signers import Signer

FORMAT = "icao_vds"
TYPE = "icao.vacc"
VERSION = 1
ICD11_COVID19_VACCINE = "XM68M6"  # ICD-11 extension code "COVID-19 vaccines"
ICD11_COVID19 = "RA01.0"  # ICD-11 "COVID-19, virus identified"
_SEX = {"male": "M", "female": "F"}
_ALGORITHMS = ("ES256", "ES384", "ES512")


def alpha3(country: str, record: VaccinationRecord | None = None) -> str:
    """Doc 9303 three-letter code of an alpha-2 country code. A record may carry it in
    ``extras["country_alpha3"]`` (the profile's ``country.alpha3``), which user-assigned codes
    such as the demo country's ``XX`` need."""
    if record is not None and record.extras.get("country_alpha3"):
        return record.extras["country_alpha3"]
    import pycountry

    match = pycountry.countries.get(alpha_2=country.upper())
    if match is None:
        raise CertificateError("bad_country", f"unknown ISO 3166-1 country code {country!r}")
    return str(match.alpha_3)


def holder_name(record: VaccinationRecord) -> str:
    """Doc 9303 name: primary and secondary identifiers, ``<`` fillers as spaces, <= 39 chars."""
    parts = [
        p.replace("<", " ").strip()
        for p in (record.family_name_latin, record.given_name_latin)
        if p and p.replace("<", "").strip()
    ]
    return "  ".join(parts)[:39].rstrip()


def build_data(record: VaccinationRecord) -> dict[str, Any]:
    """The signed ``data`` zone (header and message)."""
    event: dict[str, Any] = {
        "dvc": record.date.isoformat(),
        "seq": record.dose_number,
        "ctr": alpha3(record.country, record),
        "lot": record.lot or "",
    }
    if record.facility:
        event["adm"] = record.facility[:20]
    vaccination: dict[str, Any] = {
        "des": record.icd11 or ICD11_COVID19_VACCINE,
        "nam": record.vaccine_name,
        "vd": [event],
    }
    if record.disease == COVID19_SNOMED:
        vaccination["dis"] = ICD11_COVID19
    pid: dict[str, Any] = {"n": holder_name(record), "dob": record.date_of_birth}
    pid["sex"] = _SEX.get(record.sex, "X")
    return {
        "hdr": {"t": TYPE, "v": VERSION, "is": alpha3(record.country, record)},
        "msg": {"uvci": record.certificate_id, "pid": pid, "ve": [vaccination]},
    }


def encode(record: VaccinationRecord, signer: Signer) -> str:
    """The sealed JSON document (the QR code holds this text)."""
    certificate = signer.certificate
    if certificate is None or signer.algorithm not in _ALGORITHMS:
        raise CertificateError(
            "unsupported_key", "a VDS-NC signer needs an ECDSA key with a signer certificate"
        )
    from cryptography.hazmat.primitives import serialization

    data = build_data(record)
    signature = signer.sign(canonicalize(data))
    document = {
        "data": data,
        "sig": {
            "alg": signer.algorithm,
            "cer": b64url_encode(certificate.public_bytes(serialization.Encoding.DER)),
            "sigvl": b64url_encode(signature),
        },
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


# --- verification ---------------------------------------------------------------------------------


def looks_like(document: Any) -> bool:
    return (
        isinstance(document, dict) and isinstance(document.get("data"), dict) and "sig" in document
    )


def verify(payload: str | bytes | dict[str, Any], trust: Any, at: dt.datetime) -> v.Verdict:
    """Verify a VDS-NC document (JSON text or parsed)."""
    try:
        document = json.loads(payload) if isinstance(payload, str | bytes) else payload
    except (ValueError, UnicodeDecodeError) as exc:
        return v.invalid(FORMAT, v.BAD_JSON, f"not JSON: {exc}")
    if not looks_like(document):
        return v.invalid(FORMAT, v.BAD_JSON, "a VDS-NC document has data and sig objects")
    data = document["data"]
    content = content_of(data)

    def fail(reason: str, message: str, key_id: str | None = None) -> v.Verdict:
        return v.invalid(FORMAT, reason, message, content=content, payload=document, key_id=key_id)

    problem = _structure_problem(document)
    if problem:
        return fail(v.SCHEMA_VIOLATION, problem)
    sig = document["sig"]
    try:
        info = certificate_info(b64url_decode(sig["cer"]))
        signature = b64url_decode(sig["sigvl"])
    except (ValueError, CertificateError) as exc:
        return fail(v.BAD_CERTIFICATE, f"sig.cer/sigvl cannot be read: {exc}")
    key = trust.by_certificate(info)
    if key is None:
        return fail(v.UNKNOWN_KID, "the signer certificate is not trusted")
    key_id = info.fingerprint
    try:
        signed = canonicalize(data)
    except CertificateError as exc:
        return fail(v.BAD_JSON, exc.message)
    if not verify_signature(info.public_key, sig["alg"], signature, signed):
        return fail(v.BAD_SIGNATURE, "the seal signature does not verify", key_id)
    if trust.is_key_revoked(key):
        return fail(v.REVOKED, "the signer key has been revoked", key_id)
    problem_time = v.check_time(at, info.not_before, info.not_after)
    if problem_time:
        return fail(problem_time[0], f"signer certificate {problem_time[1]}", key_id)
    if trust.revocation.is_certificate_revoked(content.get("certificate_id")):
        return fail(v.REVOKED, "the certificate has been revoked", key_id)
    return v.Verdict(True, FORMAT, content=content, payload=document, key_id=key_id)


def _structure_problem(document: dict[str, Any]) -> str | None:
    data, sig = document["data"], document.get("sig")
    hdr, msg = data.get("hdr"), data.get("msg")
    if not isinstance(hdr, dict) or hdr.get("t") != TYPE or hdr.get("v") != VERSION:
        return f"data.hdr must be {{t: {TYPE}, v: {VERSION}, is: ...}}"
    if not isinstance(hdr.get("is"), str) or len(hdr["is"]) != 3:
        return "data.hdr.is must be a three-letter code"
    if not isinstance(msg, dict) or not isinstance(msg.get("uvci"), str):
        return "data.msg.uvci is required"
    pid = msg.get("pid")
    if not isinstance(pid, dict) or not isinstance(pid.get("n"), str):
        return "data.msg.pid.n is required"
    if not pid.get("dob") and not pid.get("i"):
        return "data.msg.pid needs dob or i"
    events = msg.get("ve")
    if (
        not isinstance(events, list)
        or not events
        or not all(
            isinstance(e, dict) and isinstance(e.get("vd"), list) and e["vd"] for e in events
        )
    ):
        return "data.msg.ve must list vaccinations with their vd details"
    if not isinstance(sig, dict) or sig.get("alg") not in _ALGORITHMS:
        return f"sig.alg must be one of {', '.join(_ALGORITHMS)}"
    if not isinstance(sig.get("cer"), str) or not isinstance(sig.get("sigvl"), str):
        return "sig.cer and sig.sigvl are required"
    return None


def content_of(data: dict[str, Any]) -> dict[str, Any]:
    msg = data.get("msg") if isinstance(data.get("msg"), dict) else {}
    hdr = data.get("hdr") if isinstance(data.get("hdr"), dict) else {}
    pid = msg.get("pid") if isinstance(msg.get("pid"), dict) else {}
    content: dict[str, Any] = {
        "certificate_id": msg.get("uvci"),
        "name": pid.get("n"),
        "date_of_birth": pid.get("dob"),
        "issuer": hdr.get("is"),
    }
    events = msg.get("ve")
    if isinstance(events, list) and events and isinstance(events[0], dict):
        event = events[0]
        details = event.get("vd") if isinstance(event.get("vd"), list) else []
        latest = details[-1] if details and isinstance(details[-1], dict) else {}
        content.update(
            vaccine=event.get("nam"),
            vaccine_type=event.get("des"),
            disease=event.get("dis"),
            dose_number=latest.get("seq"),
            date=latest.get("dvc"),
            country=latest.get("ctr"),
            facility=latest.get("adm"),
            batch=latest.get("lot"),
        )
    return content
