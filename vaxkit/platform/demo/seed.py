"""Filling a demo tenant with synthetic but valid data, through the platform's services.

Idempotent: staff and centres are created once; sessions are topped up so that every centre
has one for each of the next seven days, whatever day the demo is started again.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from vaxkit.eligibility import assess
from vaxkit.identity.check import example_number
from vaxkit.identity.errors import IdentityError
from vaxkit.platform.actors import Citizen, System
from vaxkit.platform.demo.people import centre_name, person_name, places
from vaxkit.platform.demo.prepare import DEMO_PASSWORD
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.beneficiaries import BeneficiaryInput, register_beneficiary
from vaxkit.platform.registration.models import Beneficiary
from vaxkit.platform.registration.signin import account_for_phone
from vaxkit.platform.scheduling.booking import book_appointment
from vaxkit.platform.scheduling.centres import create_facility, create_session
from vaxkit.platform.scheduling.models import Appointment, Facility, Session
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.platform.vaccination.history import person_of
from vaxkit.platform.vaccination.models import Dose, StaffMember
from vaxkit.platform.vaccination.services import record_dose
from vaxkit.platform.vaccination.staff import create_staff_member
from vaxkit.profiles.schema import Profile

ACTOR = System("demo")
CENTRES = 6
PEOPLE = 36
DAYS = 7
SLOTS = ["09:00-11:00", "11:00-13:00", "14:00-16:00"]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    where: str


@dataclass(frozen=True)
class SeedSummary:
    created: bool
    sessions_added: int
    centres: int
    """Totals in the tenant (not only what this run added)."""
    people: int
    doses: int
    appointments: int
    logins: tuple[DemoLogin, ...]


def seed_demo_tenant(seed: int = 2021) -> SeedSummary:
    """Seed the active tenant (once) and top up its sessions."""
    profile = current_profile()
    rng = random.Random(f"{seed}:{profile.code}")
    created = not Facility.objects.exists()
    if created:
        facilities = _centres(profile, rng)
        _staff(facilities)
    facilities = list(Facility.objects.order_by("id"))
    added = _sessions(profile, facilities, rng)
    if created:
        _people(profile, facilities, rng)
    return SeedSummary(
        created=created,
        sessions_added=added,
        centres=len(facilities),
        people=Beneficiary.objects.count(),
        doses=Dose.objects.count(),
        appointments=Appointment.objects.filter(status="booked").count(),
        logins=tuple(demo_logins()),
    )


def _centres(profile: Profile, rng: random.Random) -> list[Facility]:
    return [
        create_facility(
            actor=ACTOR,
            name=centre_name(profile.country.code, place.area_name, rng),
            area_code=place.area_code,
            postal_code=place.postal_code,
            latitude=place.latitude,
            longitude=place.longitude,
            address=place.area_name,
            fee_type="free" if i % 3 else "paid",
        )
        for i, place in enumerate(places(profile, CENTRES, rng))
    ]


def _staff(facilities: list[Facility]) -> None:
    first = facilities[0]
    for username, role, facility in (
        ("admin", "national_admin", None),
        ("centre", "facility_admin", first),
        ("vaccinator", "vaccinator", first),
    ):
        create_staff_member(
            actor=ACTOR, username=username, password=DEMO_PASSWORD, role=role, facility=facility
        )


def demo_logins() -> list[DemoLogin]:
    """The demo's staff accounts (all with :data:`DEMO_PASSWORD`)."""
    users = get_user_model().objects.filter(username__in=["admin", "centre", "vaccinator"])
    staff = {s.user_id: s for s in StaffMember.objects.select_related("facility")}
    return [
        DemoLogin(
            u.username,
            staff[u.pk].role,
            staff[u.pk].facility.name if staff[u.pk].facility else "whole jurisdiction",
        )
        for u in users.order_by("username")
        if u.pk in staff
    ]


