"""EU Digital COVID Certificate (HCERT, ehn-dcc-development/hcert-spec v1.0.x).

Encoding: DCC JSON (schema 1.3.x) -> CWT claims ``{1: iss, 4: exp, 6: iat, -260: {1: dcc}}`` ->
COSE_Sign1 (ES256, or PS256 for RSA keys; ``kid`` = first 8 bytes of SHA-256 of the DSC, in the
protected header) -> zlib -> Base45 -> ``HC1:`` prefix.

Decoding runs the same steps backwards, each failing with its own reason code, so the
conformance runner (``vectors.py``) and the verifier share one implementation.
"""

from __future__ import annotations

import base64
import datetime as dt
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import cbor2

from vaxkit.certificates import verdict as v
from vaxkit.certificates.base45 import b45decode, b45encode
from vaxkit.certificates.certinfo import CertificateInfo
from vaxkit.certificates.cose import CoseSign1, decode_sign1, sign1
from vaxkit.certificates.dcc_schema import VALUE_SET_ERROR, checker
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jose import verify_signature
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.signers import Signer, cose_kid
from vaxkit.certificates.trust import TrustedKey, TrustStore
from vaxkit.certificates.valuesets import display

FORMAT = "eu_dcc"
PREFIX = "HC1:"
DCC_VERSION = "1.3.0"
CLAIM_ISS, CLAIM_EXP, CLAIM_IAT, CLAIM_HCERT = 1, 4, 6, -260
MAX_DECOMPRESSED = 64 * 1024  # a DCC is < 4 KiB; anything bigger is a decompression bomb

# EU DCC extended key usages per certificate type; early DSCs used an OID with an extra ".0"
_EKU = {
    "t": {"1.3.6.1.4.1.1847.2021.1.1", "1.3.6.1.4.1.0.1847.2021.1.1"},
    "v": {"1.3.6.1.4.1.1847.2021.1.2", "1.3.6.1.4.1.0.1847.2021.1.2"},
    "r": {"1.3.6.1.4.1.1847.2021.1.3", "1.3.6.1.4.1.0.1847.2021.1.3"},
}
_ALL_EKU = set().union(*_EKU.values())


# --- encoding -------------------------------------------------------------------------------------


def build_dcc(record: VaccinationRecord) -> dict[str, Any]:
    """The DCC JSON payload (vaccination group) of a record."""
    name: dict[str, str] = {}
    if record.family_name or record.family_name_latin:
        name["fn"] = record.family_name
        name["fnt"] = record.family_name_latin
    if record.given_name or record.given_name_latin:
        name["gn"] = record.given_name
        name["gnt"] = record.given_name_latin
    return {
        "ver": DCC_VERSION,
        "nam": name,
        "dob": record.date_of_birth,
        "v": [
            {
                "tg": record.disease,
                "vp": record.eu_vp,
                "mp": record.eu_mp,
                "ma": record.eu_ma,
                "dn": record.dose_number,
                "sd": record.total_doses,
                "dt": record.date.isoformat(),
                "co": record.country,
                "is": record.issuer,
                "ci": record.certificate_id,
            }
        ],
    }


def check_dcc(dcc: Mapping[str, Any]) -> None:
    """Raise ``schema_violation`` or ``unknown_value`` unless ``dcc`` is a valid DCC."""
    problem = _check(dcc)
    if problem is None:
        return
    if problem.startswith(VALUE_SET_ERROR):
        raise CertificateError(v.UNKNOWN_VALUE, f"not in its EU value set: {problem[15:]}")
    raise CertificateError(v.SCHEMA_VIOLATION, f"DCC schema: {problem}")


def _check(dcc: Mapping[str, Any]) -> str | None:
    global _check_compiled  # compiled on first use, then called directly
    if _check_compiled is None:
        _check_compiled = checker(value_sets=True)
    return _check_compiled(dcc)


_check_compiled: Any = None


