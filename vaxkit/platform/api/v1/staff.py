"""Vaccinators' and administrators' endpoints: verify a person, record a dose (idempotent by
the ``Idempotency-Key`` header), report adverse events; aggregate reports for staff and
partner systems."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from ninja import Header, Router, Status
from ninja.responses import codes_4xx

from vaxkit.platform.api.v1.schemas import (
    AdverseEventIn,
    AdverseEventOut,
    DoseIn,
    DoseRecordedOut,
    DoseReportOut,
    ErrorOut,
    Text,
    VerifiedOut,
    VerifyBeneficiaryIn,
)
from vaxkit.platform.api.v1.security import PartnerAuth, StaffAuth, require_scope
from vaxkit.platform.errors import NotFound, ServiceError
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling.models import Appointment, Facility
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.models import Dose
from vaxkit.platform.vaccination.services import (
    find_dose,
    record_dose,
    report_adverse_event,
    verify_beneficiary,
)
from vaxkit.platform.vaccination.staff import covers_facility

router = Router(tags=["staff"], auth=StaffAuth())
ERRORS = {codes_4xx: ErrorOut}


@router.post("/verify", response={200: VerifiedOut, **ERRORS})
def verify(request: HttpRequest, body: VerifyBeneficiaryIn) -> dict[str, Any]:
    """Check a person's reference id and appointment security code at the caller's facility."""
    require_scope(request.auth, "beneficiaries:verify")
    found = verify_beneficiary(body.reference_id, body.security_code, actor=request.auth.user)
    return {
        "reference_id": found.beneficiary.reference_id,
        "display_name": found.display_name,
        "birth_year": found.birth_year,
        "gender": found.gender,
        "id_type": found.id_type,
        "id_masked": found.id_masked,
        "next_dose_number": found.next_dose_number,
        "appointment_id": str(found.appointment.appointment_id) if found.appointment else None,
    }


@router.post("/doses", response={201: DoseRecordedOut, **ERRORS})
def dose(
    request: HttpRequest,
    body: DoseIn,
    idempotency_key: Text(80, 1) = Header(..., alias="Idempotency-Key"),
) -> Status:
    """Record a dose. Sending the same ``Idempotency-Key`` again returns the first result."""
    require_scope(request.auth, "doses:write")
    person = Beneficiary.objects.filter(reference_id=body.reference_id).first()
    if person is None:
        raise NotFound("beneficiary.not_found", "No such beneficiary.")
    appointment = None
    if body.appointment_id:
        try:
            key = uuid.UUID(body.appointment_id)
        except ValueError:
            raise ServiceError("request.invalid", "appointment_id is not valid.") from None
        appointment = Appointment.objects.filter(appointment_id=key, beneficiary=person).first()
        if appointment is None:
            raise NotFound("appointment.not_found", "No such appointment.")
    recorded = record_dose(
        actor=request.auth.user,
        beneficiary=person,
        vaccine=body.vaccine,
        dose_number=body.dose_number,
        lot=body.lot,
        idempotency_key=idempotency_key,
        date=body.date,
        site=body.site,
        appointment=appointment,
    )
    return Status(
        201,
        {
            "dose_id": recorded.pk,
            "reference_id": person.reference_id,
            "vaccine": recorded.vaccine.code,
            "dose_number": recorded.dose_number,
            "date": recorded.date,
            "lot": recorded.lot,
        },
    )


@router.post("/adverse-events", response={201: AdverseEventOut, **ERRORS})
def adverse_event(request: HttpRequest, body: AdverseEventIn) -> Status:
    """Report an adverse event following immunisation (AEFI) against a dose."""
    require_scope(request.auth, "aefi:write")
    found = find_dose(body.dose_id)
    if not covers_facility(request.auth.staff, found.facility):
        raise NotFound("dose.not_found", "No such dose.")
    event = report_adverse_event(
        actor=request.auth.user,
        dose=found,
        onset_date=body.onset_date,
        severity=body.severity,
        symptoms=list(body.symptoms),
        outcome=body.outcome,
        serious=body.serious,
        notes=body.notes,
    )
    return Status(201, {"event_id": event.pk, "dose_id": found.pk, "serious": event.serious})


reports = Router(tags=["reports"], auth=[StaffAuth(), PartnerAuth()])


@reports.get("/doses", response={200: DoseReportOut, **ERRORS})
def dose_report(request: HttpRequest, days: int = 30) -> dict[str, Any]:
    """Doses given per day, vaccine and dose number over the last ``days`` days (1-366);
    aggregate counts only. Staff see their own scope's facilities; partners the whole
    jurisdiction."""
    require_scope(request.auth, "reports:read")
    if not 1 <= days <= 366:
        raise ServiceError("request.invalid", "days must be 1-366.", field="days")
    since = local_today() - dt.timedelta(days=days - 1)
    rows = Dose.objects.filter(date__gte=since)
    staff = getattr(request.auth, "staff", None)
    if staff is not None:
        allowed = [f for f in _facility_ids(rows) if covers_facility(staff, f)]
        rows = rows.filter(facility__in=allowed)
    counted = (
        rows.values("date", "vaccine__code", "dose_number")
        .annotate(doses=Count("id"))
        .order_by("date", "vaccine__code", "dose_number")
    )
    return {
        "rows": [
            {
                "date": r["date"],
                "vaccine": r["vaccine__code"],
                "dose_number": r["dose_number"],
                "doses": r["doses"],
            }
            for r in counted
        ]
    }


def _facility_ids(rows: Any) -> list[Any]:
    return list(Facility.objects.filter(pk__in=rows.values("facility_id")))
