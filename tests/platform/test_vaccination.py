"""At the centre: staff scope, verification, idempotent dose recording, walk-ins, AEFI, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from vaxkit.platform.audit.models import AuditLog
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling.booking import book_appointment
from vaxkit.platform.scheduling.centres import create_facility, create_session
from vaxkit.platform.signals import dose_recorded
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.models import Dose
from vaxkit.platform.vaccination.services import (
    record_dose,
    register_walk_in,
    report_adverse_event,
    session_beneficiaries,
    verify_beneficiary,
)
from vaxkit.platform.vaccination.staff import create_staff_member
from vaxkit.testing.factories import (
    beneficiary_input,
    make_beneficiary,
    make_citizen,
    make_facility,
    make_session,
    make_staff,
    phone_number,
)


@pytest.fixture
def booked(tenant):
    """A vaccinator, and a person booked at the vaccinator's facility today."""
    staff = make_staff("vaccinator")
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    session = make_session(staff.facility, date=local_today(), slots=())
    appointment = book_appointment(
        actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
    )
    return staff, person, appointment


def test_verify_with_reference_and_security_code(booked):
    staff, person, appointment = booked
    found = verify_beneficiary(person.reference_id, appointment.security_code, actor=staff.user)
    assert found.beneficiary == person and found.appointment == appointment
    assert found.id_masked == person.id_masked
    read = AuditLog.objects.get(action="beneficiary.read", object_id=str(person.pk))
    assert (read.actor_kind, read.actor_label, read.purpose) == (
        "staff",
        staff.user.username,
        "vaccination.verify",
    )


def test_verify_fails_alike_for_wrong_code_and_unknown_person(booked):
    staff, person, appointment = booked
    wrong = f"{(int(appointment.security_code) + 1) % 10000:04d}"
    codes = set()
    for ref, code in [(person.reference_id, wrong), ("99999999999999", appointment.security_code)]:
        with pytest.raises(ServiceError) as failed:
            verify_beneficiary(ref, code, actor=staff.user)
        codes.add((failed.value.code, failed.value.message))
    assert len(codes) == 1


def test_vaccinators_see_only_their_facility(booked):
    _, person, appointment = booked
    elsewhere = make_staff("vaccinator")
    with pytest.raises(ServiceError) as hidden:
        verify_beneficiary(person.reference_id, appointment.security_code, actor=elsewhere.user)
    assert hidden.value.code == "verify.failed"
    with pytest.raises(ServiceError) as scope:
        session_beneficiaries(actor=elsewhere.user, session_id=str(appointment.session.session_id))
    assert scope.value.code == "auth.scope"


def test_citizens_are_not_staff(booked):
    _, person, appointment = booked
    with pytest.raises(ServiceError) as denied:
        verify_beneficiary(
            person.reference_id, appointment.security_code, actor=make_citizen().account
        )
    assert denied.value.code == "auth.not_staff"


def test_session_list_audits_each_person(booked):
    staff, person, appointment = booked
    people = session_beneficiaries(actor=staff.user, session_id=str(appointment.session.session_id))
    assert people == [person]
    assert (
        AuditLog.objects.filter(
            action="beneficiary.read", purpose="vaccination.session_list", object_id=str(person.pk)
        ).count()
        == 1
    )


def test_record_dose_completes_the_appointment_and_notifies(
    booked, django_capture_on_commit_callbacks
):
    staff, person, appointment = booked
    heard = []

    def listener(**kwargs):
        heard.append(kwargs)

    dose_recorded.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            dose = record_dose(
                actor=staff.user,
                beneficiary=person,
                vaccine="twodose",
                dose_number=1,
                lot="LOT-1",
                idempotency_key="dev-1:42",
                appointment=appointment,
            )
    finally:
        dose_recorded.disconnect(listener)
    assert dose.facility == staff.facility and dose.vaccinator == staff
    appointment.refresh_from_db()
    assert appointment.status == "completed"
    assert heard == [
        {"signal": dose_recorded, "sender": None, "schema_name": "tenant_xa", "dose_id": dose.pk}
    ]


def test_record_dose_is_idempotent(booked):
    staff, person, _ = booked
    kwargs = {
        "actor": staff.user,
        "beneficiary": person,
        "vaccine": "twodose",
        "dose_number": 1,
        "lot": "LOT-1",
    }
    first = record_dose(idempotency_key="tablet-7:1", **kwargs)
    again = record_dose(idempotency_key="tablet-7:1", **kwargs)
    retried_other_key = record_dose(idempotency_key="tablet-7:2", **kwargs)
    assert first.pk == again.pk == retried_other_key.pk
    assert Dose.objects.filter(beneficiary=person).count() == 1
    with pytest.raises(ServiceError) as conflict:
        record_dose(idempotency_key="tablet-7:3", **{**kwargs, "vaccine": "onedose"})
    assert conflict.value.code == "dose.conflict"
    with pytest.raises(ServiceError) as other_person:
        record_dose(idempotency_key="tablet-7:1", **{**kwargs, "beneficiary": make_beneficiary()})
    assert other_person.value.code == "dose.idempotency_conflict"


