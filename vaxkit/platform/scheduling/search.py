"""Public availability search: by postal code, by admin area, near a point; one day or seven.

No sign-in needed and no personal data involved. Two queries per search (sessions with their
facility and vaccine, then their capacities), whatever the number of results.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db.models import F, FloatField, Prefetch, Q, QuerySet
from django.db.models.functions import ACos, Cos, Least, Radians, Sin

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.models import SHARED_CAPACITY, Session, SessionCapacity

EARTH_RADIUS_KM = 6371.0088
MAX_DAYS = 7
MAX_RADIUS_KM = 100.0


@dataclass(frozen=True)
class FacilitySummary:
    facility_id: int
    name: str
    address: str
    postal_code: str
    area_code: str
    area_path: tuple[str, ...]
    """Area codes from the top level down to the facility's area."""
    latitude: float
    longitude: float
    fee_type: str
    distance_km: float | None


@dataclass(frozen=True)
class SessionSummary:
    session_id: str
    date: dt.date
    facility: FacilitySummary
    vaccine: str
    vaccine_name: str
    min_age: int
    max_age: int | None
    slots: tuple[str, ...]
    capacity: dict[int, tuple[int, int]]
    """``{dose_number: (capacity, available)}``; dose number 0 is a capacity shared by all."""

    @property
    def available(self) -> int:
        """Seats left over all doses."""
        return sum(available for _, available in self.capacity.values())

    def available_for(self, dose_number: int) -> int:
        """Seats left for ``dose_number`` (its own, else the shared ones)."""
        seats = self.capacity.get(dose_number) or self.capacity.get(SHARED_CAPACITY)
        return seats[1] if seats else 0


def find_sessions(
    *,
    on: dt.date,
    days: int = 1,
    postal_code: str | None = None,
    area_code: str | None = None,
    near: tuple[float, float] | None = None,
    radius_km: float = 10.0,
    vaccine: str | None = None,
    available_only: bool = False,
    limit: int = 500,
) -> list[SessionSummary]:
    """Sessions from ``on`` for ``days`` days (1-7) matching exactly one place criterion:
    ``postal_code``, ``area_code`` (that area and everything inside it) or ``near`` a
    ``(latitude, longitude)`` within ``radius_km`` (nearest first).

    Errors: ``search.criteria``, ``search.days``, ``search.radius``.
    """
    if sum(x is not None for x in (postal_code, area_code, near)) != 1:
        raise ServiceError("search.criteria", "Search by one of: postal code, area, or location.")
    if not 1 <= days <= MAX_DAYS:
        raise ServiceError("search.days", f"Search 1 to {MAX_DAYS} days at a time.")
    sessions = _base(on, days, vaccine, available_only)
    order: list[str] = ["date", "facility__name", "id"]
    if postal_code is not None:
        sessions = sessions.filter(facility__postal_code=postal_code.strip())
    elif area_code is not None:
        sessions = sessions.filter(
            Q(facility__area_path__startswith=f"{area_code}/")
            | Q(facility__area_path__contains=f"/{area_code}/")
        )
    else:
        assert near is not None
        if not 0 < radius_km <= MAX_RADIUS_KM:
            raise ServiceError("search.radius", f"The radius must be 0-{MAX_RADIUS_KM:g} km.")
        sessions = _near(sessions, near, radius_km)
        order = ["distance", "date", "id"]
    return [_summary(s) for s in sessions.order_by(*order)[:limit]]


def _base(on: dt.date, days: int, vaccine: str | None, available_only: bool) -> QuerySet[Session]:
    sessions = Session.objects.filter(
        date__gte=on,
        date__lt=on + dt.timedelta(days=days),
        cancelled=False,
        facility__active=True,
    ).select_related("facility", "vaccine")
    if vaccine:
        sessions = sessions.filter(vaccine__code=vaccine)
    if available_only:
        sessions = sessions.filter(capacities__booked__lt=F("capacities__capacity")).distinct()
    return sessions.prefetch_related(
        Prefetch("capacities", queryset=SessionCapacity.objects.order_by("dose_number"))
    )


def _near(
    sessions: QuerySet[Session], point: tuple[float, float], radius_km: float
) -> QuerySet[Session]:
    lat, lon = point
    # A bounding box first (indexed), then the great-circle distance in SQL.
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(lat)), 1e-6)))
    sessions = sessions.filter(
        facility__latitude__range=(lat - dlat, lat + dlat),
        facility__longitude__range=(lon - dlon, lon + dlon),
    )
    cosine = Sin(Radians(F("facility__latitude"))) * math.sin(math.radians(lat)) + Cos(
        Radians(F("facility__latitude"))
    ) * math.cos(math.radians(lat)) * Cos(Radians(F("facility__longitude")) - math.radians(lon))
    distance = ACos(Least(cosine, 1.0, output_field=FloatField())) * EARTH_RADIUS_KM
    return sessions.annotate(distance=distance).filter(distance__lte=radius_km)


def _summary(session: Session) -> SessionSummary:
    facility = session.facility
    distance = getattr(session, "distance", None)
    path = tuple(code for code in facility.area_path.split("/") if code)
    return SessionSummary(
        session_id=str(session.session_id),
        date=session.date,
        facility=FacilitySummary(
            facility_id=facility.pk,
            name=facility.name,
            address=facility.address,
            postal_code=facility.postal_code,
            area_code=path[-1],
            area_path=path,
            latitude=facility.latitude,
            longitude=facility.longitude,
            fee_type=facility.fee_type,
            distance_km=round(distance, 2) if distance is not None else None,
        ),
        vaccine=session.vaccine.code,
        vaccine_name=session.vaccine.product_name,
        min_age=session.min_age,
        max_age=session.max_age,
        slots=tuple(session.slots),
        capacity={
            c.dose_number: (c.capacity, c.capacity - c.booked) for c in session.capacities.all()
        },
    )
