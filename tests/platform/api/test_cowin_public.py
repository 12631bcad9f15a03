"""The CoWIN-compatible public endpoints: shapes checked against the published OpenAPI file
and the captured real answers; ids, dates, languages, errors."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from cowin_contract import assert_same_shape, captured, validate

from tests.platform.api.conftest import cowin_day
from vaxkit.platform.reference.models import AdminArea

V2 = "/api/v2"
FIND_PIN = "/v2/appointment/sessions/public/findByPin"
FIND_DISTRICT = "/v2/appointment/sessions/public/findByDistrict"
CAL_PIN = "/v2/appointment/sessions/public/calendarByPin"
CAL_DISTRICT = "/v2/appointment/sessions/public/calendarByDistrict"


def _district(code: str) -> int:
    return AdminArea.objects.get(code=code).pk


def test_states_and_districts(api, cowin_spec):
    states = api.get_json(f"{V2}/admin/location/states")
    assert states.status_code == 200
    body = states.json()
    validate(cowin_spec, "/v2/admin/location/states", "get", 200, body)
    assert body["ttl"] == 24
    names = {s["state_name"]: s["state_id"] for s in body["states"]}
    assert names == {
        "Northshire": AdminArea.objects.get(code="XA-NO").pk,
        "Southmark": AdminArea.objects.get(code="XA-SO").pk,
    }
    real = captured("states")["states"][0]
    assert_same_shape(real, body["states"][0], optional={"state_name_l"})
    districts = api.get_json(f"{V2}/admin/location/districts/{names['Northshire']}")
    dbody = districts.json()
    validate(cowin_spec, "/v2/admin/location/districts/{state_id}", "get", 200, dbody)
    assert [d["district_name"] for d in dbody["districts"]] == ["Hill District", "Lake District"]
    assert_same_shape(captured("districts")["districts"][0], dbody["districts"][0], set())


def test_translated_twins_with_accept_language(api):
    body = api.get_json(f"{V2}/admin/location/states", HTTP_ACCEPT_LANGUAGE="hi_IN").json()
    assert body["states"][0]["state_name"] == "Northshire"
    assert body["states"][0]["state_name_l"] == "नॉर्थशायर"
    plain = api.get_json(f"{V2}/admin/location/states").json()
    assert "state_name_l" not in plain["states"][0]


def test_unknown_state_and_bad_ids(api):
    for state in ("999999999", "abc", "0"):
        response = api.get_json(f"{V2}/admin/location/districts/{state}")
        assert response.status_code == 400, state
        assert set(response.json()) == {"errorCode", "error"}
    district = _district("XA-NO-01")
    assert api.get_json(f"{V2}/admin/location/districts/{district}").status_code == 400


def test_find_by_pin_and_district(api, world, cowin_spec):
    day = cowin_day(world["today"] + dt.timedelta(days=1))
    by_pin = api.get_json(f"/api{FIND_PIN}", {"pincode": "560001", "date": day})
    assert by_pin.status_code == 200
    body = by_pin.json()
    validate(cowin_spec, FIND_PIN, "get", 200, body)
    (session,) = body["sessions"]
    assert session["center_id"] == world["hill"].pk
    assert session["pincode"] == 560001 and isinstance(session["pincode"], int)
    assert session["date"] == day
    assert (session["available_capacity_dose1"], session["available_capacity_dose2"]) == (5, 3)
    assert session["available_capacity"] == 8
    assert session["slots"] == ["09:00AM-11:00AM", "11:00AM-01:00PM"]
    assert session["state_name"] == "Northshire" and session["district_name"] == "Hill District"
    assert session["vaccine"] == "TWODOSE" and session["fee"] == "0"
    assert session["from"] == "09:00:00" and session["to"] == "13:00:00"
    by_district = api.get_json(
        f"/api{FIND_DISTRICT}", {"district_id": _district("XA-NO-01"), "date": day}
    ).json()
    validate(cowin_spec, FIND_DISTRICT, "get", 200, by_district)
    assert {s["name"] for s in by_district["sessions"]} == {"Hill", "Ridge"}
    ridge = next(s for s in by_district["sessions"] if s["name"] == "Ridge")
    # no slots set: one slot spanning the day; shared seats count for both doses
    assert ridge["slots"] == ["09:00AM-05:00PM"]
    assert ridge["available_capacity_dose1"] == ridge["available_capacity_dose2"] == 4


def test_calendar_by_pin_and_district(api, world, cowin_spec):
    day = cowin_day(world["today"])
    body = api.get_json(f"/api{CAL_DISTRICT}", {"district_id": _district("XA-NO-01"), "date": day})
    assert body.status_code == 200
    centres = body.json()
    validate(cowin_spec, CAL_DISTRICT, "get", 200, centres)
    hill = next(c for c in centres["centers"] if c["center_id"] == world["hill"].pk)
    assert [s["date"] for s in hill["sessions"]] == [
        cowin_day(world["today"] + dt.timedelta(days=n)) for n in (1, 3)
    ]
    by_pin = api.get_json(f"/api{CAL_PIN}", {"pincode": "600001", "date": day}).json()
    validate(cowin_spec, CAL_PIN, "get", 200, by_pin)
    assert [c["name"] for c in by_pin["centers"]] == ["River"]
    # seven days from `date`: a session 3 days ahead is outside a window starting 4 days later
    later = cowin_day(world["today"] + dt.timedelta(days=4))
    assert api.get_json(
        f"/api{CAL_DISTRICT}", {"district_id": _district("XA-NO-01"), "date": later}
    ).json() == {"centers": []}


def test_shapes_match_captured_answers(api, world):
    day = cowin_day(world["today"])
    ours = api.get_json(f"/api{CAL_PIN}", {"pincode": "560001", "date": day}).json()["centers"][0]
    for name in ("availability_by_pincode", "availability_by_district"):
        for real in captured(name)["centers"]:
            assert_same_shape(real, ours, optional={"vaccine_fees"})
            for real_session in real["sessions"]:
                assert_same_shape(real_session, ours["sessions"][0], optional={"max_age_limit"})


def test_calendar_by_center_is_one_object(api, world):
    day = cowin_day(world["today"])
    body = api.get_json(
        f"{V2}/appointment/sessions/public/calendarByCenter",
        {"center_id": world["hill"].pk, "date": day},
    ).json()
    assert isinstance(body["centers"], dict)
    assert body["centers"]["center_id"] == world["hill"].pk
    assert len(body["centers"]["sessions"]) == 2
    empty = api.get_json(
        f"{V2}/appointment/sessions/public/calendarByCenter",
        {"center_id": world["river"].pk, "date": cowin_day(world["today"] + dt.timedelta(days=5))},
    )
    assert empty.json() == {"centers": {}}
    missing = api.get_json(
        f"{V2}/appointment/sessions/public/calendarByCenter", {"center_id": 10**9, "date": day}
    )
    assert missing.status_code == 400


def test_find_by_lat_long(api, world):
    body = api.get_json(
        f"{V2}/appointment/centers/public/findByLatLong", {"lat": "12.98", "long": "77.60"}
    ).json()
    assert body["ttl"] == 24
    assert [c["name"] for c in body["centers"]][:2] == ["Hill", "Ridge"]
    assert "River" not in {c["name"] for c in body["centers"]}
    assert_same_shape(captured("centers_by_lat_long")["centers"][0], body["centers"][0], set())


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (FIND_PIN, {}),
        (FIND_PIN, {"pincode": "560001"}),
        (FIND_PIN, {"pincode": "560001", "date": "2021-05-31"}),
        (FIND_PIN, {"pincode": "560001", "date": "31-13-2021"}),
        (FIND_PIN, {"pincode": "56 00'01", "date": "31-05-2021"}),
        (FIND_PIN, {"pincode": "x" * 500, "date": "31-05-2021"}),
        (FIND_DISTRICT, {"district_id": "abc", "date": "31-05-2021"}),
        (FIND_DISTRICT, {"district_id": "-1", "date": "31-05-2021"}),
        (FIND_DISTRICT, {"district_id": "99999999999999999999999", "date": "31-05-2021"}),
        (FIND_PIN, {"pincode": "560001", "date": "31-05-2021", "vaccine": "NOPE"}),
        ("/appointment/centers/public/findByLatLong", {"lat": "nan", "long": "1"}),
        ("/appointment/centers/public/findByLatLong", {"lat": "91", "long": "1"}),
    ],
)
def test_malformed_input_is_400_with_error_shape(api, tenant, cowin_spec, path, params):
    response = api.get_json(f"{V2}{path.removeprefix('/v2')}", params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"errorCode", "error"} and body["errorCode"]
    if path in cowin_spec["paths"]:
        validate(cowin_spec, path, "get", 400, body)


def test_missing_parameter_code_matches_cowin(api, tenant):
    body = api.get_json(f"/api{FIND_PIN}", {"pincode": "560001"}).json()
    assert body["errorCode"] == "USRRES0001"


def test_vaccine_filter(api, world):
    day = cowin_day(world["today"] + dt.timedelta(days=1))
    params = {"district_id": _district("XA-NO-01"), "date": day, "vaccine": "ONEDOSE"}
    body = api.get_json(f"/api{FIND_DISTRICT}", params).json()
    assert [s["name"] for s in body["sessions"]] == ["Ridge"]


def test_session_ids_are_uuids_and_ids_integers(api, world):
    day = cowin_day(world["today"] + dt.timedelta(days=1))
    body = api.get_json(f"/api{FIND_PIN}", {"pincode": "600001", "date": day}).json()
    (session,) = body["sessions"]
    uuid.UUID(session["session_id"])
    assert isinstance(session["center_id"], int)


def test_public_schema_host_has_no_api(db, vaxkit_tenants):
    from django.test import Client

    response = Client(HTTP_HOST="unknown.example").get(f"{V2}/admin/location/states")
    assert response.status_code == 404
