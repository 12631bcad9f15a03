"""What a verifier needs from a signer certificate: public key, validity, extended key usages.

``cryptography`` parses certificates strictly and rejects some real document signer certificates
(odd encodings in fields a verifier does not need). Those are read here by walking the DER by hand
for just the public key, validity and extended key usage; the signature of the payload is still
verified with ``cryptography``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from vaxkit.certificates.errors import TrustError
from vaxkit.certificates.jose import PublicKey

EKU_OID = "2.5.29.37"


@dataclass(frozen=True)
class CertificateInfo:
    """The parts of an X.509 certificate a certificate verifier uses."""

    der: bytes
    public_key: PublicKey
    not_before: dt.datetime
    not_after: dt.datetime
    extended_key_usages: frozenset[str] | None
    """Dotted OIDs of the extended key usage extension; ``None`` when the extension is absent."""
    country: str | None = None
    """Subject ``C``, if present."""

    @property
    def kid(self) -> bytes:
        """EU DCC key id: first 8 bytes of SHA-256 of the DER."""
        return hashlib.sha256(self.der).digest()[:8]

    @property
    def fingerprint(self) -> str:
        return hashlib.sha256(self.der).hexdigest()


def certificate_info(der: bytes) -> CertificateInfo:
    """Read a DER certificate, leniently if ``cryptography`` refuses it."""
    try:
        certificate = x509.load_der_x509_certificate(der)
        public_key = certificate.public_key()
        try:
            eku = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
            usages: frozenset[str] | None = frozenset(o.dotted_string for o in eku.value)
        except x509.ExtensionNotFound:
            usages = None
        countries = certificate.subject.get_attributes_for_oid(x509.NameOID.COUNTRY_NAME)
        country = countries[0].value if countries else None
        return CertificateInfo(
            der,
            public_key,  # type: ignore[arg-type]
            certificate.not_valid_before_utc,
            certificate.not_valid_after_utc,
            usages,
            country if isinstance(country, str) else None,
        )
    except ValueError:
        pass
    try:
        return _lenient(der)
    except (ValueError, IndexError) as exc:
        raise TrustError("bad_certificate", f"cannot read the signer certificate: {exc}") from None


# --- minimal DER walker ------------------------------------------------------------------------

_Element = tuple[int, int, int, int]  # tag, header start, contents start, end


def _read(data: bytes, pos: int) -> _Element:
    """The DER element at ``pos``."""
    head = pos
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        if not 0 < count <= 4:
            raise ValueError("unsupported DER length")
        length = int.from_bytes(data[pos : pos + count], "big")
        pos += count
    end = pos + length
    if end > len(data):
        raise ValueError("truncated DER")
    return tag, head, pos, end


def _children(data: bytes, element: _Element) -> list[_Element]:
    items = []
    pos, end = element[2], element[3]
    while pos < end:
        item = _read(data, pos)
        items.append(item)
        pos = item[3]
    return items


def _contents(data: bytes, element: _Element) -> bytes:
    return data[element[2] : element[3]]


def _oid(raw: bytes) -> str:
    first = min(raw[0] // 40, 2)
    parts = [first, raw[0] - 40 * first]
    value = 0
    for byte in raw[1:]:
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            parts.append(value)
            value = 0
    return ".".join(map(str, parts))


def _time(element: _Element, data: bytes) -> dt.datetime:
    text = _contents(data, element).decode("ascii").rstrip("Z")
    if element[0] == 0x17:  # UTCTime: YYMMDDHHMM[SS]
        year = int(text[:2])
        text = f"{1900 + year if year >= 50 else 2000 + year}{text[2:]}"
    fmt = "%Y%m%d%H%M%S" if len(text) >= 14 else "%Y%m%d%H%M"
    return dt.datetime.strptime(text[:14], fmt).replace(tzinfo=dt.UTC)


def _lenient(der: bytes) -> CertificateInfo:
    certificate = _read(der, 0)
    tbs = _children(der, certificate)[0]
    fields = _children(der, tbs)
    if fields[0][0] == 0xA0:  # explicit version
        fields = fields[1:]
    # serial, signature algorithm, issuer, validity, subject, subjectPublicKeyInfo, extensions
    validity = _children(der, fields[3])
    spki = fields[5]
    public_key = serialization.load_der_public_key(der[spki[1] : spki[3]])
    usages: frozenset[str] | None = None
    for element in fields[6:]:
        if element[0] != 0xA3:
            continue
        for extension in _children(der, _children(der, element)[0]):
            parts = _children(der, extension)
            if _oid(_contents(der, parts[0])) != EKU_OID:
                continue
            sequence = _read(der, parts[-1][2])  # OCTET STRING holding SEQUENCE OF OID
            usages = frozenset(_oid(_contents(der, o)) for o in _children(der, sequence))
    return CertificateInfo(
        der,
        public_key,
        _time(validity[0], der),
        _time(validity[1], der),
        usages,  # type: ignore[arg-type]
    )
