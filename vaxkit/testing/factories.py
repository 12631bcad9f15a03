"""Factories that set up test data through the platform's own services (house rule 2).

Each works in the active tenant (the ``tenant`` fixture, or ``tenant_context``) and builds
valid data from that tenant's profile: phone numbers by its numbering plan, ID numbers by its
document rules, names by its name model.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

from vaxkit.platform.actors import Citizen, System

ACTOR = System("tests")
_rng = random.Random()
_serial = itertools.count(1)


def _profile() -> Any:
    from vaxkit.platform.tenants.current import current_profile

    return current_profile()


def phone_number(rng: random.Random | None = None) -> str:
    """A valid mobile number in the tenant's plan, in international form."""
    from vaxkit.identity.errors import PhoneNumberError
    from vaxkit.identity.phones import parse_mobile

    rng = rng or _rng
    profile = _profile()
    rules = profile.country.phone
    example = parse_mobile(rules.example, rules, profile.country.code).national_number
    for _ in range(1000):
        # keep the example's first digits (a mobile range) and vary the rest
        candidate = example[:2] + "".join(rng.choice("0123456789") for _ in example[2:])
        try:
            return parse_mobile(candidate, rules, profile.country.code).e164
        except PhoneNumberError:
            continue
    raise RuntimeError("could not generate a phone number for this profile")


def id_number(doc_code: str | None = None, rng: random.Random | None = None) -> tuple[str, str]:
    """``(document code, valid number)`` for a document of the profile (the first by default)."""
    from vaxkit.identity.check import example_number

    profile = _profile()
    doc = profile.id_document(doc_code) if doc_code else profile.id_documents[0]
    return doc.code, example_number(doc, rng or random.Random(_rng.random()))


def name_parts(n: int | None = None) -> dict[str, str]:
    """Synthetic values (letters only, unique per call) for every part of the name model."""
    n = n or next(_serial)
    tag = _letters(n)
    return {
        part.key: f"{part.key.title()} {tag}"[: part.max_length] for part in _profile().names.parts
    }


def _letters(n: int) -> str:
    # 1 -> "A", 27 -> "AA": names may only contain letters
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out.title()


def beneficiary_input(
    *,
    birth_year: int = 1980,
    birth_date: dt.date | None = None,
    id_type: str | None = None,
    **overrides: Any,
) -> Any:
    """A valid :class:`BeneficiaryInput` for the active tenant."""
    from vaxkit.platform.registration.beneficiaries import BeneficiaryInput

    profile = _profile()
    doc, number = id_number(id_type)
    values: dict[str, Any] = {
        "name_parts": name_parts(),
        "gender": profile.registration.genders[0].code,
        "id_type": doc,
        "id_number": number,
        "consent_version": profile.registration.consent_version,
        "birth_date": birth_date,
        "birth_year": None if birth_date else birth_year,
    }
    values.update(overrides)
    return BeneficiaryInput(**values)


def make_citizen(mobile: str | None = None, ip: str = "203.0.113.7") -> Citizen:
    """A signed-in citizen (an account for ``mobile``, a random number by default)."""
    from vaxkit.platform.registration.signin import account_for_phone

    return Citizen(account_for_phone(mobile or phone_number(), actor=ACTOR), ip=ip)


def make_beneficiary(citizen: Citizen | None = None, **kwargs: Any) -> Any:
    """A registered beneficiary (of a new citizen unless one is given)."""
    from vaxkit.platform.registration.beneficiaries import register_beneficiary

    citizen = citizen or make_citizen()
    return register_beneficiary(beneficiary_input(**kwargs), actor=citizen)


def leaf_area() -> Any:
    """The first admin area without children that has a postal code."""
    from vaxkit.platform.reference.models import AdminArea

    for area in AdminArea.objects.filter(active=True).order_by("-level", "position", "code"):
        if area.postal_codes and not area.children.exists():
            return area
    return AdminArea.objects.filter(active=True).order_by("-level").first()


