"""The outcome of verifying a certificate, and the reason codes it can carry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# Reason codes (stable; shown to API clients and in the CLI's --json output)
BAD_PREFIX = "bad_prefix"
BAD_BASE45 = "bad_base45"
BAD_COMPRESSION = "bad_compression"
BAD_CBOR = "bad_cbor"
BAD_COSE = "bad_cose"
BAD_CWT = "bad_cwt"
BAD_JSON = "bad_json"
BAD_JWS = "bad_jws"
BAD_QR = "bad_qr"
BAD_ZIP = "bad_zip"
BAD_CERTIFICATE = "bad_certificate"
BAD_JSONLD = "bad_jsonld"
MALFORMED = "malformed"
UNKNOWN_FORMAT = "unknown_format"
UNKNOWN_KID = "unknown_kid"
UNKNOWN_ISSUER = "unknown_issuer"
BAD_SIGNATURE = "bad_signature"
EXPIRED = "expired"
NOT_YET_VALID = "not_yet_valid"
SCHEMA_VIOLATION = "schema_violation"
UNKNOWN_VALUE = "unknown_value"
REVOKED = "revoked"
KEY_NOT_ALLOWED = "key_not_allowed"

REASONS = (
    BAD_PREFIX,
    BAD_BASE45,
    BAD_COMPRESSION,
    BAD_CBOR,
    BAD_COSE,
    BAD_CWT,
    BAD_JSON,
    BAD_JWS,
    BAD_QR,
    BAD_ZIP,
    BAD_CERTIFICATE,
    UNKNOWN_FORMAT,
    UNKNOWN_KID,
    UNKNOWN_ISSUER,
    BAD_SIGNATURE,
    EXPIRED,
    NOT_YET_VALID,
    SCHEMA_VIOLATION,
    UNKNOWN_VALUE,
    REVOKED,
    KEY_NOT_ALLOWED,
)


@dataclass
class Verdict:
    """Whether a certificate is valid, and what it says.

    ``content`` is filled whenever the payload could be decoded, even when the verdict is
    invalid (a verifier shows what the certificate claims next to why it is rejected).
    """

    valid: bool
    format: str | None
    reason: str | None = None
    message: str = ""
    content: dict[str, Any] = field(default_factory=dict)
    """Human-readable fields: name, date_of_birth, certificate_id, vaccine, manufacturer,
    dose_number, total_doses, date, country, issuer, issued_at, expires_at."""
    key_id: str | None = None
    """Id of the trusted key that verified the signature."""
    payload: Any = None
    """The decoded payload as the format defines it (DCC JSON, FHIR bundle, credential, ...)."""

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary (``payload`` left out: it may be large)."""
        return {
            "valid": self.valid,
            "format": self.format,
            "reason": self.reason,
            "message": self.message,
            "key_id": self.key_id,
            "content": {k: _jsonable(v) for k, v in self.content.items()},
        }


def invalid(fmt: str | None, reason: str, message: str, **kwargs: Any) -> Verdict:
    return Verdict(False, fmt, reason, message, **kwargs)


def check_time(
    at: dt.datetime, not_before: dt.datetime | None, not_after: dt.datetime | None
) -> tuple[str, str] | None:
    """(reason, message) when ``at`` is outside [not_before, not_after]."""
    if not_before is not None and at < not_before:
        return NOT_YET_VALID, f"valid from {not_before.isoformat()}"
    if not_after is not None and at > not_after:
        return EXPIRED, f"expired at {not_after.isoformat()}"
    return None


def utc_from_timestamp(value: Any) -> dt.datetime | None:
    """A CWT/JWT NumericDate (int or float seconds) as an aware datetime; ``None`` if unusable."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value, dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
