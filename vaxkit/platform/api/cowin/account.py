"""The signed-in citizen's beneficiaries, registration lists and appointments.

Every id in a request is resolved within the token's own account: another account's
beneficiary or appointment is answered as not found, never shown or changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse

from vaxkit.platform.actors import Citizen
from vaxkit.platform.api.cowin.endpoint import cowin_view, no_content
from vaxkit.platform.api.cowin.presenters import (
    core_slot,
    cowin_day,
    cowin_slot,
    request_language,
)
from vaxkit.platform.api.inputs import int_value, json_body, text_field
from vaxkit.platform.api.slips import own_appointment
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.reference.seeding import photo_id_types
from vaxkit.platform.registration.beneficiaries import (
    BeneficiaryInput,
    beneficiaries_of,
    register_beneficiary,
    remove_beneficiary,
)
from vaxkit.platform.registration.status import beneficiary_status
from vaxkit.platform.scheduling.booking import (
    book_appointment,
    cancel_appointment,
    reschedule_appointment,
)
from vaxkit.platform.tenants.current import current_profile
from vaxkit.profiles.schema import Profile

MAX_BENEFICIARIES_PER_BOOKING = 10


def _labels(request: HttpRequest) -> tuple[Profile, str | None]:
    profile = current_profile()
    return profile, request_language(request, profile)


@cowin_view("GET", signed_in=True)
def id_types(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    profile, language = _labels(request)
    ids = photo_id_types(profile)
    return {
        "types": [
            {"id": ids[doc.code], "type": profile.text(doc.labels, language)}
            for doc in profile.id_documents
        ]
    }


@cowin_view("GET", signed_in=True)
def genders(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    profile, language = _labels(request)
    return {
        "genders": [
            {"id": number, "gender": profile.text(g.labels, language)}
            for number, g in enumerate(profile.registration.genders, start=1)
        ]
    }


def _status_label(doses: int, complete: bool) -> str:
    if not doses:
        return "Not Vaccinated"
    return "Vaccinated" if complete else "Partially Vaccinated"


@cowin_view("GET", signed_in=True)
def beneficiaries(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    profile, language = _labels(request)
    genders_by_code = {
        g.code: profile.text(g.labels, language) for g in profile.registration.genders
    }
    documents = {d.code: profile.text(d.labels, language) for d in profile.id_documents}
    phone_tail = "".join(ch for ch in actor.account.phone_masked if ch.isdigit())[-4:]
    rows = []
    for person in beneficiaries_of(actor.account):
        status = beneficiary_status(person, language=language)
        dose_dates = {d.dose_number: cowin_day(d.date) for d in status.doses}
        rows.append(
            {
                "beneficiary_reference_id": person.reference_id,
                "name": person.display_name,
                "birth_year": str(person.birth_year),
                "gender": genders_by_code.get(person.gender, person.gender),
                "mobile_number": phone_tail,
                "photo_id_type": documents.get(person.id_type, person.id_type),
                "photo_id_number": person.id_masked,
                "comorbidity_ind": "Y" if person.qualifiers else "N",
                "vaccination_status": _status_label(len(status.doses), status.series_complete),
                "vaccine": status.doses[0].vaccine_name.upper() if status.doses else "",
                "dose1_date": dose_dates.get(1, ""),
                "dose2_date": dose_dates.get(2, ""),
                "appointments": [
                    {
                        "appointment_id": a.appointment_id,
                        "name": a.facility,
                        "date": cowin_day(a.date),
                        "slot": cowin_slot(a.slot),
                        "dose": a.dose_number,
                        "vaccine": a.vaccine,
                    }
                    for a in status.appointments
                    if a.status == "booked"
                ],
            }
        )
    return {"beneficiaries": rows}


def _name_parts(profile: Profile, name: str) -> dict[str, str]:
    """CoWIN sends one ``name``: the last word goes to the last name part of the profile's
    display order, the rest to the first (a single word fills the first part)."""
    order = list(profile.names.display_order) or [p.key for p in profile.names.parts]
    words = name.split()
    if len(order) == 1 or len(words) < 2:
        return {order[0]: name.strip()}
    return {order[0]: " ".join(words[:-1]), order[-1]: words[-1]}


@cowin_view("POST", signed_in=True)
def new_beneficiary(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    profile = current_profile()
    body = json_body(request)
    gender_number = int_value(
        body.get("gender_id"), "gender_id", low=1, high=len(profile.registration.genders)
    )
    id_type = int_value(body.get("photo_id_type"), "photo_id_type", low=1, high=10_000)
    documents = {number: code for code, number in photo_id_types(profile).items()}
    if id_type not in documents:
        raise ServiceError("id.type_unknown", "This identity document is not accepted.")
    data = BeneficiaryInput(
        name_parts=_name_parts(profile, text_field(body, "name", max_length=200)),
        gender=profile.registration.genders[gender_number - 1].code,
        id_type=documents[id_type],
        id_number=text_field(body, "photo_id_number", max_length=64),
        consent_version=text_field(body, "consent_version", max_length=16),
        birth_year=int_value(body.get("birth_year"), "birth_year", low=1800, high=3000),
    )
    person = register_beneficiary(data, actor=actor)
    return {"beneficiary_reference_id": person.reference_id}


@cowin_view("POST", signed_in=True)
def delete_beneficiary(request: HttpRequest, actor: Citizen) -> HttpResponse:
    body = json_body(request)
    remove_beneficiary(text_field(body, "beneficiary_reference_id", max_length=32), actor=actor)
    return no_content()


def _references(body: dict[str, Any], name: str) -> list[str]:
    value = body.get(name)
    if not isinstance(value, list) or not value or len(value) > MAX_BENEFICIARIES_PER_BOOKING:
        raise ServiceError(
            "request.invalid",
            f"'{name}' must list 1 to {MAX_BENEFICIARIES_PER_BOOKING} ids.",
            field=name,
        )
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ServiceError("request.invalid", f"'{name}' must list ids.", field=name)
    return [str(v).strip()[:32] for v in value]


@cowin_view("POST", signed_in=True)
def schedule(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    body = json_body(request)
    dose = int_value(body.get("dose", 1), "dose", low=1, high=20)
    session_id = text_field(body, "session_id", max_length=64)
    slot = core_slot(text_field(body, "slot", required=False, max_length=40))
    people = _references(body, "beneficiaries")
    # the captcha of the portal is accepted and not checked (ADR 0007)
    with transaction.atomic():  # several people are booked together or not at all
        booked = [
            book_appointment(
                actor=actor, beneficiary=ref, session_id=session_id, slot=slot, dose_number=dose
            )
            for ref in people
        ]
    return {
        "appointment_confirmation_no": str(booked[0].appointment_id),
        "appointment_ids": [str(a.appointment_id) for a in booked],
    }


@cowin_view("POST", signed_in=True)
def reschedule(request: HttpRequest, actor: Citizen) -> HttpResponse:
    body = json_body(request)
    appointment_id = text_field(body, "appointment_id", max_length=64)
    own_appointment(actor, appointment_id)  # another account's id answers 404
    reschedule_appointment(
        actor=actor,
        appointment_id=appointment_id,
        session_id=text_field(body, "session_id", max_length=64),
        slot=core_slot(text_field(body, "slot", required=False, max_length=40)),
    )
    return no_content()


@cowin_view("POST", signed_in=True)
def cancel(request: HttpRequest, actor: Citizen) -> HttpResponse:
    body = json_body(request)
    appointment_id = text_field(body, "appointment_id", max_length=64)
    appointment = own_appointment(actor, appointment_id)
    # beneficiariesToCancel names the people of a group booking; each appointment here is one
    cancel_appointment(actor=actor, appointment_id=appointment.appointment_id)
    return no_content()
