"""Booking, cancelling and rescheduling appointments.

Capacity changes by one conditional UPDATE (``... WHERE booked < capacity RETURNING``) and the
database enforces the rest (CHECK on capacity, one active appointment per beneficiary and dose
number): nothing is read, decided in Python and written back (DESIGN.md house rule 6). The
booking itself is two hand-written statements (:mod:`booking_sql`); cancelling and rescheduling,
rarer, use the ORM around the same conditional UPDATE.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from vaxkit.eligibility import DoseTaken, can_receive
from vaxkit.eligibility.ages import Ages
from vaxkit.platform.actors import System, citizen_account, describe
from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Conflict, NotFound, ServiceError
from vaxkit.platform.reference.models import Vaccine
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling import booking_sql
from vaxkit.platform.scheduling.centres import slot_start
from vaxkit.platform.scheduling.models import SHARED_CAPACITY, Appointment, Facility, Session
from vaxkit.platform.signals import announce_seats_changed
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.platform.vaccination.history import dose_history, person_of
from vaxkit.platform.vaccination.staff import require_facility, staff_of
from vaxkit.profiles.schema import Profile


@dataclass(frozen=True)
class AppointmentSlip:
    """What the citizen shows at the centre (and the API returns after booking)."""

    appointment_id: str
    reference_id: str
    name: str
    id_masked: str
    dose_number: int
    vaccine: str
    vaccine_name: str
    date: dt.date
    slot: str
    facility: str
    address: str
    postal_code: str
    security_code: str


def book_appointment(
    *,
    actor: Any,
    beneficiary: str | Beneficiary,
    session_id: str | uuid.UUID,
    slot: str = "",
    dose_number: int | None = None,
) -> Appointment:
    """Book the next dose of ``beneficiary`` (a reference id or row) in ``session_id``.

    A citizen books for the beneficiaries of their own account; staff for anyone, in sessions
    of facilities within their scope (walk-ins). Errors: ``beneficiary.not_found``,
    ``session.not_found``, ``booking.window``, ``booking.slot``, ``booking.age``,
    ``booking.not_eligible`` (with ``reasons``), ``booking.full``, ``booking.duplicate``,
    ``auth.*``.
    """
    profile = current_profile()
    reference = beneficiary.reference_id if isinstance(beneficiary, Beneficiary) else beneficiary
    person, session, history = _context(actor, str(reference), session_id)
    _check_window(session, profile)
    slot = _check_slot(session, slot)
    dose_number = dose_number or len(history) + 1
    _check_eligible(profile, person, history, session, dose_number)
    info = describe(actor)
    now = timezone.now()
    appointment = Appointment(
        appointment_id=uuid.uuid4(),
        beneficiary=person,
        session=session,
        dose_number=dose_number,
        slot=slot,
        security_code=_security_code(),
        created_at=now,
        updated_at=now,
    )
    try:
        # One statement is atomic in PostgreSQL on its own: outside a transaction, wrapping it
        # in transaction.atomic() would only add BEGIN and COMMIT round trips to the busiest
        # write of the platform. Inside a caller's transaction a savepoint keeps a refused
        # booking from aborting the caller's work.
        guard = transaction.atomic() if connection.in_atomic_block else nullcontext()
        with guard, connection.prepared_cursor() as cursor:
            cursor.execute(
                booking_sql.BOOK,
                {
                    "session": session.pk,
                    "dose": dose_number,
                    "appointment": appointment.appointment_id,
                    "beneficiary": person.pk,
                    "slot": slot,
                    "code": appointment.security_code,
                    "now": now,
                    "actor_kind": info.kind,
                    "actor_id": info.id,
                    "actor_label": info.label[:150],
                    "ip": info.ip,
                    "details": json.dumps(
                        {"session": str(session.session_id), "dose": dose_number}
                    ),
                },
            )
            row = cursor.fetchone()
    except IntegrityError:
        # the unique (beneficiary, dose) constraint: the seat taken in the statement is undone
        raise Conflict(
            "booking.duplicate", "This person already has an appointment for this dose."
        ) from None
    if row is None:
        raise Conflict("booking.full", "No seats are left in this session for this dose.")
    appointment.pk, appointment.capacity_id = row
    appointment._state.adding = False
    announce_seats_changed(session.facility)
    return appointment


def _context(
    actor: Any, reference: str, session_id: str | uuid.UUID
) -> tuple[Beneficiary, Session, list[DoseTaken]]:
    try:
        session_key = uuid.UUID(str(session_id))
    except ValueError:
        session_key = None
    with connection.prepared_cursor() as cursor:
        cursor.execute(
            booking_sql.CONTEXT, {"session": session_key, "reference": reference.strip()}
        )
        row = cursor.fetchone()
    account = citizen_account(actor)
    if row is None or (account is not None and row[2] != account.pk):
        raise NotFound("beneficiary.not_found", "No such beneficiary under this account.")
    person = _load(
        Beneficiary,
        {
            "id": row[0],
            "reference_id": row[1],
            "account_id": row[2],
            "display_name": row[3],
            "id_masked": row[4],
            "birth_date": row[5],
            "birth_year": row[6],
            "qualifiers": _json(row[7]),
        },
    )
    if row[8] is None or not row[19]:
        raise NotFound("session.not_found", "No such session.")
    session = _load(
        Session,
        {
            "id": row[8],
            "session_id": row[9],
            "date": row[10],
            "min_age": row[11],
            "max_age": row[12],
            "slots": _json(row[13]),
            "facility_id": row[14],
            "vaccine_id": row[20],
        },
    )
    session.facility = _load(
        Facility,
        {
            "id": row[14],
            "name": row[15],
            "address": row[16],
            "postal_code": row[17],
            "area_path": row[18],
            "active": row[19],
        },
    )
    session.vaccine = _load(Vaccine, {"id": row[20], "code": row[21], "product_name": row[22]})
    if account is None and not isinstance(actor, System):
        require_facility(staff_of(actor), session.facility)
    history = [
        DoseTaken(vaccine=code, date=dt.date.fromisoformat(day), dose_number=number)
        for code, day, number in _json(row[23])
    ]
    return person, session, history


def _json(value: Any) -> Any:
    # Django loads jsonb as text (its JSONField parses it); plain json arrives parsed
    return json.loads(value) if isinstance(value, str) else value


def _load(model: type[Any], values: dict[str, Any]) -> Any:
    """A model instance from some of its columns (the others load on access)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def cancel_appointment(*, actor: Any, appointment_id: str | uuid.UUID) -> Appointment:
    """Cancel a booked appointment and free its seat.

    Errors: ``appointment.not_found``, ``appointment.not_booked``, ``appointment.too_late``.
    """
    profile = current_profile()
    with transaction.atomic():
        appointment = _own_appointment(actor, appointment_id, lock=True)
        _check_changeable(profile, appointment)
        _release(appointment)
        appointment.status = Appointment.Status.CANCELLED
        appointment.updated_at = timezone.now()
        appointment.save(update_fields=["status", "updated_at"])
        audit(actor, "appointment.cancel", appointment, purpose="booking")
        announce_seats_changed(appointment.session.facility)
    return appointment


