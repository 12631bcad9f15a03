"""Citizen pages through Django's test client: sign-in, people, search, booking, privacy."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.scheduling.models import Appointment
from vaxkit.platform.tenants.current import local_today
from vaxkit.testing.factories import id_number, make_facility, make_session, phone_number


def _add_person(client: Client, **overrides: str) -> tuple[Beneficiary, str]:
    doc, number = id_number("national_id")
    data = {
        "name_given": "Asha",
        "name_family": "Rao",
        "birth_date": "1980-05-17",
        "gender": "f",
        "id_type": doc,
        "id_number": number,
        "consent": "on",
        **overrides,
    }
    response = client.post("/account/add", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    reference = response["Location"].rsplit("/", 1)[1]
    return Beneficiary.objects.get(reference_id=reference), number


def _text(response) -> str:
    return response.content.decode()


def test_home_is_branded_in_the_tenant_language_without_outside_assets(web):
    page = _text(web.get("/"))
    assert '<html lang="en" dir="ltr">' in page
    assert "--brand:#123456" in page and "TestVax" in page and "Testland" in page
    assert not re.search(r'(src|href)="(https?:)?//', page), "no asset from another host"
    assert 'option value="hi" lang="hi">हिन्दी' in page


def test_language_switch_is_limited_to_the_profile_languages(web):
    response = web.post("/language", {"language": "hi", "next": "/search"})
    assert response.status_code == 302 and response["Location"] == "/search"
    page = _text(web.get("/"))
    assert '<html lang="hi" dir="ltr">' in page and "टेस्टवैक्स" in page
    assert "टीकाकरण केंद्र खोजें" in page  # from the Hindi catalog
    web.post("/language", {"language": "ar"})
    assert '<html lang="hi"' in _text(web.get("/"))
    # an outside address is never a redirect target
    assert (
        web.post("/language", {"language": "en", "next": "https://evil.example/"})["Location"]
        == "/"
    )


def test_browser_language_is_used_when_nothing_was_chosen(tenant):
    client = Client(HTTP_HOST="xa.localhost", HTTP_ACCEPT_LANGUAGE="fr;q=1, hi-IN;q=0.8")
    response = client.get("/")
    assert response["Content-Language"] == "hi"
    assert '<html lang="hi"' in _text(response)


def test_sign_in_with_otp_and_out(web, django_capture_on_commit_callbacks, otp_for):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post("/signin", {"mobile": mobile})
    assert response["Location"] == "/signin/otp"
    page = _text(web.get("/signin/otp"))
    assert f"XXXXXX{mobile[-4:]}" in page and mobile[3:] not in page
    wrong = "000000" if otp_for(mobile) != "000000" else "111111"
    response = web.post("/signin/otp", {"otp": wrong})
    assert response.status_code == 200 and "The OTP is not correct." in _text(response)
    response = web.post("/signin/otp", {"otp": otp_for(mobile)})
    assert response["Location"] == "/account"
    assert web.get("/account").status_code == 200
    web.post("/signout")
    assert web.get("/account")["Location"].startswith("/signin?next=")


def test_bad_mobile_number_is_a_message_not_an_error(web):
    response = web.post("/signin", {"mobile": "12"})
    assert response.status_code == 200
    assert "Enter a valid mobile number." in _text(response)


def test_account_pages_need_sign_in(web):
    for url in ("/account", "/account/add", "/account/people/12345678901234"):
        response = web.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/signin")


def test_add_a_person_and_see_the_status_with_masked_numbers(citizen_web):
    person, number = _add_person(citizen_web)
    page = _text(citizen_web.get(f"/account/people/{person.reference_id}"))
    assert "Asha Rao" in page and person.id_masked in page
    assert number not in page and number[-8:] not in page
    assert citizen_web.mobile[3:] not in page
    assert "Eligible for a first dose in the cohort Adults." in page
    assert "Book an appointment" in page
    dashboard = _text(citizen_web.get("/account"))
    assert "Asha Rao" in dashboard and number not in dashboard


def test_registration_errors_are_shown_on_the_form(citizen_web):
    response = citizen_web.post(
        "/account/add",
        {
            "name_given": "Asha",
            "gender": "f",
            "id_type": "national_id",
            "id_number": "123",
            "consent": "on",
            "birth_year": "1980",
        },
    )
    assert response.status_code == 200
    assert "The document number is not valid. Please check it." in _text(response)
    response = citizen_web.post("/account/add", {"name_given": "Asha"})
    assert response.status_code == 200
    assert _text(response).count("Please fill in this field.") >= 3


def test_one_account_cannot_see_another_accounts_person(citizen_web, tenant, new_client, signed_in):
    person, _ = _add_person(citizen_web)
    other = new_client(tenant)
    signed_in(other)
    response = other.get(f"/account/people/{person.reference_id}", follow=True)
    page = _text(response)
    assert "Asha" not in page
    assert "This person is not registered under your account." in page
    response = other.post(
        f"/account/people/{person.reference_id}/book",
        {"session_id": str(make_session().session_id)},
        follow=True,
    )
    assert not Appointment.objects.filter(beneficiary=person).exists()


def test_public_search_by_postal_code_area_and_place(web, tenant):
    facility = make_facility(
        area_code="XA-NO-01",
        postal_code="560002",
        name="Hill Clinic",
        latitude=12.97,
        longitude=77.59,
    )
    today = local_today(tenant.profile)
    make_session(facility, date=today + dt.timedelta(days=2), capacity=7)
    tomorrow = today + dt.timedelta(days=1)
    by_code = _text(web.get("/search", {"postal_code": "560002", "date": tomorrow.isoformat()}))
    assert "0 sessions found" in by_code
    week = _text(
        web.get("/search", {"postal_code": "560002", "date": tomorrow.isoformat(), "week": "on"})
    )
    assert "1 session found" in week and "Hill Clinic" in week and "7 seats left" in week
    by_area = _text(web.get("/search", {"area": "XA-NO", "week": "on"}))
    assert "Hill Clinic" in by_area
    near = _text(
        web.get("/search", {"latitude": "12.98", "longitude": "77.60", "radius": "5", "week": "on"})
    )
    assert "Hill Clinic" in near and "km away" in near
    far = _text(web.get("/search", {"latitude": "20", "longitude": "70", "week": "on"}))
    assert "Hill Clinic" not in far
    assert "Book" not in week.split("</form>", 2)[-1], "no booking without sign-in"


def test_book_see_the_slip_reschedule_and_cancel(citizen_web, tenant):
    person, _ = _add_person(citizen_web)
    today = local_today(tenant.profile)
    first = make_session(date=today + dt.timedelta(days=2), capacity=3)
    second = make_session(first.facility, date=today + dt.timedelta(days=3), capacity=3)
    listing = _text(
        citizen_web.get(
            "/search",
            {"postal_code": first.facility.postal_code, "week": "on", "for": person.reference_id},
        )
    )
    assert f'action="/account/people/{person.reference_id}/book"' in listing
    response = citizen_web.post(
        f"/account/people/{person.reference_id}/book",
        {"session_id": str(first.session_id), "slot": "11:00-13:00"},
    )
    assert response.status_code == 302
    appointment = Appointment.objects.get(beneficiary=person)
    slip = _text(citizen_web.get(response["Location"]))
    assert appointment.security_code in slip and "Appointment slip" in slip
    assert "11:00-13:00" in slip
    # a second booking of the same dose is refused with a message
    again = citizen_web.post(
        f"/account/people/{person.reference_id}/book",
        {"session_id": str(second.session_id)},
        follow=True,
    )
    assert "already has an appointment for this dose" in _text(again)

    moved = citizen_web.post(
        f"/account/people/{person.reference_id}/appointments/{appointment.appointment_id}"
        "/reschedule",
        {"session_id": str(second.session_id)},
    )
    assert moved.status_code == 302
    appointment.refresh_from_db()
    assert appointment.session_id == second.pk and appointment.reschedules == 1

    cancel_url = (
        f"/account/people/{person.reference_id}/appointments/{appointment.appointment_id}/cancel"
    )
    assert "Yes, cancel it" in _text(citizen_web.get(cancel_url))
    citizen_web.post(cancel_url)
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    page = _text(citizen_web.get(f"/account/people/{person.reference_id}"))
    assert "Cancelled" in page


def test_forms_refuse_posts_without_csrf_token(tenant):
    client = Client(HTTP_HOST="xa.localhost", enforce_csrf_checks=True)
    assert client.post("/signin", {"mobile": phone_number()}).status_code == 403
    assert client.post("/language", {"language": "hi"}).status_code == 403


def test_development_sms_inbox_masks_numbers(
    web, django_capture_on_commit_callbacks, settings, otp_for
):
    mobile = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        web.post("/signin", {"mobile": mobile})
    page = _text(web.get("/dev/sms"))
    assert "Development SMS inbox" in page and otp_for(mobile) in page
    assert f"XXXXXX{mobile[-4:]}" in page and mobile[3:] not in page
    settings.VAXKIT_SMS_INBOX_VISIBLE = False
    assert web.get("/dev/sms").status_code == 404
    assert "development SMS inbox" not in _text(web.get("/"))


@pytest.mark.parametrize("url", ["/", "/search", "/signin", "/staff/signin"])
def test_public_pages_answer(web, url):
    assert web.get(url).status_code == 200


def test_public_host_lists_the_jurisdictions(client, tenant):
    page = client.get("/", HTTP_HOST="localhost").content.decode()
    assert "TestVax" in page and "http://xa.localhost/" in page
