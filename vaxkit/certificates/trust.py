"""Trust material: what a verifier needs to accept a tenant's certificates, and how it is published.

Published shapes (so that existing verifiers can consume them):

* **DSC list** (EU DCC): the JSON list the EU DCC gateway serves from ``/trustList/DSC`` and
  national backends mirror, one item per document signer certificate: ``kid`` (base64 of the
  8-byte key id), ``timestamp``, ``country``, ``certificateType: "DSC"``, ``thumbprint`` (hex
  SHA-256 of the DER) and ``rawData`` (base64 DER). Shape as in
  eu-digital-green-certificates/dgc-gateway,
  ``restapi/dto/TrustListDto.java``. The gateway's CMS ``signature`` over each item is omitted:
  vaxkit is not a gateway, and the trust file is distributed over an authenticated channel.
* **JWKS** (SMART Health Cards): ``{"keys": [...]}`` as served at ``<iss>/.well-known/jwks.json``.
* **DID document** (W3C VC): a ``did:web`` document with ``Ed25519VerificationKey2018`` methods.
* **VDS-NC**: the DSC certificates double as VDS-NC barcode signer certificates.
* **Revocation**: see ``revocation.py``.

The **tenant trust file** bundles all of these in one JSON document (``format: vaxkit-trust``).
``load_trust`` reads it, or any one of the shapes above, or a PEM/DER certificate.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from vaxkit.certificates.base58 import b58decode, b58encode
from vaxkit.certificates.certinfo import CertificateInfo, certificate_info
from vaxkit.certificates.errors import CertificateError, TrustError
from vaxkit.certificates.jose import (
    PublicKey,
    algorithm_for_key,
    jwk_thumbprint,
    public_jwk,
    public_key_from_jwk,
)
from vaxkit.certificates.keys import SigningKey
from vaxkit.certificates.revocation import RevocationList

TRUST_FORMAT = "vaxkit-trust"
DID_CONTEXT = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2018/v1"]


@dataclass(frozen=True)
class TrustedKey:
    """One public key a verifier accepts, with everything known about it."""

    public_key: PublicKey
    ids: frozenset[str]
    """Every id it is known by: RFC 7638 thumbprint, base64 EU DCC kid, JWKS kid, VC method ids."""
    certificate: CertificateInfo | None = None
    issuer: str | None = None
    """Issuer URL it is bound to (SHC ``iss``, VC ``issuer``); ``None`` accepts any."""
    country: str | None = None

    @property
    def algorithm(self) -> str:
        return algorithm_for_key(self.public_key)


@dataclass
class TrustStore:
    """Trusted keys indexed for each format's lookup, plus the revocation list."""

    keys: list[TrustedKey] = field(default_factory=list)
    revocation: RevocationList = field(default_factory=RevocationList)

    def __post_init__(self) -> None:
        self._by_dcc_kid: dict[bytes, list[TrustedKey]] = {}
        self._by_id: dict[str, list[TrustedKey]] = {}
        self._by_fingerprint: dict[str, TrustedKey] = {}
        for key in list(self.keys):
            self._index(key)

    def add(self, key: TrustedKey) -> None:
        self.keys.append(key)
        self._index(key)

    def _index(self, key: TrustedKey) -> None:
        for key_id in key.ids:
            self._by_id.setdefault(key_id, []).append(key)
        if key.certificate is not None:
            self._by_dcc_kid.setdefault(key.certificate.kid, []).append(key)
            self._by_fingerprint[key.certificate.fingerprint] = key

    def merge(self, other: TrustStore) -> None:
        for key in other.keys:
            self.add(key)
        self.revocation.merge(other.revocation)

    def by_dcc_kid(self, kid: bytes) -> list[TrustedKey]:
        """Document signer certificates with this EU DCC kid (kids may collide: try each)."""
        return self._by_dcc_kid.get(bytes(kid), [])

    def by_id(self, key_id: str) -> list[TrustedKey]:
        """Keys known under this id (JWKS kid, VC verification method, thumbprint)."""
        return self._by_id.get(key_id, [])

    def by_certificate(self, info: CertificateInfo) -> TrustedKey | None:
        """A trusted key for an embedded signer certificate: the certificate itself is trusted,
        its public key is, or it was issued (signed) by a trusted certificate."""
        key = self._by_fingerprint.get(info.fingerprint)
        if key is not None:
            return key
        for candidate in self.by_id(jwk_thumbprint(info.public_key)):
            return candidate
        return self._issued_by_trusted(info)

    def _issued_by_trusted(self, info: CertificateInfo) -> TrustedKey | None:
        from cryptography import x509

        try:
            certificate = x509.load_der_x509_certificate(info.der)
        except ValueError:
            return None
        for key in self.keys:
            if key.certificate is None:
                continue
            try:
                issuer = x509.load_der_x509_certificate(key.certificate.der)
                certificate.verify_directly_issued_by(issuer)
            except (ValueError, TypeError, InvalidSignature):
                continue
            return TrustedKey(info.public_key, frozenset(), info, key.issuer, key.country)
        return None

    def is_key_revoked(self, key: TrustedKey) -> bool:
        return self.revocation.is_key_revoked(*key.ids)