def reschedule_appointment(
    *, actor: Any, appointment_id: str | uuid.UUID, session_id: str | uuid.UUID, slot: str = ""
) -> Appointment:
    """Move a booked appointment to another session (at most ``booking.max_reschedules``
    times), taking the new seat before freeing the old one.

    Errors: those of :func:`book_appointment` and :func:`cancel_appointment`, and
    ``appointment.reschedule_limit``.
    """
    profile = current_profile()
    with transaction.atomic():
        appointment = _own_appointment(actor, appointment_id, lock=True)
        _check_changeable(profile, appointment)
        if appointment.reschedules >= profile.booking.max_reschedules:
            raise Conflict(
                "appointment.reschedule_limit",
                "This appointment cannot be rescheduled again.",
                limit=profile.booking.max_reschedules,
            )
        session = _open_session(session_id, profile)
        slot = _check_slot(session, slot)
        person = appointment.beneficiary
        _check_eligible(profile, person, dose_history(person.pk), session, appointment.dose_number)
        capacity_id = _take_seat(session.pk, appointment.dose_number)
        _release(appointment)
        old_session = appointment.session.session_id
        announce_seats_changed(appointment.session.facility, session.facility)
        appointment.session = session
        appointment.capacity_id = capacity_id
        appointment.slot = slot
        appointment.reschedules += 1
        appointment.security_code = _security_code()
        appointment.updated_at = timezone.now()
        appointment.save()
        audit(
            actor,
            "appointment.reschedule",
            appointment,
            purpose="booking",
            details={"from": str(old_session), "to": str(session.session_id)},
        )
    return appointment