def make_facility(
    *,
    area_code: str | None = None,
    postal_code: str | None = None,
    latitude: float = 12.97,
    longitude: float = 77.59,
    name: str | None = None,
) -> Any:
    """A facility in ``area_code`` (a leaf area by default)."""
    from vaxkit.platform.reference.models import AdminArea
    from vaxkit.platform.scheduling.centres import create_facility

    area = AdminArea.objects.get(code=area_code) if area_code else leaf_area()
    code = postal_code or next(
        (p for p in area.postal_codes if "*" not in p), _profile().admin_areas.postal_code.example
    )
    return create_facility(
        actor=ACTOR,
        name=name or f"Centre {next(_serial)}",
        area_code=area.code,
        postal_code=code,
        latitude=latitude,
        longitude=longitude,
        address="1 Test Road",
    )


def make_session(
    facility: Any = None,
    *,
    date: dt.date | None = None,
    vaccine: str | None = None,
    capacity: int | dict[int, int] = 10,
    slots: tuple[str, ...] = ("09:00-11:00", "11:00-13:00"),
    **kwargs: Any,
) -> Any:
    """A session tomorrow (local time) with the profile's first vaccine."""
    from vaxkit.platform.scheduling.centres import create_session
    from vaxkit.platform.tenants.current import local_today

    profile = _profile()
    return create_session(
        actor=ACTOR,
        facility=facility or make_facility(),
        date=date or local_today(profile) + dt.timedelta(days=1),
        vaccine=vaccine or profile.vaccines[0].code,
        capacity=capacity,
        slots=list(slots),
        **kwargs,
    )


def make_staff(role: str = "vaccinator", *, facility: Any = None, area: Any = None) -> Any:
    """A staff member (its ``user`` is the actor to pass to staff services)."""
    from vaxkit.platform.vaccination.staff import create_staff_member

    if role in ("vaccinator", "facility_admin") and facility is None:
        facility = make_facility()
    if role == "district_admin" and area is None:
        area = leaf_area().parent or leaf_area()
    return create_staff_member(
        actor=ACTOR,
        username=f"{role}{next(_serial)}",
        password="test-password-1",  # noqa: S106 (test accounts)
        role=role,
        facility=facility,
        area=area,
    )


def populate_tenant() -> dict[str, Any]:
    """One row (at least) of every domain model of the active tenant, made through services:
    staff, a facility and a session, an account with an OTP and a session, a beneficiary with
    an appointment, a dose and an adverse event (and the audit rows all of this writes)."""
    from vaxkit.platform.actors import Anonymous
    from vaxkit.platform.registration.signin import request_otp, start_session
    from vaxkit.platform.scheduling.booking import book_appointment
    from vaxkit.platform.tenants.current import local_today
    from vaxkit.platform.vaccination.services import record_dose, report_adverse_event

    staff = make_staff("vaccinator")
    admin = make_staff("national_admin")
    citizen = make_citizen()
    request_otp(
        citizen.account.phone.reveal(), actor=Anonymous(ip=f"192.0.2.{next(_serial) % 250}")
    )
    start_session(citizen.account)
    person = make_beneficiary(citizen)
    session = make_session(staff.facility, date=local_today(), slots=())
    appointment = book_appointment(
        actor=citizen, beneficiary=person.reference_id, session_id=session.session_id
    )
    dose = record_dose(
        actor=staff.user,
        beneficiary=person,
        vaccine=session.vaccine.code,
        dose_number=1,
        lot="LOT-1",
        idempotency_key=f"populate-{next(_serial)}-{_rng.random()}",
        appointment=appointment,
    )
    event = report_adverse_event(
        actor=staff.user,
        dose=dose,
        onset_date=dose.date,
        severity="mild",
        symptoms=["sore arm"],
        outcome="recovered",
        serious=False,
    )
    return {
        "staff": staff,
        "admin": admin,
        "citizen": citizen,
        "beneficiary": person,
        "session": session,
        "appointment": appointment,
        "dose": dose,
        "event": event,
    }
