"""Public availability search: postal code, area subtree, distance; days; query budget."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vaxkit.platform.errors import ServiceError
from vaxkit.platform.scheduling.booking import book_appointment
from vaxkit.platform.scheduling.search import find_sessions
from vaxkit.platform.tenants.current import local_today
from vaxkit.testing.factories import make_beneficiary, make_citizen, make_facility, make_session

# Bengaluru-ish points: ~1.1 km and ~25 km from the search centre
CENTRE = (12.9716, 77.5946)


@pytest.fixture
def places(tenant):
    hill = make_facility(
        area_code="XA-NO-01",
        postal_code="560001",
        latitude=12.9800,
        longitude=77.6000,
        name="Hill Clinic",
    )
    lake = make_facility(
        area_code="XA-NO-02",
        postal_code="560010",
        latitude=13.2000,
        longitude=77.6000,
        name="Lake Hospital",
    )
    river = make_facility(
        area_code="XA-SO-01",
        postal_code="600001",
        latitude=12.9720,
        longitude=77.5950,
        name="River Centre",
    )
    today = local_today()
    sessions = {
        "hill": make_session(hill, date=today + dt.timedelta(days=1), capacity=2),
        "hill_later": make_session(
            hill, date=today + dt.timedelta(days=5), capacity=2, vaccine="onedose"
        ),
        "lake": make_session(lake, date=today + dt.timedelta(days=1), capacity={1: 3, 2: 4}),
        "river": make_session(river, date=today + dt.timedelta(days=2), capacity=1),
    }
    return sessions


def _names(results):
    return [r.facility.name for r in results]


def test_by_postal_code(places):
    today = local_today()
    results = find_sessions(on=today + dt.timedelta(days=1), postal_code="560001")
    assert _names(results) == ["Hill Clinic"]
    week = find_sessions(on=today, days=7, postal_code="560001")
    assert [r.vaccine for r in week] == ["twodose", "onedose"]


def test_by_area_includes_everything_below(places):
    today = local_today()
    north = find_sessions(on=today, days=7, area_code="XA-NO")
    assert sorted(set(_names(north))) == ["Hill Clinic", "Lake Hospital"]
    district = find_sessions(on=today, days=7, area_code="XA-NO-02")
    assert _names(district) == ["Lake Hospital"]
    assert district[0].facility.area_path == ("XA-NO", "XA-NO-02")
    assert district[0].capacity == {1: (3, 3), 2: (4, 4)}
    assert district[0].available_for(2) == 4


def test_near_a_point_sorted_by_distance(places):
    results = find_sessions(on=local_today(), days=7, near=CENTRE, radius_km=5)
    assert _names(results)[:1] == ["River Centre"]
    assert set(_names(results)) == {"River Centre", "Hill Clinic"}
    distances = [r.facility.distance_km for r in results]
    assert distances == sorted(distances) and distances[0] < 0.1
    wide = find_sessions(on=local_today(), days=7, near=CENTRE, radius_km=30)
    assert "Lake Hospital" in _names(wide)


def test_available_only_and_live_counts(places):
    citizen = make_citizen()
    book_appointment(
        actor=citizen,
        beneficiary=make_beneficiary(citizen).reference_id,
        session_id=places["river"].session_id,
    )
    today = local_today()
    (river,) = find_sessions(on=today, days=7, postal_code="600001")
    assert river.available == 0
    assert find_sessions(on=today, days=7, postal_code="600001", available_only=True) == []


def test_bad_criteria(tenant):
    today = local_today()
    for kwargs, code in [
        ({}, "search.criteria"),
        ({"postal_code": "560001", "area_code": "XA-NO"}, "search.criteria"),
        ({"postal_code": "560001", "days": 8}, "search.days"),
        ({"near": CENTRE, "radius_km": 500}, "search.radius"),
    ]:
        with pytest.raises(ServiceError) as bad:
            find_sessions(on=today, **kwargs)
        assert bad.value.code == code


def test_search_query_budget(places):
    for _ in range(5):
        make_session(places["hill"].facility)
    with CaptureQueriesContext(connection) as queries:
        assert find_sessions(on=local_today(), days=7, area_code="XA") == []  # no such area
        results = find_sessions(on=local_today(), days=7, area_code="XA-NO")
    assert len(results) >= 8
    assert len(queries.captured_queries) <= 4  # two per search, whatever the result size
