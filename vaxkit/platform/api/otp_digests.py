"""CoWIN clients send the OTP as the SHA-256 hex digest of its digits (``confirmOTP``).

The sign-in service stores OTPs only as keyed hashes, so the digits are recovered from the
client's digest: a SHA-256 over a 10**length space is a public function, so this reveals
nothing the digest did not. A sorted table of 64-bit values (40 bits of digest, 24 bits of
code) is built once per process and length (about 1 s and 8 MB for six digits); lookups are a
binary search. Longer OTPs (7-8 digits) would need 80-800 MB, so their digests are refused.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_left
from functools import lru_cache

from vaxkit.platform.errors import ServiceError

MAX_HASHED_LENGTH = 6
_HEX64 = re.compile(r"^[0-9a-fA-F]{64}$")
_CODE_BITS = 24


@lru_cache(maxsize=MAX_HASHED_LENGTH)
def _table(length: int) -> array:
    sha = hashlib.sha256
    values = [
        (int.from_bytes(sha(f"{code:0{length}d}".encode()).digest()[:5], "big") << _CODE_BITS)
        | code
        for code in range(10**length)
    ]
    values.sort()
    return array("Q", values)


def otp_digits(otp: str, length: int) -> str:
    """The OTP digits behind ``otp``: its digits as typed, or the code whose SHA-256 hex digest
    it is. An unknown digest gives ``""`` (a wrong OTP, counted as a failed try).

    Raises ``otp.format`` for anything else, and for digests of OTPs over six digits.
    """
    otp = otp.strip()
    if otp.isdigit() and len(otp) == length:
        return otp
    if not _HEX64.match(otp):
        raise ServiceError("otp.format", "Send the OTP digits or their SHA-256 hex digest.")
    if length > MAX_HASHED_LENGTH:
        raise ServiceError("otp.format", "This platform's OTPs must be sent as digits.")
    digest = bytes.fromhex(otp)
    prefix = int.from_bytes(digest[:5], "big") << _CODE_BITS
    table = _table(length)
    index = bisect_left(table, prefix)
    while index < len(table) and table[index] >> _CODE_BITS == prefix >> _CODE_BITS:
        code = f"{table[index] & ((1 << _CODE_BITS) - 1):0{length}d}"
        if hashlib.sha256(code.encode()).digest() == digest:
            return code
        index += 1
    return ""