def test_record_dose_checks_eligibility(booked):
    staff, person, _ = booked
    with pytest.raises(ServiceError) as wrong:
        record_dose(
            actor=staff.user,
            beneficiary=person,
            vaccine="twodose",
            dose_number=2,
            lot="L",
            idempotency_key="k-2",
        )
    assert wrong.value.code == "dose.not_eligible"
    assert wrong.value.params["reasons"][0]["code"] == "dose.wrong_number"


def test_walk_in_registration_joins_the_number_account(tenant):
    staff = make_staff("vaccinator")
    mobile = phone_number()
    person = register_walk_in(beneficiary_input(), actor=staff.user, mobile=mobile)
    assert person.source == Beneficiary.Source.WALK_IN
    assert person.account.phone.reveal() == mobile
    again = register_walk_in(beneficiary_input(), actor=staff.user, mobile=mobile)
    assert again.account == person.account
    no_phone = register_walk_in(beneficiary_input(), actor=staff.user)
    assert no_phone.account is None


def test_adverse_event_report(booked):
    staff, person, appointment = booked
    dose = record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine="twodose",
        dose_number=1,
        lot="L",
        idempotency_key="k-aefi",
        appointment=appointment,
    )
    event = report_adverse_event(
        actor=staff.user,
        dose=dose,
        onset_date=local_today(),
        severity="severe",
        symptoms=["fever", " "],
        outcome="recovering",
        serious=False,
    )
    assert event.serious  # a severe event is serious whatever the form said
    assert event.symptoms == ["fever"]
    with pytest.raises(ServiceError) as onset:
        report_adverse_event(
            actor=staff.user,
            dose=dose,
            onset_date=local_today() - dt.timedelta(days=3),
            severity="mild",
            symptoms=["rash"],
            outcome="recovered",
            serious=False,
        )
    assert onset.value.code == "aefi.onset"
    outsider = make_staff("vaccinator")
    with pytest.raises(ServiceError) as scope:
        report_adverse_event(
            actor=outsider.user,
            dose=dose,
            onset_date=local_today(),
            severity="mild",
            symptoms=["rash"],
            outcome="recovered",
            serious=False,
        )
    assert scope.value.code == "auth.scope"


def test_staff_roles_and_scopes(tenant):
    from vaxkit.platform.reference.models import AdminArea

    north = AdminArea.objects.get(code="XA-NO")
    district_admin = make_staff("district_admin", area=north)
    # inside the area: allowed
    facility = create_facility(
        actor=district_admin.user,
        name="North Post",
        area_code="XA-NO-02",
        postal_code="560010",
        latitude=13.0,
        longitude=77.6,
    )
    # outside: refused
    with pytest.raises(ServiceError) as outside:
        create_facility(
            actor=district_admin.user,
            name="South Post",
            area_code="XA-SO-01",
            postal_code="600001",
            latitude=13.0,
            longitude=77.6,
        )
    assert outside.value.code == "auth.scope"
    facility_admin = create_staff_member(
        actor=district_admin.user,
        username="fa-north",
        password="x-password-1",
        role="facility_admin",
        facility=facility,
    )
    session = create_session(
        actor=facility_admin.user,
        facility=facility,
        date=local_today() + dt.timedelta(days=1),
        vaccine="onedose",
        capacity=5,
    )
    assert session.created_by == facility_admin.user
    vaccinator = make_staff("vaccinator", facility=facility)
    with pytest.raises(ServiceError) as role:
        create_session(
            actor=vaccinator.user,
            facility=facility,
            date=local_today(),
            vaccine="onedose",
            capacity=5,
        )
    assert role.value.code == "auth.role"
    other_facility = make_facility(area_code="XA-SO-01")
    with pytest.raises(ServiceError) as scope:
        create_session(
            actor=facility_admin.user,
            facility=other_facility,
            date=local_today(),
            vaccine="onedose",
            capacity=5,
        )
    assert scope.value.code == "auth.scope"
    with pytest.raises(ServiceError) as escalate:
        create_staff_member(
            actor=district_admin.user,
            username="boss",
            password="x-password-2",
            role="national_admin",
        )
    assert escalate.value.code == "auth.scope"


def test_every_state_change_leaves_an_audit_row(booked):
    staff, person, appointment = booked
    record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine="twodose",
        dose_number=1,
        lot="L",
        idempotency_key="k-audit",
        appointment=appointment,
    )
    actions = set(AuditLog.objects.values_list("action", flat=True))
    assert {
        "staff.create",
        "facility.create",
        "session.create",
        "beneficiary.register",
        "appointment.book",
        "dose.record",
    } <= actions
    for row in AuditLog.objects.all():
        text = f"{row} {row.details} {row.actor_label}"
        assert person.id_number.reveal() not in text
        assert person.account.phone.reveal()[-10:] not in text
