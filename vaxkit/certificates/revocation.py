"""Revocation: revoked certificates (by hashed certificate id) and revoked signing keys.

Certificates are listed the way the EU DCC revocation specification's ``UCI`` hash type does: the
SHA-256 of the certificate identifier (UTF-8, exactly as in the certificate), truncated to its
first 128 bits, base64. Hashes rather than plain ids, so a published list does not enumerate the
certificate ids of revoked people. The same identifier is in every format vaxkit issues (EU DCC
``ci``, VC ``certificateId``, VDS-NC ``uvci``), so one list covers them all; SMART Health Cards
carry a revocation id (``rid``) instead, defined here as base64url of the first 64 bits of the
same hash, so it can be checked against the same list.

Keys are listed by key id: the RFC 7638 thumbprint, or the EU DCC ``kid`` in base64.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass, field
from typing import Any

from vaxkit.certificates.errors import TrustError
from vaxkit.certificates.jose import b64url_encode

HASH_TYPE = "UCI"


def certificate_hash(certificate_id: str) -> bytes:
    """First 128 bits of SHA-256 of the certificate id (EU DCC revocation ``UCI`` hash)."""
    return hashlib.sha256(certificate_id.encode("utf-8")).digest()[:16]


def shc_rid(certificate_id: str) -> str:
    """SMART Health Card revocation id for a certificate id."""
    return b64url_encode(certificate_hash(certificate_id)[:8])


@dataclass
class RevocationList:
    """Revoked certificate hashes and revoked key ids."""

    hashes: set[bytes] = field(default_factory=set)
    key_ids: set[str] = field(default_factory=set)
    rids: dict[str, int | None] = field(default_factory=dict)
    """SMART Health Card revocation ids from issuers' CRLs: rid -> cut-off timestamp (cards
    issued before it are revoked) or ``None`` (all are)."""

    def revoke_certificate(self, certificate_id: str) -> None:
        self.hashes.add(certificate_hash(certificate_id))

    def revoke_key(self, key_id: str) -> None:
        self.key_ids.add(key_id)

    def is_certificate_revoked(self, certificate_id: str | None) -> bool:
        return bool(certificate_id) and certificate_hash(certificate_id) in self.hashes

    def is_rid_revoked(self, rid: str | None, issued_at: float | None = None) -> bool:
        if not rid:
            return False
        if rid in self.rids:
            cutoff = self.rids[rid]
            return cutoff is None or issued_at is None or issued_at < cutoff
        return any(b64url_encode(h[:8]) == rid for h in self.hashes)

    def is_key_revoked(self, *key_ids: str | None) -> bool:
        return any(k in self.key_ids for k in key_ids if k)

    def merge(self, other: RevocationList) -> None:
        self.hashes |= other.hashes
        self.key_ids |= other.key_ids
        self.rids.update(other.rids)

    def to_json(self) -> dict[str, Any]:
        return {
            "hashType": HASH_TYPE,
            "hashes": sorted(base64.b64encode(h).decode("ascii") for h in self.hashes),
            "kids": sorted(self.key_ids),
        }

    @classmethod
    def from_shc_crl(cls, document: dict[str, Any]) -> RevocationList:
        """A SMART Health Card issuer CRL (``{kid, method: "rid", ctr, rids}``)."""
        rids: dict[str, int | None] = {}
        for entry in document.get("rids", []):
            if not isinstance(entry, str):
                raise TrustError("bad_trust", "SHC CRL rids must be strings")
            rid, _, cutoff = entry.partition(".")
            if cutoff and not cutoff.isdigit():
                raise TrustError("bad_trust", f"invalid SHC CRL entry {entry!r}")
            rids[rid] = int(cutoff) if cutoff else None
        return cls(rids=rids)

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> RevocationList:
        if not isinstance(document, dict):
            raise TrustError("bad_trust", "revocation must be a JSON object")
        hash_type = document.get("hashType", HASH_TYPE)
        if hash_type != HASH_TYPE:
            raise TrustError("bad_trust", f"unsupported revocation hash type {hash_type!r}")
        try:
            hashes = {base64.b64decode(h, validate=True) for h in document.get("hashes", [])}
        except (binascii.Error, TypeError, ValueError) as exc:
            raise TrustError("bad_trust", f"invalid revocation hash: {exc}") from None
        if any(len(h) != 16 for h in hashes):
            raise TrustError("bad_trust", "revocation hashes must be 128 bits")
        kids = document.get("kids", [])
        if not isinstance(kids, list) or not all(isinstance(k, str) for k in kids):
            raise TrustError("bad_trust", "revoked kids must be a list of strings")
        return cls(hashes, set(kids))
