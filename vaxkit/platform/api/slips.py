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
from fpdf import FPDF

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


def _latin(text: str) -> str:
    # the built-in PDF fonts cover Latin-1 only; other scripts are on the web page's slip
    return text.encode("latin-1", "replace").decode("latin-1")


def slip_pdf(slip: AppointmentSlip) -> bytes:
    """A one-page appointment slip (masked ID only)."""
    profile = current_profile()
    pdf = FPDF(format=(148, 210))  # A5 in millimetres
    pdf.set_creator("vaxkit")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(
        0, 10, _latin(profile.text(profile.branding.platform_name)), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font("Helvetica", "", 11)
    rows = [
        ("Appointment", slip.appointment_id),
        ("Reference id", slip.reference_id),
        ("Name", slip.name),
        ("ID", slip.id_masked),
        ("Dose", str(slip.dose_number)),
        ("Vaccine", slip.vaccine_name),
        ("Date", slip.date.strftime("%d-%m-%Y")),
        ("Slot", slip.slot or "-"),
        ("Centre", slip.facility),
        ("Address", f"{slip.address} {slip.postal_code}".strip()),
        ("Security code", slip.security_code),
    ]
    for label, value in rows:
        pdf.cell(35, 8, _latin(label))
        pdf.multi_cell(0, 8, _latin(value), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


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
