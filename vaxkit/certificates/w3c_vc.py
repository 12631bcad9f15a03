"""W3C Verifiable Credential in the shape CoWIN/DIVOC issued (JSON-LD, Ed25519Signature2018).

The credential uses the W3C credentials context and the CoWIN vaccination context
(``https://cowin.gov.in/credentials/vaccination/v1``), plus one inline term: ``dob``, which the
CoWIN v1 context lacks (CoWIN's own credentials carried an unsigned ``dob``).

Signing follows jsonld-signatures' Ed25519Signature2018 (what DIVOC used): both the credential
without its proof and the proof options (under the security v2 context) are canonicalised with
URDNA2015; the signature is a detached JWS (``{"alg":"EdDSA","b64":false,"crit":["b64"]}``) over
``header + "." + sha256(proof options) + sha256(credential)``. Contexts are read only from the
bundled files (``jsonld_loader``). Verification also refuses properties the contexts do not define:
JSON-LD expansion drops them, so the signature would not cover them.

In the QR code CoWIN put a ZIP archive holding ``certificate.json`` (DIVOC's certificate_api used
JSZip with DEFLATE; its verification app unzips the scanned bytes and reads that entry).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import zipfile
from typing import Any

from vaxkit.certificates import verdict as v
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jose import b64url_decode, b64url_encode, verify_signature
from vaxkit.certificates.jsonld_loader import COWIN_V1, CREDENTIALS_V1, SECURITY_V2, document_loader
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.signers import Signer
from vaxkit.certificates.trust import TrustStore, verification_method_id

FORMAT = "w3c_vc"
ZIP_ENTRY = "certificate.json"
MAX_JSON = 64 * 1024
SUITES = {"Ed25519Signature2018": "EdDSA", "RsaSignature2018": "PS256"}
_INLINE_TERMS = {"dob": "https://schema.org/birthDate"}


# --- JSON-LD -------------------------------------------------------------------------------------


def _pyld() -> Any:
    from pyld import jsonld  # imported lazily: pyld is slow to import and only needed here

    return jsonld


def canonicalize(document: dict[str, Any]) -> str:
    """URDNA2015 N-Quads of a JSON-LD document, contexts from the bundled files only."""
    jsonld = _pyld()
    try:
        return jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": document_loader,
            },
        )
    except jsonld.JsonLdError as exc:
        raise CertificateError(
            v.BAD_JSONLD, f"JSON-LD processing failed: {_root_cause(exc)}"
        ) from None


def dropped_properties(document: dict[str, Any]) -> list[str]:
    """Properties JSON-LD expansion ignores (not defined by the contexts, hence unsigned)."""
    jsonld = _pyld()
    dropped: list[str] = []
    try:
        jsonld.expand(
            document, {"documentLoader": document_loader}, on_property_dropped=dropped.append
        )
    except jsonld.JsonLdError as exc:
        raise CertificateError(
            v.BAD_JSONLD, f"JSON-LD processing failed: {_root_cause(exc)}"
        ) from None
    return [str(p) for p in dropped]


def _root_cause(exc: BaseException) -> str:
    while getattr(exc, "cause", None) is not None:
        exc = exc.cause  # type: ignore[attr-defined]
    if isinstance(exc, CertificateError):
        return exc.message
    return str(exc).splitlines()[0]


def _verify_data(document: dict[str, Any], proof: dict[str, Any], header_b64: str) -> bytes:
    options = {
        k: val for k, val in proof.items() if k not in ("jws", "signatureValue", "proofValue")
    }
    options["@context"] = SECURITY_V2
    proof_hash = hashlib.sha256(canonicalize(options).encode("utf-8")).digest()
    body = {k: val for k, val in document.items() if k != "proof"}
    document_hash = hashlib.sha256(canonicalize(body).encode("utf-8")).digest()
    return header_b64.encode("ascii") + b"." + proof_hash + document_hash


# --- encoding -------------------------------------------------------------------------------------


def _age_at(date_of_birth: str, on: dt.date) -> str | None:
    try:
        born = dt.date.fromisoformat(date_of_birth)
    except ValueError:
        return None
    return str(on.year - born.year - ((on.month, on.day) < (born.month, born.day)))


def build_credential(record: VaccinationRecord, issuer_url: str) -> dict[str, Any]:
    """The unsigned credential (CoWIN v1 layout, no identity-document number or address)."""
    base = issuer_url.rstrip("/")
    subject: dict[str, Any] = {
        "type": "Person",
        "name": record.full_name,
        "gender": record.sex.capitalize(),
    }
    if record.beneficiary_ref:
        subject["refId"] = record.beneficiary_ref
    age = _age_at(record.date_of_birth, record.date)
    if age is not None:
        subject["age"] = age
    subject["dob"] = record.date_of_birth
    evidence: dict[str, Any] = {
        "id": f"{base}/vaccine/{record.certificate_id}",
        "infoUrl": f"{base}/?{record.certificate_id}",
        "certificateId": record.certificate_id,
        "type": ["Vaccination"],
        "vaccine": record.vaccine_name,
        "manufacturer": record.manufacturer,
        "date": dt.datetime.combine(record.date, dt.time(), dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "effectiveStart": record.date.isoformat(),
        "effectiveUntil": record.expires_at.date().isoformat(),
        "dose": record.dose_number,
        "totalDoses": record.total_doses,
    }
    if record.lot:
        evidence["batch"] = record.lot
    if record.vaccinator:
        evidence["verifier"] = {"name": record.vaccinator}
    facility_address: dict[str, str] = {"addressCountry": record.country}
    if record.facility_area:
        facility_address["district"] = record.facility_area
    evidence["facility"] = {"name": record.facility or record.issuer, "address": facility_address}
    return {
        "@context": [CREDENTIALS_V1, COWIN_V1, dict(_INLINE_TERMS)],
        "type": ["VerifiableCredential", "ProofOfVaccinationCredential"],
        "credentialSubject": subject,
        "issuer": issuer_url,
        "issuanceDate": _timestamp(record.issued_at),
        "expirationDate": _timestamp(record.expires_at),
        "evidence": [evidence],
        "nonTransferable": "true",
    }


def _timestamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def sign_credential(
    credential: dict[str, Any], signer: Signer, verification_method: str, created: dt.datetime
) -> dict[str, Any]:
    """Add an Ed25519Signature2018 (or RsaSignature2018 for RSA keys) proof."""
    suite = {"EdDSA": "Ed25519Signature2018", "PS256": "RsaSignature2018"}.get(signer.algorithm)
    if suite is None:
        raise CertificateError(
            "unsupported_key", f"no JSON-LD signature suite for {signer.algorithm}"
        )
    proof = {
        "type": suite,
        "created": _timestamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    header = b64url_encode(
        json.dumps(
            {"alg": signer.algorithm, "b64": False, "crit": ["b64"]}, separators=(",", ":")
        ).encode()
    )
    signature = signer.sign(_verify_data(credential, proof, header))
    return {**credential, "proof": {**proof, "jws": f"{header}..{b64url_encode(signature)}"}}


def encode(record: VaccinationRecord, signer: Signer, issuer_url: str) -> str:
    """The signed credential as compact JSON (the QR holds it zipped: see ``qr_bytes``)."""
    credential = build_credential(record, issuer_url)
    signed = sign_credential(
        credential, signer, verification_method_id(issuer_url, signer.kid), record.issued_at
    )
    return json.dumps(signed, separators=(",", ":"), ensure_ascii=False)


def qr_bytes(credential_json: str) -> bytes:
    """CoWIN's QR content: a ZIP archive with the credential as ``certificate.json`` (DEFLATE)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo(ZIP_ENTRY, date_time=(1980, 1, 1, 0, 0, 0))  # reproducible bytes
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, credential_json.encode("utf-8"))
    return buffer.getvalue()