# --- building trusted keys ----------------------------------------------------------------------


def trusted_certificate(
    der: bytes, *, issuer: str | None = None, extra_ids: Iterable[str] = ()
) -> TrustedKey:
    info = certificate_info(der)
    ids = {jwk_thumbprint(info.public_key), base64.b64encode(info.kid).decode("ascii"), *extra_ids}
    return TrustedKey(info.public_key, frozenset(ids), info, issuer, info.country)


def _trusted_jwk(jwk: dict[str, Any], issuer: str | None) -> TrustedKey:
    public_key = public_key_from_jwk(jwk)
    ids = {jwk_thumbprint(public_key)}
    if isinstance(jwk.get("kid"), str):
        ids.add(jwk["kid"])
    certificate = None
    chain = jwk.get("x5c")
    if isinstance(chain, list) and chain:
        try:
            certificate = certificate_info(base64.b64decode(chain[0]))
        except (TrustError, binascii.Error, ValueError):
            certificate = None
    return TrustedKey(public_key, frozenset(ids), certificate, issuer)


def _verification_method_key(method: dict[str, Any]) -> PublicKey:
    if "publicKeyBase58" in method:
        return ed25519.Ed25519PublicKey.from_public_bytes(b58decode(method["publicKeyBase58"]))
    if "publicKeyJwk" in method:
        return public_key_from_jwk(method["publicKeyJwk"])
    if "publicKeyMultibase" in method:
        value = method["publicKeyMultibase"]
        if not value.startswith("z"):
            raise TrustError("bad_trust", "only base58btc (z...) publicKeyMultibase is supported")
        raw = b58decode(value[1:])
        if raw[:2] == b"\xed\x01":  # multicodec ed25519-pub
            raw = raw[2:]
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    raise TrustError("bad_trust", f"verification method {method.get('id')!r} has no public key")


def _trusted_method(
    method: dict[str, Any], controller: str | None, issuer: str | None
) -> TrustedKey:
    public_key = _verification_method_key(method)
    ids = {jwk_thumbprint(public_key)}
    for key in ("id", "controller"):
        if isinstance(method.get(key), str):
            ids.add(method[key])
    if controller:
        ids.add(controller)
    return TrustedKey(public_key, frozenset(ids), None, issuer)


# --- publishing --------------------------------------------------------------------------------


def did_web(issuer_url: str) -> str:
    """``did:web`` id of an issuer URL: ``https://moh.example/vc`` -> ``did:web:moh.example:vc``."""
    parts = urlsplit(issuer_url)
    if parts.scheme != "https" or not parts.hostname:
        raise TrustError(
            "bad_issuer_url", f"issuer URL must be https://host[/path], not {issuer_url!r}"
        )
    host = parts.netloc.replace(":", "%3A")
    path = [p for p in parts.path.split("/") if p]
    return ":".join(["did:web", host, *path])


def verification_method_id(issuer_url: str, key_id: str) -> str:
    return f"{did_web(issuer_url)}#{key_id}"


