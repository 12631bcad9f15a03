"""A signed-in citizen's own beneficiaries, eligibility, appointments and certificates.

Every id is resolved within the token's account: another account's objects are not found.
"""

from __future__ import annotations

import dataclasses
import importlib
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.responses import codes_4xx

from vaxkit.platform.api.slips import own_appointment
from vaxkit.platform.api.v1.schemas import (
    AppointmentOut,
    BeneficiaryIn,
    BeneficiaryOut,
    BookingIn,
    CertificateOut,
    ErrorOut,
    RescheduleIn,
    SlipOut,
    StatusOut,
    Text,
)
from vaxkit.platform.api.v1.security import CitizenAuth
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import (
    BeneficiaryInput,
    beneficiaries_of,
    beneficiary_for,
    register_beneficiary,
    remove_beneficiary,
)
from vaxkit.platform.registration.status import beneficiary_status
from vaxkit.platform.scheduling.booking import (
    appointment_slip,
    book_appointment,
    cancel_appointment,
    reschedule_appointment,
)

router = Router(tags=["citizens"], auth=CitizenAuth())
ERRORS = {codes_4xx: ErrorOut}
CERTIFICATES_APP = "vaxkit.platform.certificates"


def _person(b: Any) -> dict[str, Any]:
    return {
        "reference_id": b.reference_id,
        "display_name": b.display_name,
        "birth_year": b.birth_year,
        "gender": b.gender,
        "id_type": b.id_type,
        "id_masked": b.id_masked,
    }


@router.get("/beneficiaries", response={200: list[BeneficiaryOut], **ERRORS})
def list_beneficiaries(request: HttpRequest) -> list[dict[str, Any]]:
    """The people registered under this account."""
    return [_person(b) for b in beneficiaries_of(request.auth.account)]


@router.post("/beneficiaries", response={201: BeneficiaryOut, **ERRORS})
def register(request: HttpRequest, body: BeneficiaryIn) -> Status:
    """Register a person (name parts as in the profile's name model)."""
    data = BeneficiaryInput(
        name_parts=dict(body.name_parts),
        gender=body.gender,
        id_type=body.id_type,
        id_number=body.id_number,
        consent_version=body.consent_version,
        birth_date=body.birth_date,
        birth_year=body.birth_year,
        qualifiers=tuple(body.qualifiers),
    )
    return Status(201, _person(register_beneficiary(data, actor=request.auth)))


@router.get("/beneficiaries/{reference_id}", response={200: StatusOut, **ERRORS})
def status(request: HttpRequest, reference_id: Text(32, 1)) -> dict[str, Any]:
    """One person's eligibility (with reasons), doses, next dose and appointments."""
    person = beneficiary_for(request.auth, reference_id)
    found = beneficiary_status(person)
    return {
        **_person(person),
        "cohort": found.cohort,
        "cohort_label": found.cohort_label,
        "eligible": found.eligible,
        "reasons": [r.as_dict() for r in found.reasons],
        "doses": [dataclasses.asdict(d) for d in found.doses],
        "next_dose": _plain(found.next_dose),
        "series_complete": found.series_complete,
        "appointments": [dataclasses.asdict(a) for a in found.appointments],
    }


def _plain(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    if dataclasses.is_dataclass(value):
        return {k: v for k, v in dataclasses.asdict(value).items() if not isinstance(v, tuple)}
    return dict(value)


@router.delete("/beneficiaries/{reference_id}", response={204: None, **ERRORS})
def remove(request: HttpRequest, reference_id: Text(32, 1)) -> Status:
    """Remove a person without doses or appointments."""
    remove_beneficiary(reference_id, actor=request.auth)
    return Status(204, None)


@router.post("/appointments", response={201: SlipOut, **ERRORS})
def book(request: HttpRequest, body: BookingIn) -> Status:
    """Book the next dose of one of this account's people."""
    appointment = book_appointment(
        actor=request.auth,
        beneficiary=body.beneficiary,
        session_id=body.session_id,
        slot=body.slot,
        dose_number=body.dose,
    )
    return Status(201, dataclasses.asdict(appointment_slip(appointment)))


@router.get("/appointments/{appointment_id}", response={200: SlipOut, **ERRORS})
def slip(request: HttpRequest, appointment_id: Text(64, 1)) -> dict[str, Any]:
    """The appointment slip."""
    return dataclasses.asdict(appointment_slip(own_appointment(request.auth, appointment_id)))


@router.post("/appointments/{appointment_id}/cancel", response={200: AppointmentOut, **ERRORS})
def cancel(request: HttpRequest, appointment_id: Text(64, 1)) -> dict[str, Any]:
    """Cancel an appointment (until the profile's cut-off before it)."""
    appointment = own_appointment(request.auth, appointment_id)
    cancel_appointment(actor=request.auth, appointment_id=appointment.appointment_id)
    return _appointment(own_appointment(request.auth, appointment_id))


@router.post("/appointments/{appointment_id}/reschedule", response={200: AppointmentOut, **ERRORS})
def reschedule(
    request: HttpRequest, appointment_id: Text(64, 1), body: RescheduleIn
) -> dict[str, Any]:
    """Move an appointment to another session."""
    before = own_appointment(request.auth, appointment_id)
    reschedule_appointment(
        actor=request.auth,
        appointment_id=before.appointment_id,
        session_id=body.session_id,
        slot=body.slot,
    )
    return _appointment(own_appointment(request.auth, appointment_id))


def _appointment(a: Any) -> dict[str, Any]:
    return {
        "appointment_id": str(a.appointment_id),
        "dose_number": a.dose_number,
        "status": a.status,
        "date": a.session.date,
        "slot": a.slot,
        "facility": a.session.facility.name,
        "vaccine": a.session.vaccine.code,
        "security_code": a.security_code if a.status == "booked" else "",
    }


@router.get("/beneficiaries/{reference_id}/certificate", response={200: CertificateOut, **ERRORS})
def certificate(request: HttpRequest, reference_id: Text(32, 1)) -> dict[str, Any]:
    """The person's current certificate: its id and signed payload per format."""
    person = beneficiary_for(request.auth, reference_id)
    if not apps.is_installed(CERTIFICATES_APP):
        raise ServiceError("certificate.not_available", "No certificate is available.")
    found = importlib.import_module(f"{CERTIFICATES_APP}.issuance").current_certificate(person)
    if found is None:
        raise ServiceError("certificate.not_available", "No certificate is available.")
    return {
        "certificate_id": found.certificate_id,
        "status": found.status,
        "issued_at": found.issued_at,
        "payloads": {k: str(v) for k, v in (found.payloads or {}).items()},
    }


@router.get("/beneficiaries/{reference_id}/certificate.pdf", response={200: None, **ERRORS})
def certificate_pdf(request: HttpRequest, reference_id: Text(32, 1)) -> HttpResponse:
    """The person's current certificate as PDF."""
    from vaxkit.platform.api.slips import certificate_pdf_for

    return HttpResponse(
        certificate_pdf_for(request.auth, reference_id), content_type="application/pdf"
    )