def _sessions(profile: Profile, facilities: list[Facility], rng: random.Random) -> int:
    today = local_today(profile)
    days = [today + dt.timedelta(days=n) for n in range(DAYS)]
    existing = set(Session.objects.filter(date__gte=today).values_list("facility_id", "date"))
    vaccines = [v.code for v in profile.vaccines]
    added = 0
    for i, facility in enumerate(facilities):
        for n, day in enumerate(days):
            if (facility.pk, day) in existing:
                continue
            vaccine = vaccines[(i + n) % len(vaccines)]
            doses = profile.vaccine(vaccine).doses
            capacity: int | dict[int, int] = (
                {1: rng.randint(40, 80), 2: rng.randint(20, 60)}
                if doses > 1 and n % 2
                else rng.randint(60, 120)
            )
            create_session(
                actor=ACTOR,
                facility=facility,
                date=day,
                vaccine=vaccine,
                capacity=capacity,
                slots=SLOTS,
            )
            added += 1
    return added


def _people(profile: Profile, facilities: list[Facility], rng: random.Random) -> tuple[int, int]:
    vaccinator = StaffMember.objects.get(user__username="vaccinator")
    today = local_today(profile)
    registered = doses = 0
    citizen: Citizen | None = None
    for n in range(PEOPLE):
        if citizen is None or n % 3 == 0:
            citizen = Citizen(account_for_phone(_phone(profile, rng), actor=ACTOR))
        data = _person(profile, rng)
        if data is None:
            continue
        try:
            person = register_beneficiary(data, actor=citizen)
        except ServiceError:
            continue
        registered += 1
        if n % 3 == 0:
            doses += _first_dose(profile, person, vaccinator, today, n, rng)
        elif n % 3 == 1:
            _book(citizen, person, today, rng)
    return registered, doses


def _person(profile: Profile, rng: random.Random) -> BeneficiaryInput | None:
    gender = rng.choice(profile.registration.genders)
    year = local_today(profile).year - rng.randint(19, 80)
    doc = profile.id_documents[0]
    try:
        number = example_number(doc, random.Random(rng.random()))
    except (IdentityError, ValueError):
        return None
    birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return BeneficiaryInput(
        name_parts=person_name(profile.names, profile.country.code, gender, rng),
        gender=gender.code,
        id_type=doc.code,
        id_number=number,
        consent_version=profile.registration.consent_version,
        birth_date=None if profile.registration.year_of_birth_only else birth,
        birth_year=year,
    )


def _phone(profile: Profile, rng: random.Random) -> str:
    from vaxkit.identity.errors import PhoneNumberError
    from vaxkit.identity.phones import parse_mobile

    rules = profile.country.phone
    national = parse_mobile(rules.example, rules, profile.country.code).national_number
    for _ in range(200):
        candidate = national[:3] + "".join(rng.choice("0123456789") for _ in national[3:])
        try:
            return parse_mobile(candidate, rules, profile.country.code).e164
        except PhoneNumberError:
            continue
    return parse_mobile(rules.example, rules, profile.country.code).e164


def _first_dose(
    profile: Profile, person, vaccinator: StaffMember, today: dt.date, n: int, rng: random.Random
) -> int:
    day = today - dt.timedelta(days=rng.randint(20, 120))
    offered = assess(profile, person_of(person), [], day).offered
    if not offered:
        return 0
    try:
        record_dose(
            actor=vaccinator.user,
            beneficiary=person,
            vaccine=offered[0],
            dose_number=1,
            lot=f"DEMO{rng.randint(1000, 9999)}",
            idempotency_key=f"demo-seed-{n}",
            date=day,
        )
    except ServiceError:
        return 0
    return 1


def _book(citizen: Citizen, person, today: dt.date, rng: random.Random) -> None:
    sessions = list(
        Session.objects.filter(date__gt=today)
        .order_by("date", "id")
        .values_list("session_id", flat=True)[:20]
    )
    rng.shuffle(sessions)
    for session_id in sessions[:3]:
        try:
            book_appointment(
                actor=citizen,
                beneficiary=person.reference_id,
                session_id=session_id,
                slot=rng.choice(SLOTS),
            )
            return
        except ServiceError:
            continue
