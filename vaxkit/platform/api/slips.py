"""Documents a citizen downloads: the appointment slip (PDF, made here) and the vaccination
certificate (PDF, from the certificates app when installed).

Both are resolved within the caller's own account: another account's appointment or
beneficiary is not found.
"""

from __future__ import annotations

import importlib
import uuid
from typing import Any

from django.apps import apps
from django.template.loader import render_to_string
from django.utils import translation

from vaxkit.certificates.i18n import text_direction
from vaxkit.certificates.pdf import html_to_pdf
from vaxkit.certificates.typefaces import font_stack
from vaxkit.platform.actors import citizen_account
from vaxkit.platform.errors import NotFound, ServiceError
from vaxkit.platform.registration.beneficiaries import beneficiary_for
from vaxkit.platform.scheduling.booking import AppointmentSlip, appointment_slip
from vaxkit.platform.scheduling.models import Appointment
from vaxkit.platform.tenants.current import current_profile

CERTIFICATES_APP = "vaxkit.platform.certificates"


def own_appointment(actor: Any, appointment_id: str) -> Appointment:
    """The appointment ``appointment_id`` of the actor's own account (``appointment.not_found``)."""
    account = citizen_account(actor)
    try:
        key = uuid.UUID(appointment_id)
    except ValueError:
        key = None
    found = (
        Appointment.objects.select_related("session__facility", "session__vaccine", "beneficiary")
        .filter(appointment_id=key, beneficiary__account=account)
        .first()
        if key is not None and account is not None
        else None
    )
    if found is None:
        raise NotFound("appointment.not_found", "No such appointment.")
    return found


SLIP_CSS = """
@page { size: A5; margin: 14mm; }
body { font-size: 11pt; color: #1b1b1b; }
h1 { font-size: 16pt; margin: 0 0 2mm; color: var(--brand); }
h2 { font-size: 12pt; margin: 0 0 6mm; font-weight: normal; }
.code { font-size: 28pt; font-weight: bold; letter-spacing: 0.3em; margin: 4mm 0; }
table { border-collapse: collapse; width: 100%; }
th { text-align: start; font-weight: normal; color: #555; padding: 1.5mm 4mm 1.5mm 0; }
td { padding: 1.5mm 0; }
.ltr { direction: ltr; unicode-bidi: isolate; }
"""


def slip_pdf(slip: AppointmentSlip, language: str | None = None) -> bytes:
    """A one-page appointment slip in ``language`` (default: the profile's), masked ID only,
    drawn with the bundled Noto fonts so names print in every script."""
    profile = current_profile()
    language = language or profile.languages.default
    fallbacks = profile.languages.fallbacks
    with translation.override(language):
        html = render_to_string(
            "api/slip_pdf.html",
            {
                "slip": slip,
                "lang": language,
                "dir": text_direction(language, fallbacks),
                "fonts": ", ".join(
                    f'"{f}"' for f in font_stack(language, profile.languages.fallbacks)
                ),
                "platform": profile.text(profile.branding.platform_name, language),
                "brand": profile.branding.colors.primary,
            },
        )
    return html_to_pdf(html, SLIP_CSS)


def appointment_slip_pdf(actor: Any, appointment_id: str) -> bytes:
    """The slip of one of the actor's booked appointments."""
    appointment = own_appointment(actor, appointment_id)
    if appointment.status != Appointment.Status.BOOKED:
        raise NotFound("appointment.not_found", "No such appointment.")
    return slip_pdf(appointment_slip(appointment))


def certificate_pdf_for(actor: Any, reference_id: str) -> bytes:
    """The current certificate of one of the actor's beneficiaries, as PDF.

    Errors: ``beneficiary.not_found``, ``certificate.not_available`` (none issued, or the
    certificates app is not part of this build).
    """
    person = beneficiary_for(actor, reference_id)
    if not apps.is_installed(CERTIFICATES_APP):
        raise ServiceError("certificate.not_available", "No certificate is available.")
    issuance = importlib.import_module(f"{CERTIFICATES_APP}.issuance")
    rendering = importlib.import_module(f"{CERTIFICATES_APP}.rendering")
    certificate = issuance.current_certificate(person)
    if certificate is None:
        raise ServiceError("certificate.not_available", "No certificate is available.")
    return rendering.certificate_pdf(certificate)
