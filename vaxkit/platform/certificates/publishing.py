"""The tenant's trust material, in the shapes verifiers consume (see ``vaxkit.certificates.trust``).

* The **tenant trust file** (``vaxkit-trust``) lists every key the tenant ever signed with,
  revoked ones included and named in its revocation list, so a vaxkit verifier answers
  ``revoked`` rather than ``unknown_kid`` for them.
* The single-purpose documents (JWKS, DSC list, DID document, VDS-NC signer certificates) list
  only keys in good standing: their consumers may not read a revocation list.
* The **verifier keys** are the same trust in the compact shape the in-browser verifier reads
  (public keys as JWKs, so the page needs no X.509 parser).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from typing import Any

from cryptography.hazmat.primitives import serialization

from vaxkit.certificates import KeyRing, RevocationList, TrustStore, load_trust, trust_document
from vaxkit.certificates import trust as trust_shapes
from vaxkit.certificates.jose import public_jwk
from vaxkit.certificates.keyring import REVOKED
from vaxkit.certificates.keys import EKU_BY_TYPE
from vaxkit.platform.certificates.issuance import revoked_certificate_ids
from vaxkit.platform.certificates.keystore import keyring
from vaxkit.platform.tenants.current import current_profile


def _ring() -> KeyRing:
    return keyring()


def revocation_list(ring: KeyRing | None = None) -> RevocationList:
    """Revoked certificates (hashed ids) and revoked keys of the active tenant."""
    ring = ring or _ring()
    revocation = RevocationList()
    for certificate_id in revoked_certificate_ids():
        revocation.revoke_certificate(certificate_id)
    for key_id in ring.revoked_key_ids:
        revocation.revoke_key(key_id)
    return revocation


def trust_file() -> dict[str, Any]:
    """The whole tenant trust file, as ``vaxkit cert verify --trust FILE`` reads it."""
    ring = _ring()
    certificates = current_profile().certificates
    return trust_document(
        [entry.key for entry in ring.entries],
        country=certificates.country,
        issuer_name=ring.issuer_name,
        issuer_url=certificates.issuer_url,
        revocation=revocation_list(ring),
    )


def trust_store() -> TrustStore:
    """The tenant's trust, loaded for ``vaxkit.certificates.verify``."""
    return load_trust(trust_file())


def jwks() -> dict[str, Any]:
    """SMART Health Card issuer keys (``/.well-known/jwks.json``)."""
    return trust_shapes.jwks(_ring().published())


def dsc_list() -> list[dict[str, str]]:
    """EU DCC document signer certificates, in the EU gateway's trust-list item shape."""
    return trust_shapes.dsc_list(_ring().published(), current_profile().certificates.country)


def did_document() -> dict[str, Any]:
    """``did:web`` document of the W3C VC signing keys."""
    return trust_shapes.did_document(current_profile().certificates.issuer_url, _ring().published())


def vds_signer_pem() -> str:
    """The VDS-NC barcode signer certificates (the DSCs), PEM, newest first."""
    keys = [k for k in _ring().published() if k.certificate is not None]
    keys.sort(key=lambda k: k.created, reverse=True)
    return "".join(
        k.certificate.public_bytes(serialization.Encoding.PEM).decode()  # type: ignore[union-attr]
        for k in keys
    )


def verifier_keys() -> dict[str, Any]:
    """Trust for the in-browser verifier: public keys as JWKs with their ids and validity."""
    ring = _ring()
    certificates = current_profile().certificates
    keys = []
    for entry in ring.entries:
        key = entry.key
        item: dict[str, Any] = {
            "key_id": key.key_id,
            "purpose": key.purpose,
            "revoked": entry.status == REVOKED,
            "jwk": public_jwk(key.public_key),
        }
        if key.certificate is not None:
            der = key.certificate.public_bytes(serialization.Encoding.DER)
            digest = hashlib.sha256(der).digest()
            item["dcc_kid"] = base64.b64encode(digest[:8]).decode("ascii")
            item["fingerprint"] = digest.hex()
            item["not_before"] = key.certificate.not_valid_before_utc.isoformat()
            item["not_after"] = key.certificate.not_valid_after_utc.isoformat()
            item["usages"] = _usages(key.certificate)
        keys.append(item)
    revocation = revocation_list(ring).to_json()
    return {
        "format": "vaxkit-verifier-keys",
        "country": certificates.country,
        "issuer": {"name": ring.issuer_name, "url": certificates.issuer_url},
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        "keys": keys,
        "revoked_certificates": revocation["hashes"],
    }


def _usages(certificate: Any) -> list[str]:
    """EU DCC certificate types the DSC may sign (``v``, ``t``, ``r``; empty = any)."""
    from cryptography import x509

    try:
        eku = certificate.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return []
    oids = {oid.dotted_string for oid in eku}
    return [kind for kind, oid in EKU_BY_TYPE.items() if oid in oids]
