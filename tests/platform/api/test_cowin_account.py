"""CoWIN-compatible sign-in, beneficiaries and booking over HTTP; object-level authorization;
one tenant's token on another tenant."""

from __future__ import annotations

import hashlib

from cowin_contract import validate

from tests.platform.api.conftest import cowin_day
from vaxkit.platform.registration.signin import start_session
from vaxkit.platform.scheduling.models import Appointment, SessionCapacity
from vaxkit.platform.sms.backends import outbox
from vaxkit.testing.factories import (
    id_number,
    make_beneficiary,
    make_citizen,
    phone_number,
)

V2 = "/api/v2"


def _otp_for(number: str) -> str:
    message = next(m for m in reversed(outbox) if m.to == number)
    return next(word for word in message.body.split() if word.isdigit() and len(word) == 6)


def test_sign_in_with_hashed_otp(api, tenant, django_capture_on_commit_callbacks, cowin_spec):
    number = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        txn = api.post_json(f"{V2}/auth/public/generateOTP", {"mobile": number})
    assert set(txn.json()) == {"txnId"}
    validate(cowin_spec, "/v2/auth/public/generateOTP", "post", 200, txn.json())
    otp = hashlib.sha256(_otp_for(number).encode()).hexdigest()
    token = api.post_json(
        f"{V2}/auth/public/confirmOTP", {"otp": otp, "txnId": txn.json()["txnId"]}
    ).json()
    assert set(token) == {"token"}
    validate(cowin_spec, "/v2/auth/public/confirmOTP", "post", 200, token)
    api.token = token["token"]
    assert api.get_json(f"{V2}/appointment/beneficiaries").json() == {"beneficiaries": []}


def test_portal_variants_and_new_account_flag(api, tenant, django_capture_on_commit_callbacks):
    number = phone_number()
    with django_capture_on_commit_callbacks(execute=True):
        txn = api.post_json(f"{V2}/auth/generateMobileOTP", {"mobile": number, "secret": "x"})
    answer = api.post_json(
        f"{V2}/auth/validateMobileOtp", {"otp": _otp_for(number), "txnId": txn.json()["txnId"]}
    ).json()
    assert answer["isNewAccount"] == "Y"
    api.token = answer["token"]
    captcha = api.post_json(f"{V2}/auth/getRecaptcha", {})
    assert captcha.json()["captcha"].startswith("<svg")


def test_otp_answers_look_the_same_for_known_and_unknown_numbers(api, tenant):
    known = make_citizen()
    a = api.post_json(f"{V2}/auth/public/generateOTP", {"mobile": known.account.phone.reveal()})
    b = api.post_json(f"{V2}/auth/public/generateOTP", {"mobile": phone_number()})
    assert a.status_code == b.status_code == 200
    assert set(a.json()) == set(b.json()) == {"txnId"}
    assert a["Content-Length"] == b["Content-Length"]


def test_otp_errors(api, tenant):
    missing = api.post_json(f"{V2}/auth/public/generateOTP", {})
    assert missing.status_code == 400
    assert missing.json() == {"errorCode": "USRAUT0010", "error": "Mobile is Required"}
    bad = api.post_json(f"{V2}/auth/public/confirmOTP", {"otp": "a" * 64, "txnId": "nope"})
    assert bad.status_code == 400 and bad.json()["errorCode"] == "otp.invalid"
    junk = api.post(f"{V2}/auth/public/generateOTP", data="{", content_type="application/json")
    assert junk.status_code == 400 and junk.json()["errorCode"] == "USRRES0001"
    wrong_method = api.get(f"{V2}/auth/public/generateOTP")
    assert wrong_method.status_code == 405


def test_protected_endpoints_need_a_token(api, tenant):
    for path in (
        "/appointment/beneficiaries",
        "/registration/beneficiary/idTypes",
        "/appointment/sessions/findByPin?pincode=560001&date=01-01-2030",
    ):
        response = api.get(f"{V2}{path}", HTTP_AUTHORIZATION="Bearer nope")
        assert response.status_code == 401
        assert response.content == b"Unauthenticated access!"


