"""Sample certificates for the preview: one made-up person, signed with a throwaway key ring.

Each signed format the profile selects is encoded, drawn as a QR code and verified back with the
library's own ``verify``, so the preview shows exactly what a verifier app would read. The PDF is
rendered by the same code the platform uses and page 1 is turned into a PNG with pdfium.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from vaxkit.certificates.errors import CertificateError
from vaxkit.certificates.issue import FORMATS, SIGNER_PURPOSE, encode
from vaxkit.certificates.issue import signed_formats as platform_formats
from vaxkit.certificates.keyring import KeyRing
from vaxkit.certificates.qr import qr_png
from vaxkit.certificates.record import VaccinationRecord
from vaxkit.certificates.record_json import record_from_dict
from vaxkit.certificates.trust import trust_document
from vaxkit.certificates.verification import verify
from vaxkit.identity.check import check_document, example_number
from vaxkit.identity.names import travel_names
from vaxkit.identity.transliteration import to_mrz
from vaxkit.preview.errors import PreviewError
from vaxkit.preview.sample_names import sample_latin_parts, sample_name_parts
from vaxkit.profiles.schema import CertificateFormat, Profile

FORMAT_TITLES = {
    "eu_dcc": "EU Digital COVID Certificate (HC1)",
    "shc": "SMART Health Card",
    "w3c_vc": "W3C Verifiable Credential (DIVOC / CoWIN style)",
    "icao_vds": "ICAO Visible Digital Seal (VDS-NC)",
    "pdf": "Printable PDF",
}
"""QR format printed on the PDF when the profile selects ``pdf`` and no signed format."""
SAMPLE_BIRTH_DATE = "1980-05-17"


@dataclass(frozen=True)
class SignedSample:
    """One signed format: its payload, QR image and what ``verify`` read back."""

    format: str
    title: str
    payload: str
    qr_png: bytes | None
    """``None`` when the format could not be issued or drawn (see ``reason``)."""
    valid: bool
    reason: str | None
    message: str
    content: dict[str, Any]


@dataclass(frozen=True)
class PdfSample:
    """The printable certificate: page 1 as PNG, and which format its QR code carries."""

    qr_format: str
    page_png: bytes
    pages: int


@dataclass(frozen=True)
class CertificateSamples:
    record: VaccinationRecord
    signed: list[SignedSample]
    pdf: PdfSample | None
    pdf_error: str | None
    key_ids: list[str]
    trust: dict[str, Any]
    """The throwaway keys' public trust file: anyone can re-verify the samples with it."""


def data_uri(media_type: str, data: bytes) -> str:
    """``data:<type>;base64,...`` for inlining an image in the page."""
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def sample_record(profile: Profile, now: dt.datetime) -> VaccinationRecord:
    """A first-dose record of a made-up person, in the profile's default language."""
    language = profile.languages.default
    parts = sample_name_parts(profile.names, language)
    given_parts = [p.key for p in profile.names.parts if p.travel_role == "given"]
    family_parts = [p.key for p in profile.names.parts if p.travel_role == "family"]
    given = " ".join(parts[k] for k in given_parts if parts.get(k))
    family = " ".join(parts[k] for k in family_parts if parts.get(k))
    if not given and not family:  # a single free-form name field with no travel role
        given = " ".join(v for v in parts.values() if v)
    latin = (
        sample_latin_parts(profile.names, language)
        if profile.names.transliteration == "ask"
        else None
    )
    given_latin, family_latin = travel_names(profile.names, parts, latin)
    if not given_latin and not family_latin:  # no part has a travel role: the whole name
        given_latin, family_latin = "", to_mrz(" ".join(v for v in parts.values() if v))
    vaccine = profile.vaccines[0]
    opens = min(c.opens_on for c in profile.cohorts.groups)
    day = min(opens, now.date())
    data = {
        "given_name": given,
        "family_name": family,
        "given_name_latin": given_latin,
        "family_name_latin": family_latin,
        "date_of_birth": SAMPLE_BIRTH_DATE,
        "sex": profile.registration.genders[0].fhir,
        "vaccine_code": vaccine.code,
        "dose_number": 1,
        "date": day.isoformat(),
        "issued_at": now.replace(microsecond=0).isoformat(),
        "lot": "PREVIEW-001",
    }
    try:
        return record_from_dict(data, profile, now=now)
    except CertificateError as exc:
        raise PreviewError(
            "preview.record", f"cannot build a sample record: {exc.message}"
        ) from exc


