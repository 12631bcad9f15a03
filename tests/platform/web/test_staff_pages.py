"""Staff pages: sign-in, today's sessions, verify, record a dose, walk-in, AEFI, sessions,
reports; and who may see what."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from vaxkit.platform.scheduling.booking import book_appointment
from vaxkit.platform.scheduling.models import Session
from vaxkit.platform.tenants.current import local_today
from vaxkit.platform.vaccination.models import AdverseEvent, Dose
from vaxkit.testing.factories import (
    id_number,
    make_beneficiary,
    make_citizen,
    make_session,
    make_staff,
)

PASSWORD = "test-password-1"


def _staff_client(new_client, tenant, staff) -> Client:
    client = new_client(tenant)
    response = client.post("/staff/signin", {"username": staff.user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/staff/"
    return client


@pytest.fixture
def desk(tenant):
    """A vaccinator, today's session at their facility and one booked person."""
    staff = make_staff("vaccinator")
    session = make_session(staff.facility, date=local_today(tenant.profile), capacity=5)
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    appointment = book_appointment(
        actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
    )
    return staff, session, person, appointment


def test_wrong_password_is_a_message(web):
    make_staff("vaccinator")
    response = web.post("/staff/signin", {"username": "nobody", "password": "x"})
    assert response.status_code == 200
    assert "The user name or the password is not right." in response.content.decode()


def test_staff_pages_need_a_staff_account(web, citizen_web):
    assert web.get("/staff/")["Location"].startswith("/staff/signin")
    assert citizen_web.get("/staff/verify")["Location"].startswith("/staff/signin")
    assert citizen_web.get("/staff/reports")["Location"].startswith("/staff/signin")


def test_verify_and_record_a_dose(desk, new_client, tenant):
    staff, session, person, appointment = desk
    client = _staff_client(new_client, tenant, staff)
    home = client.get("/staff/").content.decode()
    assert session.vaccine.product_name in home and str(session.session_id) in home

    listing = client.get(f"/staff/sessions/{session.session_id}").content.decode()
    assert person.reference_id in listing and person.id_masked in listing

    wrong = "0000" if appointment.security_code != "0000" else "1111"
    response = client.post(
        "/staff/verify", {"reference_id": person.reference_id, "security_code": wrong}
    )
    assert "The reference ID or the security code is not right." in response.content.decode()

    response = client.post(
        "/staff/verify",
        {"reference_id": person.reference_id, "security_code": appointment.security_code},
    )
    page = response.content.decode()
    assert person.display_name in page and person.id_masked in page
    assert "Record the dose" in page
    key = response.context["form"].initial["idempotency_key"]
    dose_data = {
        "reference_id": person.reference_id,
        "security_code": appointment.security_code,
        "idempotency_key": key,
        "id_checked": "on",
        "vaccine": session.vaccine.code,
        "dose_number": "1",
        "lot": "LOT-77",
        "site": "left_arm",
    }
    response = client.post("/staff/record", dose_data)
    assert response.status_code == 200 and "Dose recorded" in response.content.decode()
    dose = Dose.objects.get(beneficiary=person)
    assert dose.lot == "LOT-77" and dose.vaccinator == staff
    # the same submission again records nothing new
    client.post("/staff/record", dose_data)
    assert Dose.objects.filter(beneficiary=person).count() == 1


def test_record_needs_the_id_check(desk, new_client, tenant):
    staff, session, person, appointment = desk
    client = _staff_client(new_client, tenant, staff)
    response = client.post(
        "/staff/record",
        {
            "reference_id": person.reference_id,
            "security_code": appointment.security_code,
            "idempotency_key": "k-1",
            "vaccine": session.vaccine.code,
            "dose_number": "1",
            "lot": "L",
            "site": "left_arm",
        },
    )
    assert response.status_code == 200 and not Dose.objects.filter(beneficiary=person).exists()
    assert "Please correct the marked fields." in response.content.decode()


def test_walk_in_is_registered_and_seated(desk, new_client, tenant):
    staff, session, _, _ = desk
    client = _staff_client(new_client, tenant, staff)
    assert "Register a walk-in" in client.get("/staff/walk-in").content.decode()
    doc, number = id_number("national_id")
    response = client.post(
        "/staff/walk-in",
        {
            "name_given": "Ravi",
            "birth_year": "1970",
            "gender": "m",
            "id_type": doc,
            "id_number": number,
            "consent": "on",
            "session_id": str(session.session_id),
        },
    )
    page = response.content.decode()
    assert "Walk-in registered" in page, page[-2000:]
    assert number not in page
    assert session.appointments.filter(beneficiary__display_name="Ravi").exists()


def test_report_an_adverse_event(desk, new_client, tenant):
    staff, session, person, appointment = desk
    client = _staff_client(new_client, tenant, staff)
    from vaxkit.platform.vaccination.services import record_dose

    dose = record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine=session.vaccine.code,
        dose_number=1,
        lot="L1",
        idempotency_key="aefi-1",
        appointment=appointment,
    )
    url = f"/staff/doses/{dose.pk}/adverse-event"
    assert "Report an adverse event" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "onset_date": dose.date.isoformat(),
            "severity": "mild",
            "symptoms": "Fever\nSore arm",
            "outcome": "recovered",
        },
    )
    assert response.status_code == 302
    event = AdverseEvent.objects.get(dose=dose)
    assert event.symptoms == ["Fever", "Sore arm"] and not event.serious


def test_only_facility_admins_open_sessions(tenant, new_client):
    admin = make_staff("facility_admin")
    vaccinator = make_staff("vaccinator", facility=admin.facility)
    client = _staff_client(new_client, tenant, vaccinator)
    assert client.get("/staff/sessions/new").status_code == 302
    client = _staff_client(new_client, tenant, admin)
    day = local_today(tenant.profile) + dt.timedelta(days=4)
    response = client.post(
        "/staff/sessions/new",
        {
            "date": day.isoformat(),
            "vaccine": "onedose",
            "capacity": "40",
            "slots": "09:00-12:00, 12:00-15:00",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(facility=admin.facility, date=day)
    assert session.slots == ["09:00-12:00", "12:00-15:00"]
    response = client.post(
        "/staff/sessions/new",
        {
            "date": day.isoformat(),
            "vaccine": "onedose",
            "capacity": "4",
            "slots": "nine",
        },
    )
    assert response.status_code == 200 and "Write time slots like 09:00-11:00." in (
        response.content.decode()
    )


def test_reports_draw_charts_within_scope(tenant, new_client, desk):
    staff, session, person, appointment = desk
    from vaxkit.platform.vaccination.services import record_dose

    record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine=session.vaccine.code,
        dose_number=1,
        lot="L1",
        idempotency_key="rep-1",
        appointment=appointment,
    )
    admin = make_staff("national_admin")
    page = _staff_client(new_client, tenant, admin).get("/staff/reports").content.decode()
    assert page.count("<svg") == 4
    assert "People registered" in page and "Adults" in page and "TwoDose" in page
    other = make_staff("vaccinator")
    page = _staff_client(new_client, tenant, other).get("/staff/reports").content.decode()
    assert "TwoDose" not in page and "People registered" not in page
