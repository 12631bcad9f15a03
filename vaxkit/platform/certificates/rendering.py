"""QR images and printable PDFs of stored certificates, rendered on first request and cached.

Nothing is rendered at issue time (the signing path stays fast). The cache key is the hash of
the signed payload plus what else shapes the output (the profile version for the PDF), so a
re-issued certificate or a profile change renders anew and an unchanged one never does.
Country layout overrides come from ``VAXKIT_CERTIFICATE_TEMPLATE_DIRS``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from vaxkit.certificates import qr
from vaxkit.certificates.record_json import record_from_dict
from vaxkit.platform.certificates.models import Certificate
from vaxkit.platform.errors import NotFound, ServiceError
from vaxkit.platform.tenants.current import current_tenant

CACHE_SECONDS = 7 * 24 * 3600
PDF_QR_PREFERENCE = ("eu_dcc", "shc", "icao_vds", "w3c_vc")
"""Which payload the PDF prints as its QR code when the profile issues several."""


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()


def template_dirs() -> list[Path]:
    """Folders searched for certificate layout overrides (``VAXKIT_CERTIFICATE_TEMPLATE_DIRS``)."""
    value = getattr(settings, "VAXKIT_CERTIFICATE_TEMPLATE_DIRS", None) or []
    if isinstance(value, str | Path):
        value = [value]
    return [Path(p) for p in value]


def payload_of(certificate: Certificate, fmt: str | None = None) -> tuple[str, str]:
    """``(format, payload)``: the given format's, or the one the PDF prints. Errors:
    ``certificate.format`` (not issued in that format)."""
    payloads = certificate.payloads or {}
    if fmt is None:
        fmt = next((f for f in PDF_QR_PREFERENCE if f in payloads), None)
    if fmt is None or fmt not in payloads:
        raise NotFound("certificate.format", f"The certificate was not issued as {fmt}.")
    return fmt, payloads[fmt]


def certificate_qr_png(
    certificate: Certificate, fmt: str | None = None, *, scale: int = 5
) -> bytes:
    """PNG of the certificate's QR code in ``fmt`` (default: the PDF's). Errors:
    ``certificate.format``, ``certificate.qr`` (the payload does not fit a QR code)."""
    fmt, payload = payload_of(certificate, fmt)
    key = f"vaxkit:cert-qr:{_digest(payload, str(scale))}"
    image = cache.get(key)
    if image is None:
        text = payload.split("\n")[0] if fmt == "shc" else payload
        try:
            image = qr.qr_png(text, scale=scale)
        except qr.QrError as error:
            raise ServiceError("certificate.qr", error.message, reason=error.code) from None
        cache.set(key, image, CACHE_SECONDS)
    return image


def certificate_pdf(certificate: Certificate, *, languages: list[str] | None = None) -> bytes:
    """The printable certificate (PDF bytes), in the profile's certificate languages, with the
    ID document masked as stored (never the number). Errors: ``certificate.format``,
    ``certificate.render``."""
    from vaxkit.certificates.pdf import CertificateRenderError, render_certificate_pdf

    tenant = current_tenant()
    profile = tenant.profile
    _, payload = payload_of(certificate)
    dirs = template_dirs()
    key = "vaxkit:cert-pdf:" + _digest(
        payload,
        tenant.profile_sha256,
        ",".join(languages or []),
        *(str(d) for d in dirs),
    )
    document = cache.get(key)
    if document is not None:
        return document
    person = certificate.beneficiary
    id_label: str | dict[str, str] = person.id_type
    for doc in profile.id_documents:
        if doc.code == person.id_type:
            id_label = dict(doc.labels)
    logo = _logo(tenant)
    try:
        document = render_certificate_pdf(
            record_from_dict(certificate.record),
            payload.split("\n")[0],
            profile,
            masked_id=person.id_masked,
            id_label=id_label,
            languages=languages,
            template_dirs=dirs,
            logo_path=logo,
        )
    except CertificateRenderError as error:
        raise ServiceError("certificate.render", error.message, reason=error.code) from None
    cache.set(key, document, CACHE_SECONDS)
    return document


def _logo(tenant: object) -> Path | None:
    """The profile's logo file, when it can be found next to the profile it came from."""
    logo = tenant.profile.branding.logo  # type: ignore[attr-defined]
    source = getattr(tenant, "profile_source", "")
    if not logo or not source:
        return None
    path = Path(source).parent / logo
    return path if path.is_file() else None
