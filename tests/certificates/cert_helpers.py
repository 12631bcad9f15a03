"""Constants shared by the certificate tests (pytest puts this folder on the import path)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from vaxkit.certificates.keyring import KeyRing
from vaxkit.certificates.trust import TrustStore, load_trust, trust_document

CONFORMANCE = Path(__file__).resolve().parent.parent / "data" / "conformance"
ISSUER_URL = "https://moh.example.vn/certificates"
NOW = dt.datetime.now(dt.UTC).replace(microsecond=0)


def make_trust(ring: KeyRing, **kwargs: Any) -> TrustStore:
    document = trust_document(
        ring.published(),
        country=ring.country,
        issuer_name=ring.issuer_name,
        issuer_url=ISSUER_URL,
        **kwargs,
    )
    return load_trust(document)
