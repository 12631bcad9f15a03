"""One entry point to verify any certificate vaxkit knows: the format is detected from the payload.

* ``HC1:...`` (or another ``XXn:`` context prefix)   -> EU DCC
* ``shc:/...``, a JWS, or a ``.smart-health-card`` file -> SMART Health Card
* JSON with ``data`` and ``sig``                        -> ICAO VDS-NC
* JSON-LD credential, or CoWIN's ZIP QR bytes           -> W3C VC
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from vaxkit.certificates import hcert, icao_vds, shc, w3c_vc
from vaxkit.certificates import verdict as v
from vaxkit.certificates.trust import TrustStore, load_trust
from vaxkit.certificates.verdict import Verdict

_CONTEXT_PREFIX = re.compile(r"^[A-Za-z]{2}\d:")
_JWS = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")


def detect_format(payload: str | bytes) -> str | None:
    """``eu_dcc``, ``shc``, ``w3c_vc``, ``icao_vds``, or ``None`` when unrecognisable."""
    if isinstance(payload, bytes):
        if w3c_vc.zip_candidates(payload):
            return w3c_vc.FORMAT
        try:
            payload = payload.decode("utf-8")
        except UnicodeDecodeError:
            return None
    text = payload.strip()
    if _CONTEXT_PREFIX.match(text):
        return hcert.FORMAT
    if text.startswith(shc.QR_PREFIX) or _JWS.match(text):
        return shc.FORMAT
    if w3c_vc.zip_candidates(text):
        return w3c_vc.FORMAT
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except ValueError:
            return None
        if isinstance(document, dict):
            if "verifiableCredential" in document:
                return shc.FORMAT
            if icao_vds.looks_like(document):
                return icao_vds.FORMAT
            if "@context" in document or "proof" in document:
                return w3c_vc.FORMAT
    return None


def verify(
    payload: str | bytes,
    trust: TrustStore | str | Path | bytes | dict[str, Any],
    at: dt.datetime | None = None,
) -> Verdict:
    """Verify a certificate payload against ``trust`` at time ``at`` (default: now).

    Never raises for a malformed payload: every failure is an invalid ``Verdict`` with a reason
    code. Trust material that cannot be loaded is a configuration error and raises ``TrustError``.
    """
    store = load_trust(trust)
    when = at or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    try:
        fmt = detect_format(payload)
        if fmt is None:
            if isinstance(payload, str) and payload.strip().startswith("{"):
                return v.invalid(None, v.BAD_JSON, "JSON that is not a known certificate format")
            return v.invalid(None, v.UNKNOWN_FORMAT, "not a certificate format vaxkit knows")
        text = payload if isinstance(payload, str) else None
        if fmt == hcert.FORMAT:
            return hcert.verify(text if text is not None else payload.decode("utf-8"), store, when)  # type: ignore[union-attr]
        if fmt == shc.FORMAT:
            return shc.verify(text if text is not None else payload.decode("utf-8"), store, when)  # type: ignore[union-attr]
        if fmt == icao_vds.FORMAT:
            return icao_vds.verify(payload, store, when)
        return w3c_vc.verify(payload, store, when)
    except Exception as exc:
        return v.invalid(
            None, "malformed", f"could not process the payload: {type(exc).__name__}: {exc}"
        )
