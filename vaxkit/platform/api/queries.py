"""Read-only queries the APIs need beside the core's: the admin tree as CoWIN's
state/district/block, facilities near a point, one facility's sessions."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from vaxkit.platform.errors import NotFound
from vaxkit.platform.reference.models import AdminArea
from vaxkit.platform.scheduling.models import Facility
from vaxkit.platform.scheduling.search import SessionSummary, find_sessions

STATE, DISTRICT, BLOCK = 0, 1, 2
"""Admin levels mapped onto CoWIN's state, district and block (the profile's first three)."""


@dataclass(frozen=True)
class AreaNames:
    """An area's id and names by language."""

    area_id: int
    code: str
    names: dict[str, str]

    def name(self, language: str | None = None) -> str:
        return (
            self.names.get(language or "")
            or self.names.get("en")
            or next(iter(self.names.values()), "")
        )


def areas_at(level: int, parent_id: int | None = None) -> list[AreaNames]:
    """Active areas of ``level`` (under ``parent_id`` when given), in profile order."""
    rows = AdminArea.objects.filter(level=level, active=True)
    if parent_id is not None:
        rows = rows.filter(parent_id=parent_id)
    return [
        AreaNames(a.pk, a.code, dict(a.names or {}))
        for a in rows.order_by("position", "code").only("id", "code", "names")
    ]


def area_by_id(area_id: int, level: int) -> AreaNames:
    """The active area with primary key ``area_id`` at ``level`` (``area.not_found``)."""
    area = AdminArea.objects.filter(pk=area_id, level=level, active=True).first()
    if area is None:
        raise NotFound("area.not_found", "No such area.")
    return AreaNames(area.pk, area.code, dict(area.names or {}))


def area_names_by_code(codes: set[str]) -> dict[str, AreaNames]:
    """``{code: AreaNames}`` for the given area codes (one query)."""
    if not codes:
        return {}
    return {
        a.code: AreaNames(a.pk, a.code, dict(a.names or {}))
        for a in AdminArea.objects.filter(code__in=codes).only("id", "code", "names")
    }


def facility_sessions(facility_id: int, on: dt.date, days: int) -> list[SessionSummary]:
    """Sessions of one facility from ``on`` for ``days`` days (``centre.not_found``).

    The core's search has no facility criterion; a 10-metre search around the facility, then a
    filter on its id, reuses it (and its two-query plan) unchanged."""
    facility = (
        Facility.objects.filter(pk=facility_id, active=True)
        .only("id", "latitude", "longitude")
        .first()
    )
    if facility is None:
        raise NotFound("centre.not_found", "No such centre.")
    nearby = find_sessions(
        on=on, days=days, near=(facility.latitude, facility.longitude), radius_km=0.01
    )
    return [s for s in nearby if s.facility.facility_id == facility_id]


def facilities_near(
    latitude: float, longitude: float, *, radius_km: float, limit: int
) -> list[tuple[Facility, float]]:
    """Active facilities within ``radius_km`` of a point, nearest first, with the distance."""
    dlat = math.degrees(radius_km / 6371.0)
    dlon = math.degrees(radius_km / (6371.0 * max(math.cos(math.radians(latitude)), 1e-6)))
    rows = Facility.objects.filter(
        active=True,
        latitude__range=(latitude - dlat, latitude + dlat),
        longitude__range=(longitude - dlon, longitude + dlon),
    )[: limit * 4]
    found = []
    for facility in rows:
        distance = _haversine(latitude, longitude, facility.latitude, facility.longitude)
        if distance <= radius_km:
            found.append((facility, distance))
    found.sort(key=lambda pair: (pair[1], pair[0].pk))
    return found[:limit]


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))
