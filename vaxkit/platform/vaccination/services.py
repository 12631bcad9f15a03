"""What happens at the centre: verify the person, record the dose, register walk-ins,
report adverse events. Every read of personal data is audited with its purpose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from vaxkit.eligibility import can_receive
from vaxkit.platform.audit.records import audit, audit_many
from vaxkit.platform.errors import Conflict, Forbidden, NotFound, RateLimited, ServiceError
from vaxkit.platform.ratelimit import consume
from vaxkit.platform.reference.models import Vaccine
from vaxkit.platform.registration.beneficiaries import BeneficiaryInput, register_beneficiary
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.registration.signin import account_for_phone
from vaxkit.platform.scheduling.models import Appointment
from vaxkit.platform.signals import after_dose_recorded
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.platform.vaccination.history import dose_history, person_of
from vaxkit.platform.vaccination.models import AdverseEvent, Dose, Role
from vaxkit.platform.vaccination.staff import covers_facility, require_facility, staff_of

VERIFY_LIMIT_PER_HOUR = 120
WORK_ROLES = (Role.VACCINATOR, Role.FACILITY_ADMIN)


@dataclass(frozen=True)
class Verified:
    """What a vaccinator sees after a successful check: no full ID or phone number."""

    beneficiary: Beneficiary
    appointment: Appointment | None
    display_name: str
    birth_year: int
    gender: str
    id_type: str
    id_masked: str
    next_dose_number: int


def verify_beneficiary(reference_id: str, security_code: str, *, actor: Any) -> Verified:
    """Check a person's reference id and appointment security code at the vaccinator's
    facility. Errors: ``auth.*``, ``verify.rate_limited``, ``verify.failed`` (the same for an
    unknown id and a wrong code)."""
    staff = staff_of(actor, roles=WORK_ROLES)
    count = consume(f"verify:{staff.pk}", VERIFY_LIMIT_PER_HOUR, 3600)
    if not count.allowed:
        raise RateLimited(
            "verify.rate_limited", "Too many checks; wait a while.", retry_after=count.retry_after
        )
    appointment = (
        Appointment.objects.select_related("beneficiary", "session")
        .filter(
            beneficiary__reference_id=reference_id.strip(),
            session__facility_id=staff.facility_id,
            status=Appointment.Status.BOOKED,
        )
        .order_by("session__date")
        .first()
    )
    if appointment is None or appointment.security_code != security_code.strip():
        audit(
            actor,
            "beneficiary.verify_failed",
            purpose="vaccination",
            details={"facility": staff.facility_id},
        )
        raise ServiceError("verify.failed", "The reference id or the security code is not right.")
    person = appointment.beneficiary
    audit(actor, "beneficiary.read", person, purpose="vaccination.verify")
    return Verified(
        beneficiary=person,
        appointment=appointment,
        display_name=person.display_name,
        birth_year=person.birth_year,
        gender=person.gender,
        id_type=person.id_type,
        id_masked=person.id_masked,
        next_dose_number=appointment.dose_number,
    )


def record_dose(
    *,
    actor: Any,
    beneficiary: Beneficiary,
    vaccine: str,
    dose_number: int,
    lot: str,
    idempotency_key: str,
    date: dt.date | None = None,
    site: str = Dose.Site.LEFT_ARM,
    appointment: Appointment | None = None,
) -> Dose:
    """Record a dose given at the vaccinator's facility; idempotent.

    Submitting the same ``idempotency_key`` again returns the dose recorded the first time; a
    different submission for the same beneficiary and dose number that matches the recorded one
    is also answered with it. Errors: ``auth.*``, ``dose.idempotency_conflict``,
    ``dose.conflict``, ``dose.not_eligible``, ``dose.vaccine``, ``dose.site``, ``dose.date``,
    ``dose.lot``. After commit, certificate issuance is enqueued.
    """
    staff = staff_of(actor, roles=WORK_ROLES)
    profile = current_profile()
    date = date or local_today(profile)
    key = idempotency_key.strip()
    if not key or len(key) > 80:
        raise ServiceError("dose.idempotency_key", "Give an idempotency key of 1-80 characters.")
    existing = Dose.objects.filter(idempotency_key=key).first()
    if existing is not None:
        return _same_submission(existing, beneficiary, vaccine, dose_number)
    if date > local_today(profile):
        raise ServiceError("dose.date", "A dose cannot be recorded in the future.")
    if site not in Dose.Site.values:
        raise ServiceError("dose.site", "Unknown injection site.")
    if not lot.strip() or len(lot) > 40:
        raise ServiceError("dose.lot", "Give the lot (batch) number.")
    product = Vaccine.objects.filter(code=vaccine, active=True).first()
    if product is None:
        raise ServiceError("dose.vaccine", f"Unknown vaccine '{vaccine}'.")
    same = Dose.objects.filter(beneficiary=beneficiary, dose_number=dose_number).first()
    if same is not None:
        return _same_submission(same, beneficiary, vaccine, dose_number)
    history = dose_history(beneficiary.pk)
    verdict = can_receive(profile, person_of(beneficiary), history, vaccine, dose_number, date)
    if not verdict.allowed:
        raise ServiceError(
            "dose.not_eligible",
            verdict.reasons[0].message if verdict.reasons else "This dose cannot be given.",
            reasons=[r.as_dict() for r in verdict.reasons],
        )
    if appointment is not None and (
        appointment.beneficiary_id != beneficiary.pk
        or appointment.session.facility_id != staff.facility_id
    ):
        raise ServiceError("dose.appointment", "The appointment is not this person's here.")
    facility = staff.facility
    try:
        with transaction.atomic():
            dose = Dose.objects.create(
                beneficiary=beneficiary,
                vaccine=product,
                dose_number=dose_number,
                lot=lot.strip(),
                date=date,
                site=site,
                facility=facility,
                vaccinator=staff,
                appointment=appointment,
                idempotency_key=key,
            )
            if appointment is not None:
                Appointment.objects.filter(
                    pk=appointment.pk, status=Appointment.Status.BOOKED
                ).update(status=Appointment.Status.COMPLETED)
            audit(
                actor,
                "dose.record",
                dose,
                purpose="vaccination",
                details={"dose": dose_number, "vaccine": vaccine},
            )
            after_dose_recorded(dose.pk)
    except IntegrityError:
        # a concurrent submission won the race: answer with what it recorded
        winner = (
            Dose.objects.filter(idempotency_key=key).first()
            or Dose.objects.filter(beneficiary=beneficiary, dose_number=dose_number).first()
        )
        if winner is None:
            raise
        return _same_submission(winner, beneficiary, vaccine, dose_number)
    return dose


def _same_submission(dose: Dose, beneficiary: Beneficiary, vaccine: str, number: int) -> Dose:
    if dose.beneficiary_id != beneficiary.pk:
        raise Conflict(
            "dose.idempotency_conflict", "This idempotency key was used for another person."
        )
    if dose.dose_number != number or dose.vaccine.code != vaccine:
        raise Conflict(
            "dose.conflict",
            f"Dose {dose.dose_number} of this person is recorded already with other details.",
        )
    return dose


def register_walk_in(
    data: BeneficiaryInput, *, actor: Any, mobile: str | None = None
) -> Beneficiary:
    """Register a person who came to the centre without registering online; with ``mobile``
    the person joins (or opens) that number's account, within its limit."""
    staff = staff_of(actor, roles=WORK_ROLES)
    account = account_for_phone(mobile, actor=actor) if mobile else None
    beneficiary = register_beneficiary(
        data, actor=actor, account=account, source=Beneficiary.Source.WALK_IN
    )
    audit(
        actor,
        "beneficiary.walk_in",
        beneficiary,
        purpose="vaccination",
        details={"facility": staff.facility_id},
    )
    return beneficiary


