"""QR images of signed certificate payloads, with the mode and error correction each format wants.

- EU DCC (``HC1:...``): alphanumeric mode is required with Base45, and error correction level Q
  is recommended (hcert specification, section 4.2.2).
- SMART Health Cards (``shc:/...``): two segments, ``shc:/`` (plus ``C/N/`` for a deprecated
  chunk) in byte mode and the digits in numeric mode; each QR must be version 22 or lower, which
  the spec's 1195-character JWS limit reaches only at level L (SMART Health Cards framework,
  "Encoding QRs").
- Anything else (W3C VC JSON, ICAO VDS-NC JSON): byte mode at level M.

Functions are pure (payload in, image out) so that the platform can cache their results.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import segno
from segno import consts
from segno.encoder import DataOverflowError

from vaxkit.certificates.errors import CertificateError

_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
_SHC = re.compile(r"^(shc:/(?:[1-9]\d*/[1-9]\d*/)?)(\d+)$")
SHC_MAX_VERSION = 22
DEFAULT_SCALE = 5
QUIET_ZONE = 4  # modules of white border, as ISO/IEC 18004 requires for QR codes


class QrError(CertificateError, ValueError):
    """A payload that cannot become a QR code as its format requires."""


@dataclass(frozen=True, slots=True)
class QrLayout:
    """How a payload is put into a QR code."""

    kind: str
    """``eu_dcc``, ``shc`` or ``generic``."""
    error: str
    """Minimum error correction level: ``L``, ``M``, ``Q`` or ``H``."""
    segments: tuple[tuple[str, str | None], ...]
    """``(text, mode)`` pairs; mode ``None`` lets segno choose."""


def qr_layout(payload: str) -> QrLayout:
    """Choose modes and error correction for ``payload`` from its prefix."""
    if not payload:
        raise QrError("empty_payload", "The certificate payload is empty.")
    if payload.startswith("HC1:"):
        bad = sorted(set(payload) - _ALPHANUMERIC)
        if bad:
            raise QrError(
                "invalid_eu_dcc_payload",
                f"An EU DCC payload must be Base45 (QR alphanumeric characters); found {bad[:5]}.",
            )
        return QrLayout("eu_dcc", "Q", ((payload, "alphanumeric"),))
    if payload.startswith("shc:/"):
        match = _SHC.match(payload)
        if not match or len(match[2]) % 2:
            raise QrError(
                "invalid_shc_payload",
                "A SMART Health Card payload must be `shc:/` (optionally `C/N/`) followed by an "
                "even number of digits.",
            )
        return QrLayout("shc", "L", ((match[1], "byte"), (match[2], "numeric")))
    return QrLayout("generic", "M", ((payload, None),))


def make_qr(payload: str, *, error: str | None = None) -> segno.QRCode:
    """The QR code for ``payload``; ``error`` overrides the format's level (``L``-``H``)."""
    layout = qr_layout(payload)
    level = (error or layout.error).upper()
    if level not in {"L", "M", "Q", "H"}:
        raise QrError("invalid_error_level", f"Unknown error correction level {error!r}.")
    if len(layout.segments) == 1:
        content, mode = layout.segments[0]
    else:  # segno takes mode constants, not names, inside a segment list
        content = [
            (text, consts.MODE_MAPPING[name] if name else None) for text, name in layout.segments
        ]
        mode = None
    try:
        # boost_error=False: the level stays the one the format asks for, so sizes are
        # predictable and the SHC version limit below means what it says.
        qr = segno.make(content, error=level, mode=mode, micro=False, boost_error=False)
    except DataOverflowError:
        raise QrError(
            "payload_too_large",
            f"The payload ({len(payload)} characters) does not fit in a QR code at level {level}.",
        ) from None
    if layout.kind == "shc" and qr.version > SHC_MAX_VERSION:
        raise QrError(
            "shc_too_large",
            f"A SMART Health Card QR must be version {SHC_MAX_VERSION} or lower; this payload "
            f"needs version {qr.version} (keep the JWS at or under 1195 characters).",
        )
    return qr


def qr_png(
    payload: str, scale: int = DEFAULT_SCALE, *, error: str | None = None, dark: str = "#000"
) -> bytes:
    """PNG image of the QR code, ``scale`` pixels per module, with the standard quiet zone."""
    buffer = io.BytesIO()
    make_qr(payload, error=error).save(
        buffer, kind="png", scale=scale, border=QUIET_ZONE, dark=dark, light="#fff"
    )
    return buffer.getvalue()


def qr_svg(payload: str, *, error: str | None = None, dark: str = "#000") -> str:
    """Inline ``<svg>`` element (no XML declaration, sized by ``viewBox``) for HTML pages."""
    return make_qr(payload, error=error).svg_inline(
        scale=1, border=QUIET_ZONE, omitsize=True, dark=dark, light="#fff", svgclass="qr"
    )


def qr_png_data_uri(
    payload: str, scale: int = DEFAULT_SCALE, *, error: str | None = None, dark: str = "#000"
) -> str:
    """``data:image/png;base64,...`` URI of :func:`qr_png`, for ``<img src>``."""
    return make_qr(payload, error=error).png_data_uri(
        scale=scale, border=QUIET_ZONE, dark=dark, light="#fff"
    )


def qr_svg_data_uri(payload: str, *, error: str | None = None, dark: str = "#000") -> str:
    """``data:image/svg+xml,...`` URI of the QR code, for ``<img src>`` or CSS."""
    return make_qr(payload, error=error).svg_data_uri(
        scale=1, border=QUIET_ZONE, omitsize=True, dark=dark, light="#fff"
    )