def build_samples(
    profile: Profile, profile_dir: Path, *, now: dt.datetime | None = None
) -> CertificateSamples:
    """Sign, draw and verify a sample certificate in every format ``profile`` selects.

    A format that cannot be issued (a vaccine code missing from the EU value sets, say) becomes
    a failed sample with the reason, so that a profile still in progress can be previewed.
    """
    now = now or dt.datetime.now(dt.UTC)
    record = sample_record(profile, now)
    issuer = profile.text(profile.certificates.issuer_name, "en")
    ring = KeyRing.generate(profile.certificates.country, issuer, now=now - dt.timedelta(days=1))
    trust = trust_document(
        ring.published(),
        country=profile.certificates.country,
        issuer_name=issuer,
        issuer_url=profile.certificates.issuer_url,
    )
    chosen = [str(f.value) for f in profile.certificates.formats]
    signed_formats = [f for f in chosen if f in FORMATS]
    payloads: dict[str, str] = {}
    errors: dict[str, str] = {}

    def issue(fmt: str) -> str | None:
        if fmt not in payloads and fmt not in errors:
            signer = ring.active(SIGNER_PURPOSE[fmt]).signer()
            try:
                payloads[fmt] = encode(
                    record, fmt, signer, issuer_url=profile.certificates.issuer_url
                )
            except CertificateError as exc:
                errors[fmt] = f"{exc.code}: {exc.message}"
        return payloads.get(fmt)

    signed = [
        _signed_sample(fmt, issue(fmt), errors.get(fmt), trust, now) for fmt in signed_formats
    ]
    pdf: PdfSample | None = None
    pdf_error: str | None = None
    if CertificateFormat.pdf.value in chosen:
        # The PDF's QR carries the first selected format that can be issued; a profile that
        # selects only `pdf` gets what the platform would issue (an EU DCC where the vaccines
        # have EU codes), then any format that works for a profile still in progress.
        candidates = signed_formats or [*platform_formats(profile), *FORMATS]
        qr_format = next((f for f in candidates if issue(f) is not None), None)
        if qr_format is None:
            pdf_error = "no certificate format could be issued for its QR code: " + "; ".join(
                f"{f}: {errors[f]}" for f in candidates if f in errors
            )
        else:
            try:
                pdf = _pdf_sample(profile, profile_dir, record, payloads[qr_format], qr_format)
            except PreviewError as exc:
                pdf_error = exc.message
    keys = [k.key_id for k in ring.published()]
    return CertificateSamples(record, signed, pdf, pdf_error, keys, trust)


def _signed_sample(
    fmt: str, payload: str | None, error: str | None, trust: dict[str, Any], now: dt.datetime
) -> SignedSample:
    title = FORMAT_TITLES[fmt]
    if payload is None:
        return SignedSample(fmt, title, "", None, False, "not_issued", error or "", {})
    try:
        image: bytes | None = qr_png(payload, scale=3)
    except CertificateError as exc:
        image, error = None, f"{exc.code}: {exc.message}"
    verdict = verify(payload, trust, now)
    if image is None:
        return SignedSample(fmt, title, payload, None, False, "no_qr", error or "", {})
    content = verdict.as_dict()["content"]
    return SignedSample(
        fmt, title, payload, image, verdict.valid, verdict.reason, verdict.message, content
    )


def _pdf_sample(
    profile: Profile, profile_dir: Path, record: VaccinationRecord, payload: str, fmt: str
) -> PdfSample:
    from vaxkit.certificates.pdf import render_certificate_pdf

    try:
        import pypdfium2
    except ImportError:  # a dev dependency on some installs
        raise PreviewError(
            "preview.dependency", "the PDF preview needs pypdfium2: pip install pypdfium2"
        ) from None
    document = profile.id_documents[0]
    masked = check_document(document, example_number(document)).masked
    logo = profile_dir / profile.branding.logo if profile.branding.logo else None
    try:
        pdf = render_certificate_pdf(
            record, payload, profile, masked_id=masked, id_label=document.labels, logo_path=logo
        )
    except CertificateError as exc:
        raise PreviewError("preview.pdf", f"cannot render the PDF: {exc.message}") from exc
    doc = pypdfium2.PdfDocument(pdf)
    try:
        page = doc[0]
        image = page.render(scale=1.5).to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        return PdfSample(fmt, buffer.getvalue(), len(doc))
    finally:
        doc.close()