def compress(data: bytes, method: str = "deflate") -> bytes:
    """zlib stream (RFC 1950) of ``data``: ``deflate`` level 9, or deflate ``stored`` blocks.

    Both are zlib with Deflate (RFC 1951) as the hcert specification requires, and every inflater
    reads both. Issuance compresses for real, as other issuers do, although on a DCC it saves only
    0-20 bytes and costs 8-14 us (about one ES256 signature); ``stored`` is there for issuers that
    measure the trade-off the other way.
    """
    if method == "stored":
        adler = zlib.adler32(data).to_bytes(4, "big")
        size = len(data)
        if size < 0xFFFF:  # one final stored block: BFINAL=1, BTYPE=00, LEN, NLEN
            return b"\x78\x01\x01" + struct.pack("<HH", size, size ^ 0xFFFF) + data + adler
        blocks = []
        for start in range(0, max(len(data), 1), 0xFFFF):
            chunk = data[start : start + 0xFFFF]
            final = 1 if start + 0xFFFF >= len(data) else 0
            size = len(chunk)
            blocks.append(
                bytes((final,)) + size.to_bytes(2, "little") + (size ^ 0xFFFF).to_bytes(2, "little")
            )
            blocks.append(chunk)
        return b"\x78\x01" + b"".join(blocks) + adler
    if method == "deflate":
        # zlib.compress allocates ~270 KiB of state per call, which glibc gives back and faults
        # in again (15-40 us); raw deflate with a 4 KiB window finds the same matches in a DCC
        compressor = zlib.compressobj(9, zlib.DEFLATED, -12, 4)
        body = compressor.compress(data) + compressor.flush()
        return b"\x78\xda" + body + zlib.adler32(data).to_bytes(4, "big")
    raise CertificateError("bad_compression", f"unknown compression {method!r}")


def encode(
    record: VaccinationRecord, signer: Signer, *, check: bool = True, compression: str = "deflate"
) -> str:
    """Sign ``record`` as an ``HC1:`` string (``compression``: ``stored`` or ``deflate``).

    ``exp`` is the record's expiry, but never later than the signer certificate's own expiry
    (verifiers reject certificates that outlive their DSC).
    """
    kid, not_after = _signer_facts(signer)
    dcc = build_dcc(record)
    if check:
        check_dcc(dcc)
    claims = {
        CLAIM_ISS: record.country,
        CLAIM_EXP: min(int(record.expires_at.timestamp()), not_after),
        CLAIM_IAT: int(record.issued_at.timestamp()),
        CLAIM_HCERT: {1: dcc},
    }
    message = sign1(cbor2.dumps(claims), signer, kid)
    return PREFIX + b45encode(compress(message, compression))


def _signer_facts(signer: Signer) -> tuple[bytes, int]:
    """(EU DCC kid, DSC expiry as a timestamp); ``LocalSigner`` precomputes them."""
    facts = getattr(signer, "dcc_facts", None)
    if facts is not None:
        return facts
    certificate = signer.certificate
    if certificate is None:
        raise CertificateError(
            "no_certificate", "an EU DCC signer needs a document signer certificate"
        )
    return cose_kid(certificate), int(certificate.not_valid_after_utc.timestamp())


# --- decoding -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DecodedHcert:
    """An ``HC1:`` payload taken apart (signature not yet checked)."""

    cose: CoseSign1
    claims: Mapping[Any, Any]
    dcc: Mapping[str, Any]

    # cached: the verifier reads each of these several times per certificate

    @cached_property
    def issued_at(self) -> dt.datetime | None:
        return v.utc_from_timestamp(self.claims.get(CLAIM_IAT))

    @cached_property
    def expires_at(self) -> dt.datetime | None:
        return v.utc_from_timestamp(self.claims.get(CLAIM_EXP))

    @cached_property
    def certificate_type(self) -> str | None:
        """``v``, ``t`` or ``r``; ``None`` when the DCC has none or several."""
        types = [t for t in ("v", "t", "r") if t in self.dcc]
        return types[0] if len(types) == 1 else None

    @cached_property
    def certificate_id(self) -> str | None:
        entries = self.dcc.get(self.certificate_type or "", None)
        if entries.__class__ is list and entries and _is_map(entries[0]):
            ci = entries[0].get("ci")
            return ci if isinstance(ci, str) else None
        return None


