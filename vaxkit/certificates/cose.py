"""COSE_Sign1 (RFC 9052) with cbor2 and ``cryptography``: the signed envelope of an EU DCC.

Decoding accepts what issuers in the field produce: untagged messages, tag 18 (COSE_Sign1), tag
61 (CWT) wrapping tag 18, and the key id in the unprotected header. The algorithm is only ever
taken from the protected header, which the signature covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import cbor2

from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.jose import COSE_ALGORITHM_IDS, COSE_ALGORITHMS
from vaxkit.certificates.signers import Signer

TAG_COSE_SIGN1 = 18
TAG_CWT = 61
HEADER_ALG = 1
HEADER_KID = 4


@dataclass(frozen=True)
class CoseSign1:
    """A decoded COSE_Sign1 message."""

    protected_bytes: bytes
    protected: dict[Any, Any]
    unprotected: Mapping[Any, Any]
    payload: bytes
    signature: bytes

    @property
    def algorithm(self) -> str | None:
        """JOSE name of the protected ``alg``; ``None`` when absent or unknown."""
        return COSE_ALGORITHMS.get(self.protected.get(HEADER_ALG))

    @property
    def kid(self) -> bytes | None:
        """Key id: protected header first, then unprotected (some issuers put it only there)."""
        kid = self.protected.get(HEADER_KID)
        if kid is None:
            kid = self.unprotected.get(HEADER_KID)
        return bytes(kid) if isinstance(kid, bytes | bytearray) else None

    def to_be_signed(self) -> bytes:
        """The ``Sig_structure`` the signature covers (no external AAD)."""
        return sig_structure(self.protected_bytes, self.payload)


_BSTR_HEADERS = [bytes((0x40 | n,)) if n < 24 else bytes((0x58, n)) for n in range(256)]


def _bstr(data: bytes) -> bytes:
    """CBOR byte string (major type 2) with its length header."""
    n = len(data)
    if n < 0x100:
        return _BSTR_HEADERS[n] + data
    if n < 0x10000:
        return b"\x59" + n.to_bytes(2, "big") + data
    return b"\x5a" + n.to_bytes(4, "big") + data


_SIG_STRUCTURE_HEAD = b"\x84\x6aSignature1"  # array(4), tstr(10) "Signature1"
# (alg, kid) -> (Sig_structure up to the payload, COSE_Sign1 up to the payload): constant per key
_heads: dict[tuple[int, bytes], tuple[bytes, bytes]] = {}


def sig_structure(protected_bytes: bytes, payload: bytes) -> bytes:
    """CBOR of ``["Signature1", protected, h'', payload]``, concatenated directly (hot path)."""
    return _SIG_STRUCTURE_HEAD + _bstr(protected_bytes) + b"\x40" + _bstr(payload)


def _message_heads(alg: int, kid: bytes) -> tuple[bytes, bytes]:
    heads = _heads.get((alg, kid))
    if heads is None:
        protected = _bstr(cbor2.dumps({HEADER_ALG: alg, HEADER_KID: kid}))
        # tag 18, array(4): protected bstr, empty unprotected map, then payload and signature
        heads = (_SIG_STRUCTURE_HEAD + protected + b"\x40", b"\xd2\x84" + protected + b"\xa0")
        if len(_heads) < 256:
            _heads[(alg, kid)] = heads
    return heads


def sign1(payload: bytes, signer: Signer, kid: bytes) -> bytes:
    """A tagged COSE_Sign1 message with ``alg`` and ``kid`` in the protected header."""
    try:
        alg = COSE_ALGORITHM_IDS[signer.algorithm]
    except KeyError:
        raise CertificateError(
            "unsupported_key", f"no COSE algorithm for {signer.algorithm}"
        ) from None
    to_be_signed_head, message_head = _message_heads(alg, kid)
    body = _bstr(payload)
    signature = signer.sign(to_be_signed_head + body)
    return message_head + body + _bstr(signature)


def decode_sign1(data: bytes) -> CoseSign1:
    """Parse a COSE_Sign1 message.

    Raises ``CertificateError`` with ``bad_cbor`` (not CBOR at all) or ``bad_cose`` (CBOR, but
    not a COSE_Sign1 structure).
    """
    try:
        message = cbor2.loads(data)
    except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise CertificateError("bad_cbor", f"the COSE message is not valid CBOR: {exc}") from None
    if isinstance(message, cbor2.CBORTag) and message.tag == TAG_CWT:
        message = message.value
    if isinstance(message, cbor2.CBORTag):
        if message.tag != TAG_COSE_SIGN1:
            raise CertificateError("bad_cose", f"CBOR tag {message.tag} is not COSE_Sign1 (18)")
        message = message.value
    if not isinstance(message, list | tuple) or len(message) != 4:
        raise CertificateError("bad_cose", "COSE_Sign1 must be an array of 4 items")
    protected_bytes, unprotected, payload, signature = message
    if not isinstance(protected_bytes, bytes) or not isinstance(payload, bytes):
        raise CertificateError("bad_cose", "COSE_Sign1 protected header and payload must be bstr")
    if not isinstance(signature, bytes) or not isinstance(unprotected, Mapping):
        raise CertificateError("bad_cose", "COSE_Sign1 signature must be bstr, unprotected a map")
    protected: Any = {}
    if protected_bytes:
        try:
            protected = cbor2.loads(protected_bytes)
        except (cbor2.CBORDecodeError, ValueError, TypeError, OverflowError) as exc:
            raise CertificateError("bad_cose", f"protected header is not CBOR: {exc}") from None
        if not isinstance(protected, dict):
            raise CertificateError("bad_cose", "protected header must be a CBOR map")
    return CoseSign1(protected_bytes, protected, unprotected, payload, signature)
