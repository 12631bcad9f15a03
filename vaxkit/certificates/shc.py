"""SMART Health Cards (spec.smarthealth.cards, vaccination IG): FHIR R4 bundle in a JWS.

Payload ``{iss, nbf, exp, vc: {type, credentialSubject: {fhirVersion, fhirBundle}, rid}}``,
minified JSON, raw DEFLATE (``zip: DEF``), signed ES256 with ``kid`` = RFC 7638 thumbprint.
The QR form is ``shc:/`` followed by two digits per JWS character (``ord(c) - 45``); JWS longer
than 1195 characters are split into ``shc:/<i>/<n>/...`` chunks of near-equal size.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import zlib
from typing import Any

from vaxkit.certificates import verdict as v
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jose import jws_parse, jws_sign, verify_signature
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.revocation import shc_rid
from vaxkit.certificates.signers import Signer
from vaxkit.certificates.trust import TrustStore

FORMAT = "shc"
QR_PREFIX = "shc:/"
MAX_SINGLE_QR = 1195
HEALTH_CARD = "https://smarthealth.cards#health-card"
IMMUNIZATION = "https://smarthealth.cards#immunization"
CVX = "http://hl7.org/fhir/sid/cvx"
SNOMED = "http://snomed.info/sct"
ICD11 = "http://id.who.int/icd/release/11/mms"
MAX_PAYLOAD = 64 * 1024
_CHUNK_RE = re.compile(r"^shc:/(?:(\d+)/(\d+)/)?(\d*)$")


# --- encoding -------------------------------------------------------------------------------------


def _vaccine_coding(record: VaccinationRecord) -> list[dict[str, str]]:
    if record.cvx:
        return [{"system": CVX, "code": record.cvx}]
    if record.icd11:
        return [{"system": ICD11, "code": record.icd11}]
    if record.eu_vp.isdigit():  # the EU vaccine-prophylaxis codes are SNOMED CT concepts
        return [{"system": SNOMED, "code": record.eu_vp}]
    raise CertificateError(
        "missing_code", f"vaccine {record.vaccine_code!r} has no CVX, ICD-11 or SNOMED CT code"
    )


def fhir_bundle(record: VaccinationRecord) -> dict[str, Any]:
    """The FHIR R4 collection bundle: one Patient, one Immunization (data-minimised profile)."""
    name: dict[str, Any] = {}
    if record.family_name:
        name["family"] = record.family_name
    if record.given_name:
        name["given"] = record.given_name.split()
    patient = {"resourceType": "Patient", "name": [name], "birthDate": record.date_of_birth}
    immunization: dict[str, Any] = {
        "resourceType": "Immunization",
        "status": "completed",
        "vaccineCode": {"coding": _vaccine_coding(record)},
        "patient": {"reference": "resource:0"},
        "occurrenceDateTime": record.date.isoformat(),
    }
    performer = record.facility or record.issuer
    if performer:
        immunization["performer"] = [{"actor": {"display": performer}}]
    if record.lot:
        immunization["lotNumber"] = record.lot
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {"fullUrl": "resource:0", "resource": patient},
            {"fullUrl": "resource:1", "resource": immunization},
        ],
    }


def payload(record: VaccinationRecord, issuer_url: str) -> dict[str, Any]:
    """The JWS payload (before minification and DEFLATE)."""
    return {
        "iss": issuer_url,
        "nbf": int(record.issued_at.timestamp()),
        "exp": int(record.expires_at.timestamp()),
        "vc": {
            "type": [HEALTH_CARD, IMMUNIZATION],
            "credentialSubject": {"fhirVersion": "4.0.1", "fhirBundle": fhir_bundle(record)},
            "rid": shc_rid(record.certificate_id),
        },
    }


def deflate_raw(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def encode_jws(record: VaccinationRecord, signer: Signer, issuer_url: str) -> str:
    """The signed JWS compact string (what a ``.smart-health-card`` file holds)."""
    if signer.algorithm != "ES256":
        raise CertificateError("unsupported_key", "SMART Health Cards are signed with ES256")
    if not issuer_url.startswith("https://") or issuer_url.endswith("/"):
        raise CertificateError(
            "bad_issuer_url",
            f"SHC iss must be an https URL without a trailing slash: {issuer_url!r}",
        )
    body = json.dumps(payload(record, issuer_url), separators=(",", ":"), ensure_ascii=False)
    header = {"zip": "DEF", "alg": "ES256", "kid": signer.kid}
    return jws_sign(header, deflate_raw(body.encode("utf-8")), signer)


def encode(record: VaccinationRecord, signer: Signer, issuer_url: str) -> str:
    """The ``shc:/`` QR payload (chunks, if any, joined by newlines)."""
    return "\n".join(qr_chunks(encode_jws(record, signer, issuer_url)))


def numeric(jws: str) -> str:
    """Numeric QR encoding: each character as two digits, ``ord(c) - 45``."""
    return "".join(f"{ord(c) - 45:02d}" for c in jws)


def qr_chunks(jws: str) -> list[str]:
    """``shc:/`` strings for the QR code(s) of a JWS: one, or balanced chunks ``shc:/i/n/``."""
    if len(jws) <= MAX_SINGLE_QR:
        return [QR_PREFIX + numeric(jws)]
    count = math.ceil(len(jws) / MAX_SINGLE_QR)
    size = math.ceil(len(jws) / count)
    parts = [jws[i : i + size] for i in range(0, len(jws), size)]
    return [f"{QR_PREFIX}{i}/{len(parts)}/{numeric(p)}" for i, p in enumerate(parts, 1)]


# --- decoding -------------------------------------------------------------------------------------


def jws_from_qr(text: str) -> str:
    """Reassemble a JWS from one ``shc:/`` string or several chunks (whitespace-separated)."""
    parts = text.split()
    chunks: dict[int, str] = {}
    total = None
    for part in parts:
        match = _CHUNK_RE.match(part)
        if not match:
            raise CertificateError(v.BAD_QR, "not a shc:/ numeric QR payload")
        index, count, digits = match.groups()
        if len(digits) % 2:
            raise CertificateError(v.BAD_QR, "shc:/ payload has an odd number of digits")
        if index is None:
            if len(parts) != 1:
                raise CertificateError(v.BAD_QR, "several unchunked shc:/ payloads")
            chunks[1], total = digits, 1
            continue
        i, n = int(index), int(count)
        if total not in (None, n) or not 1 <= i <= n or i in chunks:
            raise CertificateError(v.BAD_QR, "inconsistent shc:/ chunk numbering")
        chunks[i], total = digits, n
    if not chunks or total is None or len(chunks) != total:
        raise CertificateError(v.BAD_QR, f"{len(chunks)} of {total} shc:/ chunks present")
    digits = "".join(chunks[i] for i in range(1, total + 1))
    values = [int(digits[i : i + 2]) for i in range(0, len(digits), 2)]
    if any(value > 77 for value in values):  # 77 + 45 = "z", the last base64url character
        raise CertificateError(v.BAD_QR, "shc:/ digit pair out of range")
    return "".join(chr(value + 45) for value in values)


def inflate_raw(data: bytes) -> bytes:
    decompressor = zlib.decompressobj(wbits=-15)
    try:
        out = decompressor.decompress(data, MAX_PAYLOAD)
    except zlib.error as exc:
        raise CertificateError(
            v.BAD_COMPRESSION, f"JWS payload is not raw DEFLATE: {exc}"
        ) from None
    if decompressor.unconsumed_tail or not decompressor.eof:
        raise CertificateError(
            v.BAD_COMPRESSION, "JWS payload DEFLATE stream is truncated or too large"
        )
    return out


def verify(text: str, trust: TrustStore, at: dt.datetime) -> v.Verdict:
    """Verify a ``shc:/`` payload, a bare JWS, or a ``.smart-health-card`` file's JSON.

    The signature is checked before a bad payload is reported: a change to signed bytes reads as
    ``bad_signature``, whatever it did to the DEFLATE stream or the JSON inside.
    """
    try:
        jws = _extract_jws(text)
        header, raw_payload, signing_input, signature = jws_parse(jws)
        if header.get("alg") != "ES256":
            raise CertificateError(v.BAD_JWS, f"SHC alg must be ES256, not {header.get('alg')!r}")
    except CertificateError as exc:
        return v.invalid(FORMAT, exc.code, exc.message)
    claims: dict[str, Any] | None = None
    payload_error: CertificateError | None = None
    try:
        claims = _claims(header, raw_payload)
    except CertificateError as exc:
        payload_error = exc
    content = content_of(claims) if claims is not None else {}

    def fail(reason: str, message: str, key_id: str | None = None) -> v.Verdict:
        return v.invalid(FORMAT, reason, message, content=content, payload=claims, key_id=key_id)

    kid = header.get("kid")
    candidates = trust.by_id(kid) if isinstance(kid, str) else []
    if not candidates:
        if payload_error is not None:  # unauthenticated and malformed: the malformation says more
            return v.invalid(FORMAT, payload_error.code, payload_error.message)
        return fail(v.UNKNOWN_KID, f"no trusted SMART Health Card key has kid {kid!r}")
    verified = [
        k for k in candidates if verify_signature(k.public_key, "ES256", signature, signing_input)
    ]
    if not verified:
        return fail(v.BAD_SIGNATURE, "the JWS signature does not verify")
    if claims is None:
        assert payload_error is not None
        return v.invalid(FORMAT, payload_error.code, payload_error.message)
    key = next((k for k in verified if k.issuer in (None, claims.get("iss"))), None)
    if key is None:
        return fail(v.UNKNOWN_ISSUER, f"key {kid} is not trusted for issuer {claims.get('iss')!r}")
    if trust.is_key_revoked(key):
        return fail(v.REVOKED, "the issuer key has been revoked", kid)
    problem = v.check_time(
        at, v.utc_from_timestamp(claims.get("nbf")), v.utc_from_timestamp(claims.get("exp"))
    )
    if problem:
        return fail(*problem, kid)
    problem_text = _structure_problem(claims)
    if problem_text:
        return fail(v.SCHEMA_VIOLATION, problem_text, kid)
    rid = (claims.get("vc") or {}).get("rid")
    nbf = claims.get("nbf") if isinstance(claims.get("nbf"), int | float) else None
    if trust.revocation.is_rid_revoked(rid if isinstance(rid, str) else None, nbf):
        return fail(v.REVOKED, "the health card has been revoked", kid)
    return v.Verdict(True, FORMAT, content=content, payload=claims, key_id=kid)


def _claims(header: dict[str, Any], raw_payload: bytes) -> dict[str, Any]:
    body = inflate_raw(raw_payload) if header.get("zip") == "DEF" else raw_payload
    try:
        claims = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CertificateError(v.BAD_JSON, f"JWS payload is not JSON: {exc}") from None
    if not isinstance(claims, dict):
        raise CertificateError(v.BAD_JSON, "JWS payload is not a JSON object")
    return claims


def _extract_jws(text: str) -> str:
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            document = json.loads(stripped)
            return str(document["verifiableCredential"][0])
        except (ValueError, KeyError, IndexError, TypeError):
            raise CertificateError(v.BAD_JSON, "not a .smart-health-card file") from None
    if stripped.startswith(QR_PREFIX):
        return jws_from_qr(stripped)
    return stripped


def _structure_problem(claims: dict[str, Any]) -> str | None:
    vc = claims.get("vc")
    if not isinstance(vc, dict):
        return "payload has no vc object"
    types = vc.get("type")
    if not isinstance(types, list) or HEALTH_CARD not in types:
        return f"vc.type must include {HEALTH_CARD}"
    subject = vc.get("credentialSubject")
    bundle = subject.get("fhirBundle") if isinstance(subject, dict) else None
    if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
        return "credentialSubject.fhirBundle must be a FHIR Bundle"
    entries = bundle.get("entry")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("resource"), dict) for e in entries
    ):
        return "the FHIR bundle must have entries with resources"
    if not isinstance(claims.get("iss"), str):
        return "payload has no iss"
    return None


def content_of(claims: dict[str, Any]) -> dict[str, Any]:
    """Human-readable fields: the patient and the most recent immunization."""
    content: dict[str, Any] = {
        "issuer": claims.get("iss"),
        "issued_at": v.utc_from_timestamp(claims.get("nbf")),
        "expires_at": v.utc_from_timestamp(claims.get("exp")),
    }
    try:
        entries = claims["vc"]["credentialSubject"]["fhirBundle"]["entry"]
        resources = [e["resource"] for e in entries if isinstance(e, dict)]
    except (KeyError, TypeError):
        return content
    immunizations = []
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        if resource.get("resourceType") == "Patient":
            name = (resource.get("name") or [{}])[0]
            given = " ".join(name.get("given") or [])
            content["name"] = " ".join(p for p in (given, name.get("family") or "") if p)
            content["date_of_birth"] = resource.get("birthDate")
        elif resource.get("resourceType") == "Immunization":
            coding = ((resource.get("vaccineCode") or {}).get("coding") or [{}])[0]
            performer = ((resource.get("performer") or [{}])[0].get("actor") or {}).get("display")
            immunizations.append(
                {
                    "vaccine_code": f"{coding.get('system')}|{coding.get('code')}",
                    "date": resource.get("occurrenceDateTime"),
                    "lot": resource.get("lotNumber"),
                    "performer": performer,
                }
            )
    if immunizations:
        latest = max(immunizations, key=lambda i: str(i["date"]))
        content.update(
            vaccine=latest["vaccine_code"],
            date=latest["date"],
            lot=latest["lot"],
            facility=latest["performer"],
            doses_recorded=len(immunizations),
        )
    content["rid"] = (claims.get("vc") or {}).get("rid")
    return content