def unprefix(text: str) -> str:
    if not text.startswith(PREFIX):
        raise CertificateError(v.BAD_PREFIX, f"an EU DCC starts with {PREFIX!r}")
    return text[len(PREFIX) :]


def decompress(data: bytes) -> bytes:
    """zlib-decompress with a size cap; raises ``bad_compression``."""
    decompressor = zlib.decompressobj()
    try:
        out = decompressor.decompress(data, MAX_DECOMPRESSED)
    except zlib.error as exc:
        raise CertificateError(v.BAD_COMPRESSION, f"not zlib data: {exc}") from None
    if decompressor.unconsumed_tail:
        raise CertificateError(v.BAD_COMPRESSION, "decompressed payload is implausibly large")
    if not decompressor.eof:
        raise CertificateError(v.BAD_COMPRESSION, "zlib stream is truncated")
    return out


def decode_claims(payload: bytes) -> tuple[Mapping[Any, Any], Mapping[str, Any]]:
    """CWT claims and the DCC inside them; raises ``bad_cbor`` or ``bad_cwt``."""
    try:
        claims = cbor2.loads(payload)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CertificateError(v.BAD_CBOR, f"the CWT payload is not valid CBOR: {exc}") from None
    if not _is_map(claims):
        raise CertificateError(v.BAD_CWT, "the CWT payload is not a CBOR map")
    hcert = claims.get(CLAIM_HCERT)
    if not _is_map(hcert) or not _is_map(hcert.get(1)):
        raise CertificateError(v.BAD_CWT, "the CWT has no hcert claim (-260) holding a DCC (1)")
    for claim in (CLAIM_IAT, CLAIM_EXP):
        value = claims.get(claim)
        if value is not None and (value.__class__ not in (int, float) or not -1e11 < value < 1e11):
            raise CertificateError(v.BAD_CWT, f"CWT claim {claim} is not a NumericDate")
    return claims, hcert[1]


def decode(text: str) -> DecodedHcert:
    """Take an ``HC1:`` string apart; raises ``CertificateError`` with the failing step's code."""
    message = decode_sign1(decompress(b45decode(unprefix(text.strip()))))
    claims, dcc = decode_claims(message.payload)
    return DecodedHcert(message, claims, dcc)


# --- verification ---------------------------------------------------------------------------------


def key_usage_allows(usages: frozenset[str] | None, certificate_type: str | None) -> bool:
    """EU rule: a DSC without DCC key usages may sign every type; with them, only those types."""
    if not usages or not usages & _ALL_EKU:
        return True
    return certificate_type is not None and bool(usages & _EKU[certificate_type])


def signature_valid(message: CoseSign1, public_key: Any) -> bool:
    algorithm = message.algorithm
    return algorithm is not None and verify_signature(
        public_key, algorithm, message.signature, message.to_be_signed()
    )


def find_signer(message: CoseSign1, trust: TrustStore) -> TrustedKey:
    """The trusted DSC whose key verifies the signature; ``unknown_kid`` or ``bad_signature``."""
    kid = message.kid
    if kid is None:
        raise CertificateError(v.UNKNOWN_KID, "the COSE message carries no kid")
    candidates = trust.by_dcc_kid(kid)
    if not candidates:
        raise CertificateError(v.UNKNOWN_KID, f"no trusted document signer has kid {kid.hex()}")
    if message.algorithm is None:
        raise CertificateError(v.BAD_COSE, "the protected header has no supported alg")
    for candidate in candidates:
        if signature_valid(message, candidate.public_key):
            return candidate
    raise CertificateError(v.BAD_SIGNATURE, "the signature does not verify with the DSC")


def validity_problem(
    decoded: DecodedHcert, dsc: CertificateInfo | None, at: dt.datetime
) -> tuple[str, str] | None:
    """(reason, message) if the certificate is not valid at ``at``, or was signed outside the
    validity of its DSC."""
    problem = v.check_time(at, decoded.issued_at, decoded.expires_at)
    if problem or dsc is None:
        return problem
    signed = decoded.issued_at or at
    if signed > dsc.not_after:
        return v.EXPIRED, f"signed after its DSC expired ({dsc.not_after.isoformat()})"
    if signed < dsc.not_before:
        return v.NOT_YET_VALID, f"signed before its DSC was valid ({dsc.not_before.isoformat()})"
    return None


