"""The ``Signer`` protocol every encoder signs through, and its in-process implementation.

An HSM or a cloud KMS implements the same protocol later (the private key never leaves it); the
encoders only ever call ``sign`` and read the public parts.
"""

from __future__ import annotations

import hashlib
from typing import Protocol, runtime_checkable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from vaxkit.certificates.errors import SigningKeyError
from vaxkit.certificates.jose import PublicKey, algorithm_for_key, jwk_thumbprint

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey


@runtime_checkable
class Signer(Protocol):
    """Signs certificate payloads with one key."""

    @property
    def algorithm(self) -> str:
        """JOSE algorithm name: ``ES256``, ``PS256`` or ``EdDSA``."""
        ...

    @property
    def kid(self) -> str:
        """Format-neutral key id: the RFC 7638 JWK thumbprint of the public key."""
        ...

    @property
    def public_key(self) -> PublicKey:
        """The public key verifiers use."""
        ...

    @property
    def certificate(self) -> x509.Certificate | None:
        """The X.509 signer certificate (EU DCC DSC, VDS-NC signer), if the key has one."""
        ...

    def sign(self, data: bytes) -> bytes:
        """Signature over ``data`` in JOSE/COSE form (ECDSA: fixed-size ``r || s``)."""
        ...


def cose_kid(certificate: x509.Certificate) -> bytes:
    """EU DCC key id: the first 8 bytes of the SHA-256 of the signer certificate (DER)."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).digest()[:8]


class LocalSigner:
    """A ``Signer`` holding its private key in process memory."""

    def __init__(
        self, private_key: PrivateKey, certificate: x509.Certificate | None = None
    ) -> None:
        public_key = private_key.public_key()
        if certificate is not None and certificate.public_key() != public_key:
            raise SigningKeyError(
                "key_certificate_mismatch", "the certificate does not belong to the private key"
            )
        self._key = private_key
        self._certificate = certificate
        self._public_key = public_key
        self._algorithm = algorithm_for_key(public_key)
        self._kid = jwk_thumbprint(public_key)
        # choose the signing routine once: per-call isinstance checks on the key's ABCs cost ~3 us
        if isinstance(private_key, ec.EllipticCurvePrivateKey):
            size = (private_key.curve.key_size + 7) // 8
            ecdsa = ec.ECDSA({32: hashes.SHA256(), 48: hashes.SHA384()}.get(size, hashes.SHA512()))
            sign = private_key.sign

            def sign_ecdsa(data: bytes) -> bytes:
                r, s = decode_dss_signature(sign(data, ecdsa))
                return r.to_bytes(size, "big") + s.to_bytes(size, "big")

            self._sign = sign_ecdsa
            self.sign = sign_ecdsa  # type: ignore[method-assign]  # skip a call frame per signature
        elif isinstance(private_key, ed25519.Ed25519PrivateKey):
            self._sign = private_key.sign
        else:
            pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
            self._sign = lambda data: private_key.sign(data, pss, hashes.SHA256())
        self._cose_kid = cose_kid(certificate) if certificate is not None else None
        self.dcc_facts: tuple[bytes, int] | None = (
            (self._cose_kid, int(certificate.not_valid_after_utc.timestamp()))
            if certificate is not None and self._cose_kid is not None
            else None
        )
        """(EU DCC kid, DSC expiry timestamp): read on every EU DCC issuance."""

    @property
    def algorithm(self) -> str:
        return self._algorithm

    @property
    def kid(self) -> str:
        return self._kid

    @property
    def public_key(self) -> PublicKey:
        return self._public_key

    @property
    def certificate(self) -> x509.Certificate | None:
        return self._certificate

    @property
    def cose_kid(self) -> bytes | None:
        """Cached EU DCC kid (``None`` without a certificate)."""
        return self._cose_kid

    def sign(self, data: bytes) -> bytes:
        return self._sign(data)

    def __repr__(self) -> str:
        return f"LocalSigner({self._algorithm}, kid={self._kid})"