def dsc_list(
    keys: Iterable[SigningKey], country: str, *, now: dt.datetime | None = None
) -> list[dict[str, str]]:
    """DSC trust list items (EU gateway ``/trustList/DSC`` shape) of keys with a certificate."""
    import hashlib

    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    items = []
    for key in keys:
        if key.certificate is None:
            continue
        der = key.certificate.public_bytes(serialization.Encoding.DER)
        items.append(
            {
                "kid": base64.b64encode(hashlib.sha256(der).digest()[:8]).decode("ascii"),
                "timestamp": stamp,
                "country": country,
                "certificateType": "DSC",
                "thumbprint": hashlib.sha256(der).hexdigest(),
                "rawData": base64.b64encode(der).decode("ascii"),
            }
        )
    return items


def jwks(keys: Iterable[SigningKey]) -> dict[str, list[dict[str, Any]]]:
    """The SMART Health Card issuer JWKS (``/.well-known/jwks.json``) for the ES256 keys."""
    out = []
    for key in keys:
        if key.purpose != "dsc":
            continue
        jwk: dict[str, Any] = {
            **public_jwk(key.public_key),
            "kid": key.key_id,
            "use": "sig",
            "alg": "ES256",
        }
        if key.certificate is not None:
            der = key.certificate.public_bytes(serialization.Encoding.DER)
            jwk["x5c"] = [base64.b64encode(der).decode("ascii")]
        out.append(jwk)
    return {"keys": out}


def did_document(issuer_url: str, keys: Iterable[SigningKey]) -> dict[str, Any]:
    """``did:web`` document (served at ``<issuer>/did.json``) with the Ed25519 VC keys."""
    did = did_web(issuer_url)
    methods = []
    for key in keys:
        if key.purpose != "vc":
            continue
        raw = key.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        methods.append(
            {
                "id": f"{did}#{key.key_id}",
                "type": "Ed25519VerificationKey2018",
                "controller": did,
                "publicKeyBase58": b58encode(raw),
            }
        )
    ids = [m["id"] for m in methods]
    return {
        "@context": DID_CONTEXT,
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
    }


def trust_document(
    keys: Iterable[SigningKey],
    *,
    country: str,
    issuer_name: str,
    issuer_url: str,
    revocation: RevocationList | None = None,
    now: dt.datetime | None = None,
) -> dict[str, Any]:
    """The tenant trust file: DSC list, JWKS, DID document and revocation in one JSON document."""
    keys = list(keys)
    stamp = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return {
        "format": TRUST_FORMAT,
        "version": 1,
        "country": country,
        "issuer": {"name": issuer_name, "url": issuer_url},
        "generated": stamp.isoformat(),
        "dsc": dsc_list(keys, country, now=stamp),
        "jwks": jwks(keys),
        "did": did_document(issuer_url, keys),
        "revocation": (revocation or RevocationList()).to_json(),
    }


# --- loading -----------------------------------------------------------------------------------


def load_trust(source: TrustStore | str | Path | bytes | dict[str, Any] | list[Any]) -> TrustStore:
    """Load trust material: a tenant trust file, a DSC list, a JWKS, a DID document or key
    document, a revocation list, or PEM/DER certificates. ``source`` is a path, the raw content,
    or already-parsed JSON. Raises ``TrustError`` (``bad_trust``) when it is none of these."""
    if isinstance(source, TrustStore):
        return source
    if isinstance(source, dict | list):
        return _from_json(source)
    data: bytes
    if isinstance(source, Path) or (isinstance(source, str) and _looks_like_path(source)):
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise TrustError(
                "bad_trust", f"cannot read trust file {source}: {exc.strerror}"
            ) from None
    elif isinstance(source, str):
        data = source.encode("utf-8")
    else:
        data = bytes(source)
    stripped = data.strip()
    if stripped.startswith(b"-----BEGIN CERTIFICATE"):
        return TrustStore([trusted_certificate(der) for der in _pem_certificates(stripped)])
    if data[:1] == b"\x30":  # DER: never strip, its last bytes may look like whitespace
        return TrustStore([trusted_certificate(data)])
    try:
        document = json.loads(stripped)
    except (ValueError, UnicodeDecodeError):
        raise TrustError(
            "bad_trust",
            "trust material must be JSON (trust file, DSC list, JWKS, DID) or a certificate",
        ) from None
    return _from_json(document)