# --- decoding -------------------------------------------------------------------------------------


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def unzip(data: bytes) -> str:
    """The credential JSON inside a CoWIN QR ZIP; raises ``bad_zip``."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(ZIP_ENTRY)
            if info.file_size > MAX_JSON:
                raise CertificateError(v.BAD_ZIP, "certificate.json is implausibly large")
            with archive.open(info) as member:
                raw = member.read(MAX_JSON + 1)
    except KeyError:
        raise CertificateError(v.BAD_ZIP, f"the ZIP archive has no {ZIP_ENTRY}") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise CertificateError(v.BAD_ZIP, f"not a readable ZIP archive: {exc}") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise CertificateError(v.BAD_JSON, "certificate.json is not UTF-8") from None


def zip_candidates(payload: str | bytes) -> list[bytes]:
    """Possible ZIP archives in a scanned QR payload: the bytes themselves, or the bytes after a
    scanner or encoder passed them through text (ISO 8859-1 characters, or UTF-8 of those as
    CoWIN's JavaScript QR encoder produced)."""
    candidates = []
    text: str | None = None
    if isinstance(payload, bytes):
        if is_zip(payload):
            candidates.append(payload)
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    else:
        text = payload
    if text is not None and text.startswith("PK\x03\x04"):
        with contextlib.suppress(UnicodeEncodeError):  # not ISO 8859-1 text: not a ZIP either
            candidates.append(text.encode("latin-1"))
    return [c for i, c in enumerate(candidates) if c not in candidates[:i]]


# --- verification ---------------------------------------------------------------------------------


def verify(payload: str | bytes | dict[str, Any], trust: TrustStore, at: dt.datetime) -> v.Verdict:
    """Verify a credential given as JSON text, parsed JSON, or CoWIN QR ZIP bytes."""
    try:
        credential = _load(payload)
    except CertificateError as exc:
        return v.invalid(FORMAT, exc.code, exc.message)
    content = content_of(credential)

    def fail(reason: str, message: str, key_id: str | None = None) -> v.Verdict:
        return v.invalid(
            FORMAT, reason, message, content=content, payload=credential, key_id=key_id
        )

    proof = credential.get("proof")
    problem = _structure_problem(credential, proof)
    if problem:
        return fail(v.SCHEMA_VIOLATION, problem)
    assert isinstance(proof, dict)
    method = proof.get("verificationMethod") or proof.get("creator")
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    candidates = trust.by_id(method) if isinstance(method, str) else []
    if not candidates:
        return fail(v.UNKNOWN_KID, f"no trusted key for verification method {method!r}")
    bound = [k for k in candidates if k.issuer is None or k.issuer == issuer_id]
    if not bound:
        return fail(v.UNKNOWN_ISSUER, f"{method} is not trusted for issuer {issuer_id!r}")
    try:
        header_b64, signature = _detached_jws(proof)
        algorithm = SUITES[proof["type"]]
        dropped = dropped_properties({k: val for k, val in credential.items() if k != "proof"})
        if dropped:
            return fail(
                v.SCHEMA_VIOLATION, f"{dropped[0]} is not defined by the contexts (unsigned)"
            )
        data = _verify_data(credential, proof, header_b64)
    except CertificateError as exc:
        return fail(exc.code, exc.message)
    key = next(
        (k for k in bound if verify_signature(k.public_key, algorithm, signature, data)), None
    )
    if key is None:
        return fail(v.BAD_SIGNATURE, "the proof does not verify")
    if trust.is_key_revoked(key):
        return fail(v.REVOKED, "the issuer key has been revoked", method)
    problem_time = v.check_time(
        at,
        _parse_time(credential.get("issuanceDate")),
        _parse_time(credential.get("expirationDate")),
    )
    if problem_time:
        return fail(*problem_time, method)
    if trust.revocation.is_certificate_revoked(content.get("certificate_id")):
        return fail(v.REVOKED, "the certificate has been revoked", method)
    return v.Verdict(True, FORMAT, content=content, payload=credential, key_id=method)


def _load(payload: str | bytes | dict[str, Any]) -> dict[str, Any]:
    if isinstance(payload, dict):
        return payload
    text: str | bytes = payload
    candidates = zip_candidates(payload)
    for index, candidate in enumerate(candidates):
        try:
            text = unzip(candidate)
            break
        except CertificateError:
            if index == len(candidates) - 1:
                raise
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise CertificateError(v.BAD_JSON, "the credential is not UTF-8 JSON") from None
    if len(text) > MAX_JSON:
        raise CertificateError(v.BAD_JSON, "the credential is implausibly large")
    try:
        credential = json.loads(text)
    except ValueError as exc:
        raise CertificateError(v.BAD_JSON, f"the credential is not JSON: {exc}") from None
    if not isinstance(credential, dict):
        raise CertificateError(v.BAD_JSON, "the credential is not a JSON object")
    return credential


def _structure_problem(credential: dict[str, Any], proof: Any) -> str | None:
    contexts = credential.get("@context")
    if not isinstance(contexts, list) or not contexts or contexts[0] != CREDENTIALS_V1:
        return f"@context must start with {CREDENTIALS_V1}"
    types = credential.get("type")
    if not isinstance(types, list) or "VerifiableCredential" not in types:
        return "type must include VerifiableCredential"
    if not isinstance(credential.get("credentialSubject"), dict):
        return "credentialSubject must be an object"
    if not isinstance(proof, dict) or proof.get("type") not in SUITES:
        return f"proof must be one of {', '.join(SUITES)}"
    if proof.get("proofPurpose") != "assertionMethod":
        return "proofPurpose must be assertionMethod"
    return None


def _detached_jws(proof: dict[str, Any]) -> tuple[str, bytes]:
    jws = proof.get("jws")
    if not isinstance(jws, str) or jws.count(".") != 2:
        raise CertificateError(v.BAD_JWS, "proof.jws must be a detached JWS (header..signature)")
    header_b64, empty, signature_b64 = jws.split(".")
    try:
        header = json.loads(b64url_decode(header_b64))
        signature = b64url_decode(signature_b64)
    except (ValueError, UnicodeError):
        raise CertificateError(v.BAD_JWS, "proof.jws is not base64url") from None
    expected = SUITES[proof["type"]]
    if (
        empty
        or not isinstance(header, dict)
        or header.get("b64") is not False
        or header.get("crit") != ["b64"]
        or header.get("alg") != expected
    ):
        raise CertificateError(
            v.BAD_JWS, f"proof.jws header must be {expected} with b64=false, crit [b64]"
        )
    return header_b64, signature


def _parse_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def content_of(credential: dict[str, Any]) -> dict[str, Any]:
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    evidence_list = credential.get("evidence")
    evidence = evidence_list[0] if isinstance(evidence_list, list) and evidence_list else {}
    evidence = evidence if isinstance(evidence, dict) else {}
    facility = evidence.get("facility") if isinstance(evidence.get("facility"), dict) else {}
    address = facility.get("address") if isinstance(facility.get("address"), dict) else {}
    verifier = evidence.get("verifier") if isinstance(evidence.get("verifier"), dict) else {}
    issuer = credential.get("issuer")
    return {
        "name": subject.get("name"),
        "date_of_birth": subject.get("dob"),
        "age": subject.get("age"),
        "gender": subject.get("gender"),
        "certificate_id": evidence.get("certificateId"),
        "vaccine": evidence.get("vaccine"),
        "manufacturer": evidence.get("manufacturer"),
        "batch": evidence.get("batch"),
        "dose_number": evidence.get("dose"),
        "total_doses": evidence.get("totalDoses"),
        "date": evidence.get("date"),
        "facility": facility.get("name"),
        "country": address.get("addressCountry"),
        "vaccinator": verifier.get("name"),
        "issuer": issuer.get("id") if isinstance(issuer, dict) else issuer,
        "issued_at": _parse_time(credential.get("issuanceDate")),
        "expires_at": _parse_time(credential.get("expirationDate")),
    }
