"""Keyed lookup hashes: stable, keyed, and separated by document type and purpose."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from vaxkit.identity import HashKeyError, lookup_hash, phone_lookup_hash

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def test_deterministic_hex() -> None:
    first = lookup_hash(KEY, "in.aadhaar", "234123412346")
    assert first == lookup_hash(KEY, "in.aadhaar", "234123412346")
    assert len(first) == 64 and int(first, 16) >= 0


def test_scheme_is_stable() -> None:
    # Stored hashes are looked up again years later: the scheme must never change silently.
    # Recompute it here from its definition (length-prefixed fields, HMAC-SHA256).
    def field(data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + data

    message = b"".join(
        field(part) for part in (b"vaxkit-lookup-v1", b"lookup", b"id:in.aadhaar", b"234123412346")
    )
    expected = hmac.new(KEY, message, hashlib.sha256).hexdigest()
    assert lookup_hash(KEY, "in.aadhaar", "234123412346") == expected


def test_separated_by_type_purpose_key_and_kind() -> None:
    digits = "9876543210"
    values = {
        lookup_hash(KEY, "ng.nin", digits),
        lookup_hash(KEY, "luhn", digits),
        lookup_hash(KEY, "ng.nin", digits, purpose="dedup"),
        lookup_hash(OTHER_KEY, "ng.nin", digits),
        phone_lookup_hash(KEY, digits),
        phone_lookup_hash(KEY, "+91" + digits),
        phone_lookup_hash(KEY, "+91" + digits, purpose="otp-limit"),
    }
    assert len(values) == 7


def test_field_boundaries_cannot_be_shifted() -> None:
    assert lookup_hash(KEY, "a", "bc") != lookup_hash(KEY, "ab", "c")


def test_not_a_plain_hash() -> None:
    plain = hashlib.sha256(b"234123412346").hexdigest()
    assert lookup_hash(KEY, "in.aadhaar", "234123412346") != plain


@pytest.mark.parametrize("key", [b"", b"short", "a string key of enough length"])
def test_weak_keys_are_refused(key: object) -> None:
    with pytest.raises(HashKeyError) as caught:
        lookup_hash(key, "in.aadhaar", "234123412346")  # type: ignore[arg-type]
    assert caught.value.code == "hash.key"