def appointment_slip(appointment: Appointment) -> AppointmentSlip:
    """The slip for a booked appointment (name and masked ID only)."""
    session = appointment.session
    facility = session.facility
    person = appointment.beneficiary
    return AppointmentSlip(
        appointment_id=str(appointment.appointment_id),
        reference_id=person.reference_id,
        name=person.display_name,
        id_masked=person.id_masked,
        dose_number=appointment.dose_number,
        vaccine=session.vaccine.code,
        vaccine_name=session.vaccine.product_name,
        date=session.date,
        slot=appointment.slot,
        facility=facility.name,
        address=facility.address,
        postal_code=facility.postal_code,
        security_code=appointment.security_code,
    )


def _take_seat(session_pk: int, dose_number: int) -> int:
    with connection.cursor() as cursor:
        cursor.execute(booking_sql.TAKE_SEAT, [session_pk, SHARED_CAPACITY, dose_number])
        row = cursor.fetchone()
    if row is None:
        raise Conflict("booking.full", "No seats are left in this session for this dose.")
    return row[0]


def _release(appointment: Appointment) -> None:
    if appointment.status != Appointment.Status.BOOKED:
        raise Conflict("appointment.not_booked", "Only a booked appointment can be changed.")
    with connection.cursor() as cursor:
        cursor.execute(booking_sql.FREE_SEAT, [appointment.capacity_id])


def _security_code() -> str:
    return f"{secrets.randbelow(10_000):04d}"


def _check_window(session: Session, profile: Profile) -> None:
    today = local_today(profile)
    if not today <= session.date <= today + dt.timedelta(days=profile.booking.window_days):
        raise ServiceError(
            "booking.window",
            f"Sessions can be booked from today up to {profile.booking.window_days} days ahead.",
        )


def _open_session(session_id: str | uuid.UUID, profile: Profile) -> Session:
    try:
        key = uuid.UUID(str(session_id))
    except ValueError:
        raise NotFound("session.not_found", "No such session.") from None
    session = (
        Session.objects.select_related("vaccine", "facility")
        .filter(session_id=key, cancelled=False, facility__active=True)
        .first()
    )
    if session is None:
        raise NotFound("session.not_found", "No such session.")
    _check_window(session, profile)
    return session


def _check_slot(session: Session, slot: str) -> str:
    if not session.slots:
        return ""
    if not slot:
        return session.slots[0]
    if slot not in session.slots:
        raise ServiceError("booking.slot", "Choose one of the session's time slots.")
    return slot


def _check_eligible(
    profile: Profile, person: Beneficiary, history: list, session: Session, dose_number: int
) -> None:
    facts = person_of(person)
    age = Ages.of(profile, facts).dose.age(session.date)
    if age < session.min_age or (session.max_age is not None and age > session.max_age):
        raise ServiceError("booking.age", "This session is for another age group.", age=age)
    verdict = can_receive(profile, facts, history, session.vaccine.code, dose_number, session.date)
    if not verdict.allowed:
        raise ServiceError(
            "booking.not_eligible",
            verdict.reasons[0].message if verdict.reasons else "Not eligible for this dose.",
            reasons=[r.as_dict() for r in verdict.reasons],
        )


def _own_appointment(actor: Any, appointment_id: str | uuid.UUID, *, lock: bool) -> Appointment:
    account = citizen_account(actor)
    try:
        key = uuid.UUID(str(appointment_id))
    except ValueError:
        raise NotFound("appointment.not_found", "No such appointment.") from None
    rows = Appointment.objects.select_related("session", "beneficiary").filter(
        appointment_id=key, beneficiary__account=account
    )
    if lock:
        rows = rows.select_for_update(of=("self",))
    appointment = rows.first() if account is not None else None
    if appointment is None:
        raise NotFound("appointment.not_found", "No such appointment.")
    return appointment


def _check_changeable(profile: Profile, appointment: Appointment) -> None:
    if appointment.status != Appointment.Status.BOOKED:
        raise Conflict("appointment.not_booked", "Only a booked appointment can be changed.")
    zone = ZoneInfo(profile.country.time_zone)
    starts = dt.datetime.combine(
        appointment.session.date, slot_start(appointment.slot) or dt.time(0, 0), tzinfo=zone
    )
    if timezone.now() > starts - dt.timedelta(hours=profile.booking.cancel_until_hours):
        raise Conflict(
            "appointment.too_late",
            f"Changes are possible until {profile.booking.cancel_until_hours} hours before.",
        )
