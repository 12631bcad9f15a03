"""Location lists and availability search (public, and the signed-in twins used for booking).

Answers are cached per scope (area, postal code, centre) and query; see
:mod:`vaxkit.platform.api.caching`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from vaxkit.platform.actors import Citizen
from vaxkit.platform.api.caching import cached_json
from vaxkit.platform.api.cowin.endpoint import cowin_view
from vaxkit.platform.api.cowin.presenters import CentreShaper, request_language
from vaxkit.platform.api.inputs import cowin_date, float_value, int_value, query_param
from vaxkit.platform.api.queries import DISTRICT, STATE, area_by_id, areas_at, facility_sessions
from vaxkit.platform.api.ratelimits import check_search
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.search import SessionSummary, find_sessions
from vaxkit.platform.tenants.current import current_profile

TTL_HOURS = 24
"""How long clients may keep location lists and centre lists (CoWIN's ``ttl``)."""
NEAR_RADIUS_KM = 25.0
NEAR_LIMIT = 50


def _language(request: HttpRequest) -> str | None:
    return request_language(request, current_profile())


@cowin_view("GET")
def states(request: HttpRequest, actor: Any) -> dict[str, Any]:
    language = _language(request)
    rows = []
    for area in areas_at(STATE):
        row: dict[str, Any] = {"state_id": area.area_id, "state_name": area.name()}
        if language:
            row["state_name_l"] = area.name(language)
        rows.append(row)
    return {"states": rows, "ttl": TTL_HOURS}


@cowin_view("GET")
def districts(request: HttpRequest, actor: Any, state_id: str) -> dict[str, Any]:
    language = _language(request)
    state = area_by_id(int_value(state_id, "state_id", low=1), STATE)
    rows = []
    for area in areas_at(DISTRICT, parent_id=state.area_id):
        row: dict[str, Any] = {"district_id": area.area_id, "district_name": area.name()}
        if language:
            row["district_name_l"] = area.name(language)
        rows.append(row)
    return {"districts": rows, "ttl": TTL_HOURS}


def _vaccine(request: HttpRequest) -> str | None:
    """The optional ``vaccine`` filter: a profile vaccine code or its upper-case name."""
    wanted = request.GET.get("vaccine", "").strip()
    if not wanted:
        return None
    for vaccine in current_profile().vaccines:
        if wanted in (vaccine.code, vaccine.name.upper(), vaccine.name):
            return vaccine.code
    raise ServiceError("request.invalid", "Unknown vaccine.", field="vaccine")


def _search(
    request: HttpRequest, *, days: int, flat: bool
) -> tuple[str, str, Callable[[], list[SessionSummary]]]:
    """(cache scope, query key, search) for the pincode/district criteria of ``request``."""
    on = cowin_date(query_param(request, "date"))
    vaccine = _vaccine(request)
    if "pincode" in request.GET:
        pin = query_param(request, "pincode")
        if not pin.isalnum():
            raise ServiceError("request.invalid", "Invalid pincode.", field="pincode")
        scope = f"pin:{pin}"

        def run() -> list[SessionSummary]:
            return find_sessions(on=on, days=days, postal_code=pin, vaccine=vaccine)

    else:
        district_id = int_value(query_param(request, "district_id"), "district_id", low=1)
        # keyed by id, so that a cache hit needs no database query
        scope = f"areaid:{district_id}"

        def run() -> list[SessionSummary]:
            area = area_by_id(district_id, DISTRICT)
            return find_sessions(on=on, days=days, area_code=area.code, vaccine=vaccine)

    query = f"{'find' if flat else 'calendar'}|{on}|{vaccine}|{_language(request)}"
    return scope, query, run


def _answer(request: HttpRequest, *, days: int, flat: bool) -> bytes:
    scope, query, run = _search(request, days=days, flat=flat)
    language = _language(request)

    def build() -> bytes:
        sessions = run()
        shaper = CentreShaper(sessions, language)
        body = (
            {"sessions": [shaper.flat(s) for s in sessions]}
            if flat
            else {"centers": shaper.calendar(sessions)}
        )
        return json.dumps(body, ensure_ascii=False).encode()

    return cached_json(scope, query, build, count=getattr(request, "vaxkit_count", None))


def _signed_in(view: Callable[..., bytes]) -> Callable[..., bytes]:
    """The protected twin of a search: counted against the user's daily searches."""

    def counted(request: HttpRequest, actor: Citizen) -> bytes:
        check_search(actor.account)
        return view(request, actor)

    return counted


def _find(request: HttpRequest, actor: Any) -> bytes:
    return _answer(request, days=1, flat=True)


def _calendar(request: HttpRequest, actor: Any) -> bytes:
    return _answer(request, days=7, flat=False)


find_public = cowin_view("GET", cached=True)(_find)
calendar_public = cowin_view("GET", cached=True)(_calendar)
find_signed_in = cowin_view("GET", signed_in=True)(_signed_in(_find))
calendar_signed_in = cowin_view("GET", signed_in=True)(_signed_in(_calendar))


@cowin_view("GET", cached=True)
def calendar_by_center(request: HttpRequest, actor: Any) -> bytes:
    centre_id = int_value(query_param(request, "center_id"), "center_id", low=1)
    on: dt.date = cowin_date(query_param(request, "date"))
    vaccine = _vaccine(request)
    language = _language(request)

    def build() -> bytes:
        sessions = [
            s
            for s in facility_sessions(centre_id, on, 7)
            if vaccine is None or s.vaccine == vaccine
        ]
        centres = CentreShaper(sessions, language).calendar(sessions)
        # CoWIN answers one object here, not a list (an empty object when nothing is planned)
        return json.dumps({"centers": centres[0] if centres else {}}, ensure_ascii=False).encode()

    return cached_json(
        f"centre:{centre_id}",
        f"calendar|{on}|{vaccine}|{language}",
        build,
        count=getattr(request, "vaxkit_count", None),
    )


@cowin_view("GET")
def find_by_lat_long(request: HttpRequest, actor: Any) -> dict[str, Any]:
    from vaxkit.platform.api.queries import area_names_by_code, facilities_near

    lat = float_value(query_param(request, "lat"), "lat", low=-90, high=90)
    lon = float_value(query_param(request, "long"), "long", low=-180, high=180)
    found = facilities_near(lat, lon, radius_km=NEAR_RADIUS_KM, limit=NEAR_LIMIT)
    paths = {f.pk: [c for c in f.area_path.split("/") if c] for f, _ in found}
    names = area_names_by_code({c for path in paths.values() for c in path[:3]})

    def level(facility_id: int, index: int) -> str:
        path = paths[facility_id]
        return names[path[index]].name() if len(path) > index and path[index] in names else ""

    # the captured CoWIN answers give pincode, lat and long as strings here
    centres = [
        {
            "center_id": f.pk,
            "name": f.name,
            "district_name": level(f.pk, 1),
            "state_name": level(f.pk, 0),
            "location": f.address,
            "pincode": f.postal_code,
            "block_name": level(f.pk, 2),
            "lat": f"{f.latitude:.8f}",
            "long": f"{f.longitude:.8f}",
        }
        for f, _ in found
    ]
    return {"centers": centres, "ttl": TTL_HOURS}
