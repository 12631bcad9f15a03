"""JSON-LD contexts served from files bundled in ``jsonld_contexts/``: never from the network.

A verifier that fetched contexts would depend on (and leak to) third-party servers, and a
changed remote context would silently change what a signature covers.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from vaxkit.certificates.errors import CertificateError

CREDENTIALS_V1 = "https://www.w3.org/2018/credentials/v1"
COWIN_V1 = "https://cowin.gov.in/credentials/vaccination/v1"
COWIN_V2 = "https://cowin.gov.in/credentials/vaccination/v2"
SECURITY_V1 = "https://w3id.org/security/v1"
SECURITY_V2 = "https://w3id.org/security/v2"

_FILES = {
    CREDENTIALS_V1: "credentials-v1.jsonld",
    COWIN_V1: "cowin-vaccination-v1.jsonld",
    COWIN_V2: "cowin-vaccination-v2.jsonld",
    SECURITY_V1: "security-v1.jsonld",
    SECURITY_V2: "security-v2.jsonld",
    # DIVOC's own test credentials name the CoWIN v1 context under its demo domain
    "https://divoc.dev/credentials/vaccination/v1": "cowin-vaccination-v1.jsonld",
}


@cache
def _context(filename: str) -> dict[str, Any]:
    path = resources.files("vaxkit.certificates").joinpath(f"jsonld_contexts/{filename}")
    return json.loads(path.read_text("utf-8"))


def known_contexts() -> list[str]:
    return sorted(_FILES)


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """pyld document loader over the bundled contexts; any other URL is refused."""
    filename = _FILES.get(url.rstrip("#"))
    if filename is None:
        raise CertificateError("unknown_context", f"JSON-LD context {url} is not bundled")
    return {"contextUrl": None, "documentUrl": url, "document": _context(filename)}