def verify(text: str, trust: TrustStore, at: dt.datetime) -> v.Verdict:
    """Verify an ``HC1:`` string; never raises for bad input.

    The signature is checked before a bad payload is reported, so that any change to signed
    bytes reads as ``bad_signature`` (the payload is still decoded first, when it can be, to show
    what the certificate claims).
    """
    try:
        message = decode_sign1(decompress(b45decode(unprefix(text.strip()))))
    except CertificateError as exc:
        return v.invalid(FORMAT, exc.code, exc.message)
    decoded: DecodedHcert | None = None
    payload_error: CertificateError | None = None
    try:
        claims, dcc = decode_claims(message.payload)
        decoded = DecodedHcert(message, claims, dcc)
    except CertificateError as exc:
        payload_error = exc
    content = content_of(decoded) if decoded is not None else {}
    payload = dict(decoded.dcc) if decoded is not None else None
    try:
        key = find_signer(message, trust)
    except CertificateError as exc:
        if payload_error is not None and exc.code != v.BAD_SIGNATURE:
            exc = payload_error  # unauthenticated and malformed: the malformation says more
        return v.invalid(FORMAT, exc.code, exc.message, content=content, payload=payload)
    if decoded is None:
        assert payload_error is not None
        return v.invalid(FORMAT, payload_error.code, payload_error.message)
    kid = message.kid
    key_id = base64.b64encode(kid).decode("ascii") if kid else None

    def fail(reason: str, message: str) -> v.Verdict:
        return v.invalid(FORMAT, reason, message, content=content, payload=payload, key_id=key_id)

    if trust.is_key_revoked(key):
        return fail(v.REVOKED, "the document signer key has been revoked")
    usages = key.certificate.extended_key_usages if key.certificate else None
    if not key_usage_allows(usages, decoded.certificate_type):
        return fail(
            v.KEY_NOT_ALLOWED, "the DSC's extended key usage does not allow this certificate type"
        )
    problem = validity_problem(decoded, key.certificate, at)
    if problem:
        return fail(*problem)
    try:
        check_dcc(decoded.dcc)
    except CertificateError as exc:
        return fail(exc.code, exc.message)
    if trust.revocation.is_certificate_revoked(decoded.certificate_id):
        return fail(v.REVOKED, "the certificate has been revoked")
    return v.Verdict(True, FORMAT, content=content, payload=payload, key_id=key_id)


def _is_map(value: Any) -> bool:
    return value.__class__ is dict or isinstance(value, Mapping)  # dict first: ABC checks are slow


def _join(first: Any, second: Any) -> str:
    if first and second:
        return f"{first} {second}"
    return str(first or second or "")


def content_of(decoded: DecodedHcert) -> dict[str, Any]:
    """Human-readable fields of a decoded DCC (vaccination entries in detail)."""
    dcc = decoded.dcc
    name = dcc.get("nam")
    if not _is_map(name):
        name = {}
    content: dict[str, Any] = {
        "name": _join(name.get("gn"), name.get("fn")),
        "name_latin": _join(name.get("gnt"), name.get("fnt")),
        "date_of_birth": dcc.get("dob"),
        "issued_at": decoded.issued_at,
        "expires_at": decoded.expires_at,
    }
    entries = dcc.get("v")
    if entries.__class__ is list and entries and _is_map(entries[0]):
        entry = entries[0]
        content.update(
            certificate_id=entry.get("ci"),
            vaccine=display("vaccine-medicinal-product", str(entry.get("mp"))),
            vaccine_type=display("vaccine-prophylaxis", str(entry.get("vp"))),
            manufacturer=display("vaccine-mah-manf", str(entry.get("ma"))),
            disease=display("disease-agent-targeted", str(entry.get("tg"))),
            dose_number=entry.get("dn"),
            total_doses=entry.get("sd"),
            date=entry.get("dt"),
            country=entry.get("co"),
            issuer=entry.get("is"),
        )
    else:
        content["certificate_id"] = decoded.certificate_id
    return content