def _looks_like_path(text: str) -> bool:
    return (
        "\n" not in text and not text.lstrip().startswith(("{", "[", "-----")) and len(text) < 4096
    )


def _pem_certificates(pem: bytes) -> list[bytes]:
    from cryptography import x509

    try:
        return [
            c.public_bytes(serialization.Encoding.DER) for c in x509.load_pem_x509_certificates(pem)
        ]
    except ValueError:
        # strict parsing failed: take the base64 blocks as they are and read them leniently
        blocks = pem.split(b"-----BEGIN CERTIFICATE-----")[1:]
        try:
            return [base64.b64decode(b.split(b"-----END")[0]) for b in blocks]
        except (binascii.Error, ValueError) as exc:
            raise TrustError("bad_trust", f"invalid PEM certificate: {exc}") from None


def _from_json(document: Any) -> TrustStore:
    try:
        if isinstance(document, list):
            return _from_dsc_list(document)
        if not isinstance(document, dict):
            raise TrustError("bad_trust", "trust material must be a JSON object or list")
        if document.get("format") == TRUST_FORMAT:
            return _from_trust_file(document)
        if isinstance(document.get("keys"), list):
            return TrustStore([_trusted_jwk(jwk, None) for jwk in document["keys"]])
        if "verificationMethod" in document or "publicKey" in document:
            return TrustStore(_from_did(document, None))
        if any(k in document for k in ("publicKeyBase58", "publicKeyJwk", "publicKeyMultibase")):
            return TrustStore([_trusted_method(document, None, None)])
        if "hashType" in document or "hashes" in document:
            return TrustStore([], RevocationList.from_json(document))
        if document.get("method") == "rid" and "rids" in document:
            return TrustStore([], RevocationList.from_shc_crl(document))
    except TrustError:
        raise
    except CertificateError as exc:  # a bad key or certificate inside the trust material
        raise TrustError(exc.code, exc.message) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise TrustError("bad_trust", f"invalid trust material: {exc!r}") from None
    raise TrustError("bad_trust", "unrecognised trust material")


def _from_dsc_list(items: list[Any], issuer: str | None = None) -> TrustStore:
    store = TrustStore()
    for item in items:
        if not isinstance(item, dict) or "rawData" not in item:
            raise TrustError("bad_trust", "DSC list items need rawData")
        raw = item["rawData"]
        if "BEGIN CERTIFICATE" in raw:
            der = _pem_certificates(raw.encode("ascii"))[0]
        else:
            der = base64.b64decode(raw)
        store.add(trusted_certificate(der, issuer=issuer))
    return store


def _from_did(document: dict[str, Any], issuer: str | None) -> list[TrustedKey]:
    controller = document.get("id")
    methods = document.get("verificationMethod") or document.get("publicKey") or []
    return [_trusted_method(m, controller, issuer) for m in methods if isinstance(m, dict)]


def _from_trust_file(document: dict[str, Any]) -> TrustStore:
    issuer_url = (document.get("issuer") or {}).get("url")
    store = _from_dsc_list(document.get("dsc", []), issuer_url)
    known = {k.certificate.fingerprint for k in store.keys if k.certificate}
    for jwk in (document.get("jwks") or {}).get("keys", []):
        key = _trusted_jwk(jwk, issuer_url)
        if key.certificate is not None and key.certificate.fingerprint in known:
            # same key as a DSC: add the JWKS ids to it instead of a second entry
            key = TrustedKey(key.public_key, key.ids, None, issuer_url)
        store.add(key)
    if document.get("did"):
        for key in _from_did(document["did"], issuer_url):
            store.add(key)
    if document.get("revocation"):
        store.revocation = RevocationList.from_json(document["revocation"])
    return store