def test_register_book_reschedule_cancel(api, world):
    citizen = make_citizen()
    api.token = start_session(citizen.account).token
    id_types = api.get_json(f"{V2}/registration/beneficiary/idTypes").json()["types"]
    assert id_types == [{"id": 1, "type": "National ID"}, {"id": 2, "type": "Passport"}]
    genders = api.get_json(f"{V2}/registration/beneficiary/genders").json()["genders"]
    assert genders[0] == {"id": 1, "gender": "Male"}
    _, number = id_number("national_id")
    new = api.post_json(
        f"{V2}/registration/beneficiary/new",
        {
            "name": "Asha Rao",
            "birth_year": "1980",
            "gender_id": 2,
            "photo_id_type": 1,
            "photo_id_number": number,
            "comorbidity_ind": "N",
            "consent_version": "2",
        },
    )
    assert new.status_code == 200, new.content
    ref = new.json()["beneficiary_reference_id"]
    listed = api.get_json(f"{V2}/appointment/beneficiaries").json()["beneficiaries"]
    (person,) = listed
    assert person["name"] == "Asha Rao" and person["gender"] == "Female"
    assert person["vaccination_status"] == "Not Vaccinated"
    assert person["photo_id_number"] != number and number[-4:] in person["photo_id_number"]
    session = world["hill_1"]
    booked = api.post_json(
        f"{V2}/appointment/schedule",
        {
            "dose": 1,
            "session_id": str(session.session_id),
            "slot": "11:00AM-01:00PM",
            "beneficiaries": [ref],
            "captcha": "ABCDE",
        },
    )
    assert booked.status_code == 200, booked.content
    appointment_id = booked.json()["appointment_confirmation_no"]
    stored = Appointment.objects.get(appointment_id=appointment_id)
    assert stored.slot == "11:00-13:00"
    slip = api.get_json(
        f"{V2}/appointment/appointmentslip/download", {"appointment_id": appointment_id}
    )
    assert slip.status_code == 200 and slip.content.startswith(b"%PDF")
    moved = api.post_json(
        f"{V2}/appointment/reschedule",
        {
            "appointment_id": appointment_id,
            "session_id": str(world["hill_3"].session_id),
            "slot": "09:00AM-11:00AM",
        },
    )
    assert moved.status_code == 204, moved.content
    cancelled = api.post_json(
        f"{V2}/appointment/cancel",
        {"appointment_id": appointment_id, "beneficiariesToCancel": [ref]},
    )
    assert cancelled.status_code == 204, cancelled.content
    assert SessionCapacity.objects.get(session=world["hill_3"]).booked == 0
    deleted = api.post_json(
        f"{V2}/registration/beneficiary/delete", {"beneficiary_reference_id": ref}
    )
    assert deleted.status_code == 204


def test_booking_errors_use_cowin_codes(api, world):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    api.token = start_session(citizen.account).token
    body = {
        "dose": 1,
        "session_id": str(world["hill_1"].session_id),
        "slot": "03:00PM-04:00PM",
        "beneficiaries": [person.reference_id],
    }
    bad_slot = api.post_json(f"{V2}/appointment/schedule", body)
    assert bad_slot.status_code == 400
    assert bad_slot.json() == {"errorCode": "APPOIN0015", "error": "Invalid Slot Id"}
    for junk in (
        {**body, "beneficiaries": "x"},
        {**body, "dose": "two"},
        {**body, "beneficiaries": [{}]},
    ):
        response = api.post_json(f"{V2}/appointment/schedule", junk)
        assert response.status_code == 400 and "errorCode" in response.json()


def test_no_access_to_another_accounts_objects(api, world):
    owner = make_citizen()
    person = make_beneficiary(owner)
    from vaxkit.platform.scheduling.booking import book_appointment

    appointment = book_appointment(
        actor=owner, beneficiary=person.reference_id, session_id=world["hill_1"].session_id
    )
    intruder = make_citizen()
    api.token = start_session(intruder.account).token
    aid = str(appointment.appointment_id)
    attempts = [
        api.get_json(f"{V2}/appointment/appointmentslip/download", {"appointment_id": aid}),
        api.post_json(
            f"{V2}/appointment/cancel", {"appointment_id": aid, "beneficiariesToCancel": []}
        ),
        api.post_json(
            f"{V2}/appointment/reschedule",
            {"appointment_id": aid, "session_id": str(world["hill_3"].session_id)},
        ),
        api.post_json(
            f"{V2}/registration/beneficiary/delete",
            {"beneficiary_reference_id": person.reference_id},
        ),
        api.get_json(
            f"{V2}/registration/certificate/public/download",
            {"beneficiary_reference_id": person.reference_id},
        ),
        api.post_json(
            f"{V2}/appointment/schedule",
            {
                "dose": 1,
                "session_id": str(world["hill_3"].session_id),
                "beneficiaries": [person.reference_id],
            },
        ),
    ]
    for response in attempts:
        assert response.status_code == 400, response.content
        assert response.json()["errorCode"].endswith("not_found"), response.json()
    assert api.get_json(f"{V2}/appointment/beneficiaries").json() == {"beneficiaries": []}
    appointment.refresh_from_db()
    assert appointment.status == "booked"


def test_certificate_without_one_is_a_cowin_error(api, tenant):
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    api.token = start_session(citizen.account).token
    response = api.get_json(
        f"{V2}/registration/certificate/public/download",
        {"beneficiary_reference_id": person.reference_id},
    )
    assert response.status_code == 400
    assert response.json()["errorCode"] == "certificate.not_available"


def test_a_token_works_only_on_its_own_tenant(api, other_api, tenant):
    citizen = make_citizen()
    other_api.token = start_session(citizen.account).token
    response = other_api.get_json(f"{V2}/appointment/beneficiaries")
    assert response.status_code == 401


def test_signed_in_search(api, world):
    citizen = make_citizen()
    api.token = start_session(citizen.account).token
    day = cowin_day(world["today"])
    response = api.get_json(
        f"{V2}/appointment/sessions/calendarByPin", {"pincode": "560001", "date": day}
    )
    assert response.status_code == 200 and response.json()["centers"][0]["name"] == "Hill"
