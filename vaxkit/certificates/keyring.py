"""A tenant's signing keys over time: the active key per purpose, retired keys (still published so
certificates they signed keep verifying) and revoked keys (published as revoked).

Serialised as JSON with every private key in an encrypted PKCS#8 envelope.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization

from vaxkit.certificates.errors import SigningKeyError
from vaxkit.certificates.keys import (
    SigningKey,
    encrypt_private_key,
    generate_dsc,
    generate_ed25519,
    load_certificate,
    load_private_key,
)

ACTIVE, RETIRED, REVOKED = "active", "retired", "revoked"
PURPOSES = ("dsc", "vc")
FORMAT = "vaxkit-keyring"


@dataclass
class KeyEntry:
    key: SigningKey
    status: str = ACTIVE
    changed_at: dt.datetime | None = None


@dataclass
class KeyRing:
    """The signing keys of one tenant (country or jurisdiction)."""

    country: str
    """ISO 3166-1 alpha-2 code."""
    issuer_name: str
    entries: list[KeyEntry] = field(default_factory=list)

    @classmethod
    def generate(
        cls,
        country: str,
        issuer_name: str,
        *,
        valid_days: int = 730,
        now: dt.datetime | None = None,
    ) -> KeyRing:
        """A key ring with a fresh DSC key and a fresh VC key (``now``: their creation time)."""
        ring = cls(country, issuer_name)
        dsc = generate_dsc(country, issuer_name, valid_days=valid_days, now=now)
        ring.entries.append(KeyEntry(dsc))
        ring.entries.append(KeyEntry(generate_ed25519(now=now)))
        return ring

    def active(self, purpose: str) -> SigningKey:
        """The key currently signing for ``purpose`` (``dsc`` or ``vc``)."""
        for entry in reversed(self.entries):
            if entry.key.purpose == purpose and entry.status == ACTIVE:
                return entry.key
        raise SigningKeyError("no_active_key", f"no active {purpose} key for {self.country}")

    def get(self, key_id: str) -> KeyEntry:
        for entry in self.entries:
            if entry.key.key_id == key_id:
                return entry
        raise SigningKeyError("unknown_key", f"no key {key_id} in the key ring")

    def add(self, key: SigningKey, *, activate: bool = True) -> None:
        """Import a key; activating it retires the previously active key of its purpose."""
        if any(e.key.key_id == key.key_id for e in self.entries):
            raise SigningKeyError("duplicate_key", f"key {key.key_id} is already in the key ring")
        if activate:
            self._retire_active(key.purpose)
        self.entries.append(KeyEntry(key, ACTIVE if activate else RETIRED, _now()))

    def rotate(self, purpose: str, *, valid_days: int = 730) -> SigningKey:
        """Generate a new key for ``purpose``; the old one is retired, not revoked."""
        if purpose not in PURPOSES:
            raise SigningKeyError("bad_purpose", f"purpose must be one of {PURPOSES}")
        key = (
            generate_dsc(self.country, self.issuer_name, valid_days=valid_days)
            if purpose == "dsc"
            else generate_ed25519()
        )
        self.add(key)
        return key

    def revoke(self, key_id: str) -> None:
        """Mark a key revoked: certificates it signed stop verifying once trust is republished."""
        entry = self.get(key_id)
        entry.status = REVOKED
        entry.changed_at = _now()

    @property
    def revoked_key_ids(self) -> list[str]:
        return [e.key.key_id for e in self.entries if e.status == REVOKED]

    def published(self) -> list[SigningKey]:
        """Keys verifiers must know: active and retired ones (revoked ones are listed as such)."""
        return [e.key for e in self.entries if e.status != REVOKED]

    def _retire_active(self, purpose: str) -> None:
        for entry in self.entries:
            if entry.key.purpose == purpose and entry.status == ACTIVE:
                entry.status = RETIRED
                entry.changed_at = _now()

    # --- serialisation ------------------------------------------------------------------------

    def to_json(self, passphrase: str | bytes) -> str:
        """JSON with each private key encrypted under ``passphrase``."""
        keys = []
        for entry in self.entries:
            key = entry.key
            item: dict[str, object] = {
                "key_id": key.key_id,
                "purpose": key.purpose,
                "status": entry.status,
                "created": key.created.isoformat(),
                "changed_at": entry.changed_at.isoformat() if entry.changed_at else None,
            }
            if key.private_key is not None:
                item["private_key"] = encrypt_private_key(key.private_key, passphrase).decode()
            if key.certificate is not None:
                item["certificate"] = key.certificate.public_bytes(
                    serialization.Encoding.PEM
                ).decode()
            keys.append(item)
        document = {
            "format": FORMAT,
            "version": 1,
            "country": self.country,
            "issuer_name": self.issuer_name,
            "keys": keys,
        }
        return json.dumps(document, indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str | bytes, passphrase: str | bytes) -> KeyRing:
        """Load a key ring written by ``to_json``."""
        try:
            document = json.loads(text)
            if document.get("format") != FORMAT:
                raise SigningKeyError("bad_keyring", "not a vaxkit key ring file")
            ring = cls(document["country"], document["issuer_name"])
            for item in document["keys"]:
                private = (
                    load_private_key(item["private_key"], passphrase)
                    if item.get("private_key")
                    else None
                )
                certificate = (
                    load_certificate(item["certificate"]) if item.get("certificate") else None
                )
                key = SigningKey(
                    item["key_id"],
                    item["purpose"],
                    private,
                    certificate,
                    dt.datetime.fromisoformat(item["created"]),
                )
                changed = item.get("changed_at")
                ring.entries.append(
                    KeyEntry(
                        key,
                        item["status"],
                        dt.datetime.fromisoformat(changed) if changed else None,
                    )
                )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise SigningKeyError("bad_keyring", f"invalid key ring file: {exc}") from None
        return ring


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
