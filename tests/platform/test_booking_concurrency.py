"""Many clients, each with its own database connection, race for the last seats of a session.

Real commits on real PostgreSQL (a throwaway tenant): the conditional UPDATE must give exactly
as many bookings as there are seats, never more, and every other client a clean ``booking.full``.
"""

from __future__ import annotations

import threading
from collections import Counter

from django.db import connection
from django_tenants.utils import tenant_context

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.booking import book_appointment, cancel_appointment
from vaxkit.platform.scheduling.models import Appointment, SessionCapacity
from vaxkit.testing.factories import make_beneficiary, make_citizen, make_session

CLIENTS = 24
CAPACITY = 10
ALREADY_BOOKED = 6


def _race(tenant, jobs):
    """Run each job in its own thread (own connection), all released at once."""
    barrier = threading.Barrier(len(jobs))
    outcomes: list[str] = []
    lock = threading.Lock()

    def run(job):
        try:
            with tenant_context(tenant):
                barrier.wait()
                try:
                    job()
                    result = "ok"
                except ServiceError as exc:
                    result = exc.code
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return Counter(outcomes)


def test_parallel_clients_never_overbook(transactional_tenant):
    tenant = transactional_tenant
    session = make_session(capacity=CAPACITY)
    for _ in range(ALREADY_BOOKED):
        citizen = make_citizen()
        book_appointment(
            actor=citizen,
            beneficiary=make_beneficiary(citizen).reference_id,
            session_id=session.session_id,
        )
    racers = []
    for _ in range(CLIENTS):
        citizen = make_citizen()
        racers.append((citizen, make_beneficiary(citizen).reference_id))

    def booker(citizen, reference_id):
        return lambda: book_appointment(
            actor=citizen, beneficiary=reference_id, session_id=session.session_id
        )

    outcomes = _race(tenant, [booker(c, r) for c, r in racers])

    left = CAPACITY - ALREADY_BOOKED
    assert outcomes == Counter({"ok": left, "booking.full": CLIENTS - left})
    seats = SessionCapacity.objects.get(session=session)
    assert (seats.capacity, seats.booked) == (CAPACITY, CAPACITY)
    assert Appointment.objects.filter(session=session, status="booked").count() == CAPACITY


def test_parallel_double_submissions_book_once(transactional_tenant):
    tenant = transactional_tenant
    session = make_session(capacity=CAPACITY)
    citizen = make_citizen()
    reference_id = make_beneficiary(citizen).reference_id

    outcomes = _race(
        tenant,
        [
            lambda: book_appointment(
                actor=citizen, beneficiary=reference_id, session_id=session.session_id
            )
            for _ in range(8)
        ],
    )

    assert outcomes == Counter({"ok": 1, "booking.duplicate": 7})
    assert SessionCapacity.objects.get(session=session).booked == 1


def test_parallel_cancel_and_book_keep_counts_exact(transactional_tenant):
    tenant = transactional_tenant
    session = make_session(capacity=4)
    holders = []
    for _ in range(4):
        citizen = make_citizen()
        holders.append(
            (
                citizen,
                book_appointment(
                    actor=citizen,
                    beneficiary=make_beneficiary(citizen).reference_id,
                    session_id=session.session_id,
                ),
            )
        )
    newcomers = []
    for _ in range(8):
        citizen = make_citizen()
        newcomers.append((citizen, make_beneficiary(citizen).reference_id))

    jobs = [
        (lambda c=c, a=a: cancel_appointment(actor=c, appointment_id=a.appointment_id))
        for c, a in holders[:2]
    ] + [
        (lambda c=c, r=r: book_appointment(actor=c, beneficiary=r, session_id=session.session_id))
        for c, r in newcomers
    ]
    outcomes = _race(tenant, jobs)

    booked = Appointment.objects.filter(session=session, status="booked").count()
    seats = SessionCapacity.objects.get(session=session)
    assert seats.booked == booked <= 4
    # both cancellations succeed; new bookings fill at most the seats they freed
    assert outcomes["ok"] - 2 == booked - 2


def test_session_tenants_survive_transactional_tests(transactional_tenant, vaxkit_tenants):
    # runs after the tests above (pytest-django keeps transactional tests last, in file order)
    from vaxkit.platform.reference.models import Vaccine
    from vaxkit.platform.tenants.models import Tenant

    assert set(Tenant.objects.values_list("code", flat=True)) >= {
        "xa",
        "xb",
        transactional_tenant.code,
    }
    for tenant in vaxkit_tenants.values():
        with tenant_context(tenant):
            assert Vaccine.objects.count() == len(tenant.profile.vaccines) > 0
