"""Rotate the signing keys in a key ring written by `vaxkit cert keygen` (scripts/signing_keys.sh).

New document-signer and W3C VC keys become active; the previous ones are retired, not revoked,
so certificates they signed keep verifying. The PEM copies are replaced by the new keys and the
trust file is written again with every published key. Run through scripts/signing_keys.sh --rotate.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from vaxkit.certificates.keyring import KeyRing
from vaxkit.certificates.keys import encrypt_private_key
from vaxkit.certificates.trust import trust_document

ISSUER_URL = "https://vaccination.demoland.example"


def main(keyring_path: str) -> None:
    path = Path(keyring_path)
    passphrase = os.environ["VAXKIT_KEY_PASSPHRASE"]
    ring = KeyRing.from_json(path.read_text(encoding="utf-8"), passphrase)
    for purpose in ("dsc", "vc"):
        key = ring.rotate(purpose)
        print(f"new {purpose} key {key.key_id}; the previous one is retired")
    path.write_text(ring.to_json(passphrase), encoding="utf-8")
    path.chmod(0o600)
    prefix = path.name.removesuffix("-keyring.json")
    dsc, vc = ring.active("dsc"), ring.active("vc")
    for name, key in ((f"{prefix}-dsc.key.pem", dsc), (f"{prefix}-vc.key.pem", vc)):
        (path.parent / name).write_bytes(encrypt_private_key(key.private_key, passphrase))
        (path.parent / name).chmod(0o600)
    certificate = dsc.certificate.public_bytes(serialization.Encoding.PEM)
    (path.parent / f"{prefix}-dsc.cert.pem").write_bytes(certificate)
    trust = trust_document(
        ring.published(), country=ring.country, issuer_name=ring.issuer_name, issuer_url=ISSUER_URL
    )
    trust_path = path.with_name(f"{prefix}-trust.json")
    trust_path.write_text(json.dumps(trust, indent=2), encoding="utf-8")
    print(f"wrote {path} and {trust_path}")


if __name__ == "__main__":
    main(sys.argv[1])