def report_adverse_event(
    *,
    actor: Any,
    dose: Dose,
    onset_date: dt.date,
    severity: str,
    symptoms: list[str],
    outcome: str,
    serious: bool,
    notes: str = "",
) -> AdverseEvent:
    """Report an adverse event following immunisation against ``dose``.

    Staff whose scope includes the dose's facility may report. Errors: ``aefi.severity``,
    ``aefi.outcome``, ``aefi.onset``, ``aefi.symptoms``.
    """
    staff = staff_of(actor)
    if not covers_facility(staff, dose.facility):
        raise Forbidden("auth.scope", "This dose was given outside your area of work.")
    if severity not in AdverseEvent.Severity.values:
        raise ServiceError("aefi.severity", "Unknown severity.")
    if outcome not in AdverseEvent.Outcome.values:
        raise ServiceError("aefi.outcome", "Unknown outcome.")
    if onset_date < dose.date or onset_date > local_today():
        raise ServiceError("aefi.onset", "The onset must be between the dose and today.")
    cleaned = [s.strip() for s in symptoms if s and s.strip()]
    if not cleaned:
        raise ServiceError("aefi.symptoms", "List at least one symptom.")
    with transaction.atomic():
        event = AdverseEvent.objects.create(
            dose=dose,
            onset_date=onset_date,
            severity=severity,
            symptoms=cleaned,
            outcome=outcome,
            serious=serious
            or severity == AdverseEvent.Severity.SEVERE
            or outcome == AdverseEvent.Outcome.FATAL,
            notes=notes.strip(),
            reported_by=staff,
        )
        audit(
            actor,
            "aefi.report",
            event,
            purpose="safety",
            details={"severity": severity, "serious": event.serious},
        )
    return event


def session_beneficiaries(*, actor: Any, session_id: str) -> list[Beneficiary]:
    """People booked in a session, for the vaccinator's list; each read is audited."""
    staff = staff_of(actor)
    appointments = list(
        Appointment.objects.select_related("beneficiary", "session__facility").filter(
            session__session_id=session_id, status=Appointment.Status.BOOKED
        )
    )
    if appointments:
        require_facility(staff, appointments[0].session.facility)
    people = [a.beneficiary for a in appointments]
    audit_many(actor, "beneficiary.read", people, purpose="vaccination.session_list")
    return people


def find_dose(dose_id: int) -> Dose:
    try:
        return Dose.objects.select_related("facility", "vaccine").get(pk=dose_id)
    except Dose.DoesNotExist:
        raise NotFound("dose.not_found", "No such dose.") from None
