"""Creating facilities and sessions (staff services)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from vaxkit.platform.actors import System
from vaxkit.platform.audit.records import audit
from vaxkit.platform.errors import Forbidden, NotFound, ServiceError
from vaxkit.platform.reference.models import AdminArea, Vaccine
from vaxkit.platform.scheduling.models import SHARED_CAPACITY, Facility, Session, SessionCapacity
from vaxkit.platform.tenants.current import current_profile, local_today
from vaxkit.platform.vaccination.models import Role
from vaxkit.platform.vaccination.staff import (
    ADMIN_ROLES,
    covers_area_path,
    require_facility,
    staff_of,
)

MAX_CAPACITY = 100_000
_SLOT = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


def create_facility(
    *,
    actor: Any,
    name: str,
    area_code: str,
    postal_code: str,
    latitude: float,
    longitude: float,
    address: str = "",
    fee_type: str = Facility.Fee.FREE,
) -> Facility:
    """Add a vaccination centre in the admin area ``area_code``.

    Allowed for national administrators and district administrators of that area. Errors:
    ``area.not_found``, ``postal_code.invalid``, ``facility.coordinates``, ``facility.fee``.
    """
    profile = current_profile()
    area = AdminArea.objects.filter(code=area_code, active=True).first()
    if area is None:
        raise NotFound("area.not_found", f"No admin area '{area_code}'.")
    if not isinstance(actor, System):
        staff = staff_of(actor, roles=(Role.DISTRICT_ADMIN, Role.NATIONAL_ADMIN))
        if not covers_area_path(staff, area.path):
            raise Forbidden("auth.scope", "This area is outside your area of work.")
    postal_code = postal_code.strip()
    if not re.fullmatch(profile.admin_areas.postal_code.pattern, postal_code):
        raise ServiceError(
            "postal_code.invalid",
            "The postal code does not have the expected format.",
            example=profile.admin_areas.postal_code.example,
        )
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ServiceError("facility.coordinates", "Latitude or longitude out of range.")
    if fee_type not in Facility.Fee.values:
        raise ServiceError("facility.fee", "Fee type must be free or paid.")
    with transaction.atomic():
        facility = Facility.objects.create(
            name=name.strip(),
            address=address.strip(),
            area=area,
            area_path=area.path,
            postal_code=postal_code,
            latitude=latitude,
            longitude=longitude,
            fee_type=fee_type,
        )
        audit(actor, "facility.create", facility, purpose="administration")
    return facility


def create_session(
    *,
    actor: Any,
    facility: Facility,
    date: dt.date,
    vaccine: str,
    capacity: int | dict[int, int],
    slots: list[str] | tuple[str, ...] = (),
    min_age: int | None = None,
    max_age: int | None = None,
) -> Session:
    """Open a session: one day, one vaccine, seats shared by all doses (``capacity`` an int) or
    per dose number (``{1: 50, 2: 30}``).

    Allowed for the facility's administrators and the administrators above them. Errors:
    ``session.vaccine``, ``session.capacity``, ``session.date``, ``session.slot``,
    ``session.ages``.
    """
    profile = current_profile()
    if not isinstance(actor, System):
        require_facility(staff_of(actor, roles=ADMIN_ROLES), facility)
    product = Vaccine.objects.filter(code=vaccine, active=True).first()
    if product is None:
        raise ServiceError("session.vaccine", f"Unknown vaccine '{vaccine}'.")
    seats = {SHARED_CAPACITY: capacity} if isinstance(capacity, int) else dict(capacity)
    if not seats or any(
        n < 0 or n > 20 or not 0 < c <= MAX_CAPACITY or (n == SHARED_CAPACITY and len(seats) > 1)
        for n, c in seats.items()
    ):
        raise ServiceError(
            "session.capacity",
            "Give a positive capacity for all doses, or one per dose number (1, 2, ...).",
        )
    if date < local_today(profile):
        raise ServiceError("session.date", "A session cannot be in the past.")
    for slot in slots:
        match = _SLOT.match(slot)
        if not match or match.group(1, 2) >= match.group(3, 4):
            raise ServiceError("session.slot", f"'{slot}' is not a slot like 09:00-11:00.")
    limits = profile.vaccine(vaccine)
    low = limits.min_age if min_age is None else min_age
    high = limits.max_age if max_age is None else max_age
    if high is not None and low > high:
        raise ServiceError("session.ages", "The minimum age is above the maximum age.")
    with transaction.atomic():
        session = Session.objects.create(
            facility=facility,
            date=date,
            vaccine=product,
            min_age=low,
            max_age=high,
            slots=list(slots),
            created_by=actor if isinstance(actor, AbstractBaseUser) else None,
        )
        SessionCapacity.objects.bulk_create(
            SessionCapacity(session=session, dose_number=n, capacity=c) for n, c in seats.items()
        )
        audit(
            actor,
            "session.create",
            session,
            purpose="administration",
            details={"capacity": {str(k): v for k, v in seats.items()}},
        )
    return session


def slot_start(slot: str) -> dt.time | None:
    """Start time of a slot label (``09:00-11:00`` -> 09:00)."""
    match = _SLOT.match(slot or "")
    return dt.time(int(match.group(1)), int(match.group(2))) if match else None
