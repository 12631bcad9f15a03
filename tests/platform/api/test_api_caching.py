"""Cached public availability: served without touching the sessions tables, invalidated by a
booking made through the API, never trusted by booking itself."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.platform.api.conftest import cowin_day
from vaxkit.platform.registration.signin import start_session
from vaxkit.platform.scheduling.booking import book_appointment
from vaxkit.testing.factories import make_beneficiary, make_citizen

FIND = "/api/v2/appointment/sessions/public/findByPin"


def _seats(api, day):
    body = api.get_json(FIND, {"pincode": "560001", "date": cowin_day(day)}).json()
    return body["sessions"][0]["available_capacity_dose1"]


def test_second_search_is_served_from_the_cache(api, world):
    day = world["today"] + dt.timedelta(days=1)
    assert _seats(api, day) == 5
    with CaptureQueriesContext(connection) as queries:
        assert _seats(api, day) == 5
    assert not [q for q in queries.captured_queries if "scheduling_" in q["sql"]]


def test_every_booking_path_invalidates_after_commit(
    api, world, django_capture_on_commit_callbacks
):
    day = world["today"] + dt.timedelta(days=1)
    assert _seats(api, day) == 5
    walk_up = make_citizen()
    with django_capture_on_commit_callbacks(execute=False) as pending:
        book_appointment(
            actor=walk_up,
            beneficiary=make_beneficiary(walk_up).reference_id,
            session_id=world["hill_1"].session_id,
        )
    assert _seats(api, day) == 5  # not committed yet: the cached answer stands
    for callback in pending:
        callback()  # the commit: the web pages' booking (a core service call) stales the cache
    assert _seats(api, day) == 4
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    api.token = start_session(citizen.account).token
    with django_capture_on_commit_callbacks(execute=True):
        booked = api.post_json(
            "/api/v2/appointment/schedule",
            {
                "dose": 1,
                "session_id": str(world["hill_1"].session_id),
                "beneficiaries": [person.reference_id],
            },
        )
    assert booked.status_code == 200
    api.token = ""
    assert _seats(api, day) == 3


def test_booking_checks_live_capacity_not_the_cache(api, world):
    day = world["today"] + dt.timedelta(days=1)
    assert _seats(api, day) == 5
    for _ in range(5):
        someone = make_citizen()
        book_appointment(
            actor=someone,
            beneficiary=make_beneficiary(someone).reference_id,
            session_id=world["hill_1"].session_id,
        )
    assert _seats(api, day) == 5  # stale, but only for display
    citizen = make_citizen()
    person = make_beneficiary(citizen)
    api.token = start_session(citizen.account).token
    refused = api.post_json(
        "/api/v2/appointment/schedule",
        {
            "dose": 1,
            "session_id": str(world["hill_1"].session_id),
            "beneficiaries": [person.reference_id],
        },
    )
    assert refused.status_code == 409
    assert refused.json()["errorCode"] == "booking.full"


def test_languages_are_cached_apart(api, world):
    day = cowin_day(world["today"] + dt.timedelta(days=1))
    plain = api.get_json(FIND, {"pincode": "560001", "date": day}).json()
    hindi = api.get_json(FIND, {"pincode": "560001", "date": day}, HTTP_ACCEPT_LANGUAGE="hi").json()
    assert "state_name_l" not in plain["sessions"][0]
    assert hindi["sessions"][0]["state_name_l"] == "नॉर्थशायर"
