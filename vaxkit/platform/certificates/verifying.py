"""Verifying a certificate payload against the active tenant's own trust material."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from typing import Any

from vaxkit.certificates import Verdict, verify
from vaxkit.platform.certificates.publishing import trust_store
from vaxkit.platform.errors import ServiceError

MAX_PAYLOAD_CHARS = 16_000
"""Longest payload accepted: a multi-chunk SMART Health Card or a W3C VC stays well below."""


def verify_payload(payload: str | bytes, *, at: dt.datetime | None = None) -> Verdict:
    """Verify ``payload`` (QR text, or the raw bytes of a W3C VC ZIP QR) with this tenant's
    keys and revocation list. A bad certificate is an invalid ``Verdict`` with a reason code;
    only unusable input raises ``ServiceError`` (``verify.payload_too_large``,
    ``verify.empty_payload``)."""
    if not payload:
        raise ServiceError("verify.empty_payload", "Give the certificate's QR content.")
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise ServiceError(
            "verify.payload_too_large",
            f"A certificate payload has at most {MAX_PAYLOAD_CHARS} characters.",
        )
    return verify(payload, trust_store(), at)


def payload_from_request(document: Any) -> str | bytes:
    """The payload in a verification request body: ``{"payload": "HC1:..."}``, or
    ``{"payload_base64": "..."}`` for binary QR content (a W3C VC ZIP). Errors:
    ``verify.bad_request``, ``verify.missing_payload``, ``verify.bad_payload``."""
    if not isinstance(document, dict):
        raise ServiceError("verify.bad_request", 'Send a JSON object: {"payload": "..."}.')
    if "payload" in document:
        payload = document["payload"]
        if not isinstance(payload, str):
            raise ServiceError("verify.bad_payload", "`payload` must be a string.")
        return payload
    if "payload_base64" in document:
        encoded = document["payload_base64"]
        if not isinstance(encoded, str) or len(encoded) > MAX_PAYLOAD_CHARS * 2:
            raise ServiceError("verify.bad_payload", "`payload_base64` must be a base64 string.")
        try:
            return base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise ServiceError(
                "verify.bad_payload", "`payload_base64` is not valid base64."
            ) from None
    raise ServiceError("verify.missing_payload", "Give `payload` (or `payload_base64`).")
