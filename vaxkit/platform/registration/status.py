"""A beneficiary's status page in one call: cohort, eligibility and why, doses received, the
next dose's window and the appointments (a query for the web pages and the API)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vaxkit.eligibility import Assessment, DoseTaken, NextDose, Reason, assess
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling.models import Appointment
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.platform.vaccination.history import person_of
from vaxkit.platform.vaccination.models import Dose


@dataclass(frozen=True)
class DoseInfo:
    dose_number: int
    vaccine: str
    vaccine_name: str
    date: dt.date
    facility: str


@dataclass(frozen=True)
class AppointmentInfo:
    appointment_id: str
    dose_number: int
    status: str
    date: dt.date
    slot: str
    facility: str
    vaccine: str
    security_code: str


@dataclass(frozen=True)
class BeneficiaryStatus:
    reference_id: str
    display_name: str
    id_type: str
    id_masked: str
    birth_year: int
    gender: str
    cohort: str | None
    cohort_label: str | None
    eligible: bool
    reasons: tuple[Reason, ...]
    doses: tuple[DoseInfo, ...]
    next_dose: NextDose | None
    series_complete: bool
    appointments: tuple[AppointmentInfo, ...]
    assessment: Assessment


def beneficiary_status(
    beneficiary: Beneficiary, *, on: dt.date | None = None, language: str | None = None
) -> BeneficiaryStatus:
    """Everything the citizen's dashboard shows for one person (three queries)."""
    profile = current_profile()
    on = on or local_today(profile)
    doses = [
        DoseInfo(d.dose_number, d.vaccine.code, d.vaccine.product_name, d.date, d.facility.name)
        for d in Dose.objects.filter(beneficiary=beneficiary)
        .select_related("vaccine", "facility")
        .order_by("dose_number")
    ]
    history = [DoseTaken(d.vaccine, d.date, d.dose_number) for d in doses]
    assessment = assess(profile, person_of(beneficiary), history, on)
    appointments = [
        AppointmentInfo(
            str(a.appointment_id),
            a.dose_number,
            a.status,
            a.session.date,
            a.slot,
            a.session.facility.name,
            a.session.vaccine.code,
            a.security_code if a.status == Appointment.Status.BOOKED else "",
        )
        for a in Appointment.objects.filter(beneficiary=beneficiary)
        .select_related("session__facility", "session__vaccine")
        .order_by("-created_at")
    ]
    cohort = assessment.cohort
    return BeneficiaryStatus(
        reference_id=beneficiary.reference_id,
        display_name=beneficiary.display_name,
        id_type=beneficiary.id_type,
        id_masked=beneficiary.id_masked,
        birth_year=beneficiary.birth_year,
        gender=beneficiary.gender,
        cohort=cohort.code if cohort else None,
        cohort_label=profile.text(cohort.labels, language) if cohort else None,
        eligible=assessment.eligible,
        reasons=assessment.reasons,
        doses=tuple(doses),
        next_dose=assessment.next_dose,
        series_complete=assessment.series_complete,
        appointments=tuple(appointments),
        assessment=assessment,
    )
