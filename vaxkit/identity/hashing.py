"""Keyed hashes of identity and phone numbers, for lookups and de-duplication.

Numbers are stored encrypted; to find "is this Aadhaar already registered?" without decrypting
every row, the platform stores ``lookup_hash(key, "in.aadhaar", normalised)`` next to the
ciphertext. HMAC-SHA256 with a secret key (``VAXKIT_LOOKUP_KEY``) resists the dictionary attack
that a plain hash of a 12-digit number would not. Every input is domain-separated by purpose and
by document type, so the same digits as an Aadhaar and as a phone number, or hashed for lookup
and for a rate-limit bucket, never give the same value. Always pass the *normalised* number.
"""

from __future__ import annotations

import hashlib
import hmac

from vaxkit.identity.errors import HashKeyError

MIN_KEY_BYTES = 16
SCHEME = b"vaxkit-lookup-v1"


def lookup_hash(key: bytes, doc_type: str, normalised: str, *, purpose: str = "lookup") -> str:
    """HMAC-SHA256 (hex) of a normalised identity number of type ``doc_type``.

    ``doc_type`` is the check rule (``in.aadhaar``) or another stable document identifier; use the
    same one for writing and for looking up.
    """
    return _hmac(key, purpose, f"id:{doc_type}", normalised)


def phone_lookup_hash(key: bytes, e164: str, *, purpose: str = "lookup") -> str:
    """HMAC-SHA256 (hex) of a phone number in E.164 form (``+919876543210``)."""
    return _hmac(key, purpose, "phone", e164)


def _hmac(key: bytes, purpose: str, domain: str, value: str) -> str:
    if not isinstance(key, bytes | bytearray) or len(key) < MIN_KEY_BYTES:
        raise HashKeyError(
            "hash.key",
            f"The lookup key must be at least {MIN_KEY_BYTES} bytes.",
            hint="Set VAXKIT_LOOKUP_KEY to a long random secret (e.g. 32 random bytes, base64).",
        )
    message = b"".join(_field(part) for part in (SCHEME, purpose, domain, value))
    return hmac.new(bytes(key), message, hashlib.sha256).hexdigest()


def _field(part: str | bytes) -> bytes:
    # Length-prefixed fields: ("ab", "c") and ("a", "bc") can never collide.
    data = part.encode("utf-8") if isinstance(part, str) else part
    return len(data).to_bytes(4, "big") + data
