"""Booking, cancelling and rescheduling: one conditional UPDATE, constraints, query budgets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.booking import (
    appointment_slip,
    book_appointment,
    cancel_appointment,
    reschedule_appointment,
)
from vaxkit.platform.scheduling.models import Appointment, SessionCapacity
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.services import record_dose
from vaxkit.testing.factories import make_beneficiary, make_citizen, make_session, make_staff


def _seats(session) -> list[tuple[int, int, int]]:
    return list(
        SessionCapacity.objects.filter(session=session)
        .order_by("dose_number")
        .values_list("dose_number", "capacity", "booked")
    )


def test_book_takes_one_seat_and_gives_a_slip(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session(capacity=5)
    appointment = book_appointment(
        actor=citizen,
        beneficiary=person.reference_id,
        session_id=session.session_id,
        slot="11:00-13:00",
    )
    assert _seats(session) == [(0, 5, 1)]
    assert appointment.dose_number == 1
    assert len(appointment.security_code) == 4 and appointment.security_code.isdigit()
    slip = appointment_slip(appointment)
    assert slip.reference_id == person.reference_id
    assert slip.id_masked == person.id_masked and slip.slot == "11:00-13:00"
    assert slip.vaccine == "twodose"


def test_a_full_session_refuses(tenant):
    session = make_session(capacity=1)
    first, second = make_citizen(), make_citizen()
    book_appointment(
        actor=first, beneficiary=make_beneficiary(first).reference_id, session_id=session.session_id
    )
    with pytest.raises(ServiceError) as full:
        book_appointment(
            actor=second,
            beneficiary=make_beneficiary(second).reference_id,
            session_id=session.session_id,
        )
    assert full.value.code == "booking.full"
    assert _seats(session) == [(0, 1, 1)]


def test_per_dose_capacity(tenant):
    session = make_session(capacity={1: 1, 2: 3})
    citizen = make_citizen()
    book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=session.session_id,
    )
    assert _seats(session) == [(1, 1, 1), (2, 3, 0)]
    with pytest.raises(ServiceError) as full:
        book_appointment(
            actor=citizen,
            beneficiary=make_beneficiary(citizen).reference_id,
            session_id=session.session_id,
        )
    assert full.value.code == "booking.full"


def test_one_active_appointment_per_dose(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    a, b = make_session(capacity=3), make_session(capacity=3)
    book_appointment(actor=citizen, beneficiary=person.reference_id, session_id=a.session_id)
    with pytest.raises(ServiceError) as dup:
        book_appointment(actor=citizen, beneficiary=person.reference_id, session_id=b.session_id)
    assert dup.value.code == "booking.duplicate"
    # the seat taken before the constraint fired was given back with the rollback
    assert _seats(b) == [(0, 3, 0)]


def test_the_database_refuses_overbooking_by_itself(tenant):
    session = make_session(capacity=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionCapacity.objects.filter(session=session).update(booked=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionCapacity.objects.filter(session=session).update(booked=-1)


def test_cannot_book_for_someone_elses_beneficiary(tenant):
    person = make_beneficiary()
    session = make_session()
    with pytest.raises(ServiceError) as other:
        book_appointment(
            actor=make_citizen(), beneficiary=person.reference_id, session_id=session.session_id
        )
    assert other.value.code == "beneficiary.not_found"


def test_eligibility_is_checked(tenant):
    citizen = make_citizen()
    child = make_beneficiary(citizen, birth_year=local_today().year - 10)
    session = make_session(min_age=0)
    with pytest.raises(ServiceError) as refused:
        book_appointment(
            actor=citizen, beneficiary=child.reference_id, session_id=session.session_id
        )
    assert refused.value.code in {"booking.not_eligible", "booking.age"}
    assert _seats(session) == [(0, 10, 0)]


def test_session_age_limits(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen, birth_year=local_today().year - 30)
    session = make_session(min_age=45)
    with pytest.raises(ServiceError) as refused:
        book_appointment(
            actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
        )
    assert refused.value.code == "booking.age"


def test_second_dose_respects_the_interval(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    staff = make_staff("vaccinator")
    today = local_today()
    record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine="twodose",
        dose_number=1,
        lot="L1",
        idempotency_key="k-interval",
        date=today - dt.timedelta(days=10),
    )
    soon = make_session(staff.facility, date=today + dt.timedelta(days=1))
    with pytest.raises(ServiceError) as early:
        book_appointment(actor=citizen, beneficiary=person.reference_id, session_id=soon.session_id)
    assert early.value.code == "booking.not_eligible"
    assert early.value.params["reasons"][0]["code"] == "interval.too_early"


def test_booking_window_and_slots(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    far = make_session(date=local_today() + dt.timedelta(days=30))
    with pytest.raises(ServiceError) as window:
        book_appointment(actor=citizen, beneficiary=person.reference_id, session_id=far.session_id)
    assert window.value.code == "booking.window"
    near = make_session()
    with pytest.raises(ServiceError) as slot:
        book_appointment(
            actor=citizen,
            beneficiary=person.reference_id,
            session_id=near.session_id,
            slot="23:00-23:30",
        )
    assert slot.value.code == "booking.slot"
    with pytest.raises(ServiceError) as missing:
        book_appointment(actor=citizen, beneficiary=person.reference_id, session_id="nope")
    assert missing.value.code == "session.not_found"


def test_cancel_frees_the_seat(tenant):
    citizen = make_citizen()
    session = make_session(capacity=1)
    appointment = book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=session.session_id,
    )
    cancel_appointment(actor=citizen, appointment_id=appointment.appointment_id)
    assert _seats(session) == [(0, 1, 0)]
    assert Appointment.objects.get(pk=appointment.pk).status == "cancelled"
    with pytest.raises(ServiceError) as twice:
        cancel_appointment(actor=citizen, appointment_id=appointment.appointment_id)
    assert twice.value.code == "appointment.not_booked"
    with pytest.raises(ServiceError) as stranger:
        cancel_appointment(actor=make_citizen(), appointment_id=appointment.appointment_id)
    assert stranger.value.code == "appointment.not_found"


def test_cancel_too_late(tenant):
    citizen = make_citizen()
    session = make_session(date=local_today(), slots=())
    # a session today starts at midnight local time: already past the deadline
    appointment = book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=session.session_id,
    )
    with pytest.raises(ServiceError) as late:
        cancel_appointment(actor=citizen, appointment_id=appointment.appointment_id)
    assert late.value.code == "appointment.too_late"


def test_reschedule_moves_the_seat_with_a_limit(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    sessions = [make_session(capacity=1) for _ in range(4)]
    appointment = book_appointment(
        actor=citizen, beneficiary=person.reference_id, session_id=sessions[0].session_id
    )
    limit = tenant.profile.booking.max_reschedules
    for target in sessions[1 : limit + 1]:
        appointment = reschedule_appointment(
            actor=citizen,
            appointment_id=appointment.appointment_id,
            session_id=target.session_id,
        )
    assert appointment.session == sessions[limit]
    assert [_seats(s)[0][2] for s in sessions] == [0] * limit + [1] + [0] * (3 - limit)
    assert appointment.reschedules == limit
    assert len(appointment.security_code) == 4 and appointment.security_code.isdigit()
    with pytest.raises(ServiceError) as limited:
        reschedule_appointment(
            actor=citizen,
            appointment_id=appointment.appointment_id,
            session_id=sessions[-1].session_id,
        )
    assert limited.value.code == "appointment.reschedule_limit"


def test_reschedule_into_a_full_session_keeps_the_old_seat(tenant):
    citizen = make_citizen()
    full = make_session(capacity=1)
    other = make_citizen()
    book_appointment(
        actor=other, beneficiary=make_beneficiary(other).reference_id, session_id=full.session_id
    )
    current = make_session(capacity=1)
    appointment = book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=current.session_id,
    )
    with pytest.raises(ServiceError) as refused:
        reschedule_appointment(
            actor=citizen, appointment_id=appointment.appointment_id, session_id=full.session_id
        )
    assert refused.value.code == "booking.full"
    assert _seats(current) == [(0, 1, 1)]
    assert Appointment.objects.get(pk=appointment.pk).session_id == current.pk


def test_booking_query_budget(tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session()
    with CaptureQueriesContext(connection) as queries:
        book_appointment(
            actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
        )
    # beneficiary, session, history, UPDATE ... RETURNING, INSERT appointment, INSERT audit
    # (+ savepoint/release inside the test's transaction)
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in (q["sql"] or "")]
    assert len(statements) <= 6, statements


def test_audit_rows_for_booking_changes(tenant):
    from vaxkit.platform.audit.models import AuditLog

    citizen = make_citizen()
    session = make_session(capacity=2)
    appointment = book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=session.session_id,
    )
    cancel_appointment(actor=citizen, appointment_id=appointment.appointment_id)
    rows = AuditLog.objects.filter(object_id=str(appointment.pk)).order_by("id")
    assert [r.action for r in rows] == ["appointment.book", "appointment.cancel"]
    assert all(r.actor_kind == "citizen" and r.actor_id == str(citizen.account.pk) for r in rows)
    assert all(r.at <= timezone.now() for r in rows)
