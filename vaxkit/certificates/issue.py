"""``encode``: one record, one format, one signer -> the certificate payload string."""

from __future__ import annotations

from vaxkit.certificates import hcert, icao_vds, shc, w3c_vc
from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.signers import Signer
from vaxkit.profiles.schema import Profile

FORMATS = (hcert.FORMAT, shc.FORMAT, w3c_vc.FORMAT, icao_vds.FORMAT)
"""Signed formats ``encode`` produces (the profile's ``pdf`` is rendered elsewhere)."""
SIGNER_PURPOSE = {
    hcert.FORMAT: "dsc",
    shc.FORMAT: "dsc",
    icao_vds.FORMAT: "dsc",
    w3c_vc.FORMAT: "vc",
}
"""Which tenant key (``keyring.KeyRing.active(purpose)``) signs each format."""


def encode(
    record: VaccinationRecord, fmt: str, signer: Signer, *, issuer_url: str | None = None
) -> str:
    """The signed payload of ``record`` in format ``fmt``.

    * ``eu_dcc``: ``HC1:`` string (signer: ES256 or PS256 key with its DSC certificate)
    * ``shc``: ``shc:/`` numeric string, chunks separated by newlines (ES256; needs ``issuer_url``)
    * ``w3c_vc``: compact credential JSON (Ed25519; needs ``issuer_url``); ``w3c_vc.qr_bytes``
      gives the zipped QR content
    * ``icao_vds``: compact VDS-NC JSON, also the QR content (ECDSA key with certificate)

    Raises ``CertificateError`` (``unknown_format``, ``schema_violation``, ``unknown_value``, ...).
    """
    if fmt.__class__ is not str:  # a profile's CertificateFormat enum member
        fmt = str(getattr(fmt, "value", fmt))
    if fmt == hcert.FORMAT:
        return hcert.encode(record, signer)
    if fmt == icao_vds.FORMAT:
        return icao_vds.encode(record, signer)
    if fmt in (shc.FORMAT, w3c_vc.FORMAT):
        if not issuer_url:
            raise CertificateError("missing_issuer_url", f"{fmt} certificates need the issuer URL")
        if fmt == shc.FORMAT:
            return shc.encode(record, signer, issuer_url)
        return w3c_vc.encode(record, signer, issuer_url)
    raise CertificateError(
        "unknown_format", f"no encoder for format {fmt!r} (known: {', '.join(FORMATS)})"
    )


def signed_formats(profile: Profile) -> list[str]:
    """The signed payloads issued for a dose under ``profile``, in profile order.

    ``pdf`` is a rendering, not a payload. A profile that selects only ``pdf`` still needs a
    signed payload for the PDF's QR code: an EU DCC when every vaccine has EU codes (the most
    widely verified format), otherwise a W3C verifiable credential, which needs no code lists.
    """
    chosen = [str(getattr(f, "value", f)) for f in profile.certificates.formats]
    signed = [f for f in chosen if f in FORMATS]
    if signed or "pdf" not in chosen:
        return signed
    if all(v.codes.eu_mp and v.codes.eu_vp and v.codes.eu_ma for v in profile.vaccines):
        return [hcert.FORMAT]
    return [w3c_vc.FORMAT]
