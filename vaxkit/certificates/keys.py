"""Signing keys: generation (P-256 with a self-signed document signer certificate, Ed25519),
encrypted serialisation (PKCS#8 under a passphrase, never in the clear) and import.

The document signer certificate (DSC) carries the EU DCC extended key usages that say which
certificate types it may sign (vaccination, test, recovery); verifiers reject a vaccination
certificate signed by a DSC that lists other usages only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from vaxkit.certificates.errors import SigningKeyError
from vaxkit.certificates.jose import PublicKey, jwk_thumbprint
from vaxkit.certificates.pkcs8 import ITERATIONS, encrypt_pkcs8
from vaxkit.certificates.signers import LocalSigner, PrivateKey

EKU_TEST = "1.3.6.1.4.1.1847.2021.1.1"
EKU_VACCINATION = "1.3.6.1.4.1.1847.2021.1.2"
EKU_RECOVERY = "1.3.6.1.4.1.1847.2021.1.3"
EKU_BY_TYPE = {"t": EKU_TEST, "v": EKU_VACCINATION, "r": EKU_RECOVERY}
"""EU DCC extended key usage OID per certificate type (``v``, ``t``, ``r``)."""


@dataclass(frozen=True)
class SigningKey:
    """One signing key with its public material (``private_key`` is ``None`` if public only)."""

    key_id: str
    """RFC 7638 thumbprint of the public key (the SHC ``kid``, also used in DID documents)."""
    purpose: str
    """``dsc`` (ES256: EU DCC, SHC, VDS-NC) or ``vc`` (Ed25519: W3C VC)."""
    private_key: PrivateKey | None = field(repr=False)
    certificate: x509.Certificate | None = None
    created: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def signer(self) -> LocalSigner:
        """A ``Signer`` for this key."""
        if self.private_key is None:
            raise SigningKeyError("no_private_key", f"key {self.key_id} has no private part here")
        return LocalSigner(self.private_key, self.certificate)

    @property
    def public_key(self) -> PublicKey:
        if self.certificate is not None:
            return self.certificate.public_key()  # type: ignore[return-value]
        assert self.private_key is not None
        return self.private_key.public_key()


def generate_dsc(
    country: str,
    issuer_name: str,
    *,
    valid_days: int = 730,
    usages: tuple[str, ...] = ("v",),
    now: dt.datetime | None = None,
) -> SigningKey:
    """A new P-256 key with a self-signed document signer certificate.

    ``country`` is the ISO 3166-1 alpha-2 code (the certificate's ``C``), ``usages`` the EU DCC
    certificate types the key may sign (``v``, ``t``, ``r``).
    """
    if len(country) != 2 or not country.isalpha() or not country.isupper():
        raise SigningKeyError(
            "bad_country", f"country must be an ISO alpha-2 code, not {country!r}"
        )
    unknown = set(usages) - set(EKU_BY_TYPE)
    if not usages or unknown:
        raise SigningKeyError("bad_usage", f"usages must be among v, t, r (got {usages!r})")
    now = now or dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, country),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, issuer_name[:64] or country),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{country} DSC {now:%Y-%m-%d}"),
        ]
    )
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=valid_days))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.ExtendedKeyUsage([x509.ObjectIdentifier(EKU_BY_TYPE[u]) for u in usages]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return SigningKey(jwk_thumbprint(public_key), "dsc", key, certificate, now)


def generate_ed25519(*, now: dt.datetime | None = None) -> SigningKey:
    """A new Ed25519 key for W3C Verifiable Credentials (Ed25519Signature2018)."""
    key = ed25519.Ed25519PrivateKey.generate()
    return SigningKey(
        jwk_thumbprint(key.public_key()), "vc", key, None, now or dt.datetime.now(dt.UTC)
    )


def encrypt_private_key(
    private_key: PrivateKey, passphrase: str | bytes, *, iterations: int = ITERATIONS
) -> bytes:
    """PEM ``ENCRYPTED PRIVATE KEY``: PKCS#8 with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)."""
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else bytes(passphrase)
    if len(secret) < 8:
        raise SigningKeyError(
            "weak_passphrase", "a key-encryption passphrase needs at least 8 characters"
        )
    return encrypt_pkcs8(private_key, secret, iterations)


def load_private_key(
    data: bytes | str, passphrase: str | bytes | None, *, allow_unencrypted: bool = False
) -> PrivateKey:
    """Load a PEM or DER private key (import from another system).

    Encrypted keys need their passphrase. Unencrypted keys are refused unless
    ``allow_unencrypted`` is set: vaxkit never writes one, so finding one usually means a leak.
    """
    raw = data.encode("ascii") if isinstance(data, str) else bytes(data)
    secret = passphrase.encode("utf-8") if isinstance(passphrase, str) else passphrase
    loader = (
        serialization.load_pem_private_key
        if raw.lstrip().startswith(b"-----")
        else serialization.load_der_private_key
    )
    try:
        key = loader(raw, password=None)
    except TypeError:  # encrypted: "password was not given"
        if not secret:
            raise SigningKeyError(
                "bad_passphrase", "the private key is encrypted: give its passphrase"
            ) from None
        try:
            key = loader(raw, password=secret)
        except ValueError:
            raise SigningKeyError(
                "bad_passphrase", "cannot decrypt the private key with this passphrase"
            ) from None
    except ValueError as exc:
        raise SigningKeyError("bad_key", f"not a private key: {exc}") from None
    else:
        if not allow_unencrypted:
            raise SigningKeyError(
                "unencrypted_key", "refusing an unencrypted private key (pass allow_unencrypted)"
            )
    if not isinstance(
        key, ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey | rsa.RSAPrivateKey
    ):
        raise SigningKeyError("unsupported_key", f"unsupported key type {type(key).__name__}")
    return key


def load_certificate(data: bytes | str) -> x509.Certificate:
    """A PEM, DER or bare base64 X.509 certificate."""
    import base64
    import binascii

    raw = data.encode("ascii") if isinstance(data, str) else bytes(data)
    stripped = raw.strip()
    try:
        if stripped.startswith(b"-----BEGIN CERTIFICATE"):
            return x509.load_pem_x509_certificate(stripped)
        if raw[:1] == b"\x30":  # DER: never strip, its last bytes may look like whitespace
            return x509.load_der_x509_certificate(raw)
        return x509.load_der_x509_certificate(base64.b64decode(stripped, validate=False))
    except (ValueError, binascii.Error) as exc:
        raise SigningKeyError("bad_certificate", f"not an X.509 certificate: {exc}") from None


def certificate_fingerprint(certificate: x509.Certificate) -> str:
    """Hex SHA-256 of the certificate DER (the EU gateway ``thumbprint``)."""
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()
