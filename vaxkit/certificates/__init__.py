"""Certificate codecs, signers, trust lists and verification (Django-free).

Entry points: ``encode`` (record -> signed payload), ``verify`` (payload -> ``Verdict``),
``KeyRing`` / ``generate_dsc`` / ``generate_ed25519`` (keys), ``trust_document`` and
``load_trust`` (trust material). Modules load lazily so that importing the package stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vaxkit.certificates.errors import CertificateError, SigningKeyError, TrustError
    from vaxkit.certificates.issue import FORMATS, encode
    from vaxkit.certificates.keyring import KeyRing
    from vaxkit.certificates.keys import (
        SigningKey,
        encrypt_private_key,
        generate_dsc,
        generate_ed25519,
        load_certificate,
        load_private_key,
    )
    from vaxkit.certificates.revocation import RevocationList
    from vaxkit.certificates.signers import LocalSigner, Signer
    from vaxkit.certificates.trust import TrustStore, load_trust, trust_document
    from vaxkit.certificates.verdict import Verdict
    from vaxkit.certificates.verification import verify

_EXPORTS = {
    "CertificateError": "errors",
    "SigningKeyError": "errors",
    "TrustError": "errors",
    "FORMATS": "issue",
    "encode": "issue",
    "KeyRing": "keyring",
    "SigningKey": "keys",
    "encrypt_private_key": "keys",
    "generate_dsc": "keys",
    "generate_ed25519": "keys",
    "load_certificate": "keys",
    "load_private_key": "keys",
    "RevocationList": "revocation",
    "LocalSigner": "signers",
    "Signer": "signers",
    "TrustStore": "trust",
    "load_trust": "trust",
    "trust_document": "trust",
    "Verdict": "verdict",
    "verify": "verification",
}
__all__ = [
    "FORMATS",
    "CertificateError",
    "KeyRing",
    "LocalSigner",
    "RevocationList",
    "Signer",
    "SigningKey",
    "SigningKeyError",
    "TrustError",
    "TrustStore",
    "Verdict",
    "encode",
    "encrypt_private_key",
    "generate_dsc",
    "generate_ed25519",
    "load_certificate",
    "load_private_key",
    "load_trust",
    "trust_document",
    "verify",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vaxkit.certificates' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"vaxkit.certificates.{module}"), name)
