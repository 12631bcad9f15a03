"""Encrypted PKCS#8 private keys (RFC 5958 EncryptedPrivateKeyInfo, RFC 8018 PBES2) with a KDF
cost vaxkit chooses.

``cryptography``'s ``BestAvailableEncryption`` writes PBES2 with only 2048 PBKDF2 iterations, far
below current guidance for passphrase-derived keys (OWASP: 600 000 for PBKDF2-HMAC-SHA256), and it
does not let PKCS#8 callers choose. The envelope is built here (PBKDF2-HMAC-SHA256, AES-256-CBC);
any PKCS#8 reader, ``cryptography`` and OpenSSL included, decrypts it.
"""

from __future__ import annotations

import base64
import hashlib
import os

from cryptography.hazmat.primitives import padding, serialization
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ITERATIONS = 600_000

# DER of the fixed OIDs
_PBES2 = bytes.fromhex("06092a864886f70d01050d")  # 1.2.840.113549.1.5.13
_PBKDF2 = bytes.fromhex("06092a864886f70d01050c")  # 1.2.840.113549.1.5.12
_HMAC_SHA256 = bytes.fromhex("06082a864886f70d0209")  # 1.2.840.113549.2.9
_AES256_CBC = bytes.fromhex("060960864801650304012a")  # 2.16.840.1.101.3.4.1.42
_NULL = b"\x05\x00"


def _der(tag: int, content: bytes) -> bytes:
    length = len(content)
    if length < 0x80:
        head = bytes((length,))
    else:
        size = (length.bit_length() + 7) // 8
        head = bytes((0x80 | size,)) + length.to_bytes(size, "big")
    return bytes((tag,)) + head + content


def _sequence(*items: bytes) -> bytes:
    return _der(0x30, b"".join(items))


def _integer(value: int) -> bytes:
    return _der(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def encrypt_pkcs8(private_key: object, passphrase: bytes, iterations: int = ITERATIONS) -> bytes:
    """PEM ``ENCRYPTED PRIVATE KEY`` of ``private_key`` under ``passphrase``."""
    plain = private_key.private_bytes(  # type: ignore[attr-defined]
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv = os.urandom(16), os.urandom(16)
    key = hashlib.pbkdf2_hmac("sha256", passphrase, salt, iterations, 32)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    encrypted = encryptor.update(padded) + encryptor.finalize()
    kdf = _sequence(
        _PBKDF2,
        _sequence(_der(0x04, salt), _integer(iterations), _sequence(_HMAC_SHA256, _NULL)),
    )
    scheme = _sequence(_AES256_CBC, _der(0x04, iv))
    info = _sequence(_sequence(_PBES2, _sequence(kdf, scheme)), _der(0x04, encrypted))
    body = base64.encodebytes(info).replace(b"\n", b"")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return b"\n".join(
        [
            b"-----BEGIN ENCRYPTED PRIVATE KEY-----",
            *lines,
            b"-----END ENCRYPTED PRIVATE KEY-----",
            b"",
        ]
    )
