"""A client written the way 2021 CoWIN scripts were, against a live server thread.

Plain ``urllib`` calls with the tenant's host in a ``Host`` header (``*.localhost`` does not
resolve for programs here), JSON parsed as those scripts did (``int(center["pincode"])``,
``session["available_capacity_dose1"] >= 1``, the OTP sent as its SHA-256 hex digest), through
search, sign-in with the OTP read from the SMS outbox, registration and booking.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from vaxkit.platform.sms.backends import outbox
from vaxkit.platform.tenants.current import local_today
from vaxkit.testing.factories import id_number, make_facility, make_session, phone_number


class CowinScript:
    """The HTTP part of a typical 2021 availability-and-booking script."""

    def __init__(self, base: str, host: str) -> None:
        self.base = base
        self.headers = {
            "Host": host,
            "accept": "application/json",
            "Accept-Language": "hi_IN",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)",
        }
        self.token = ""

    def call(
        self, path: str, params: dict | None = None, body: dict | None = None
    ) -> tuple[int, bytes]:
        url = f"{self.base}{path}"
        if params:
            url += "?" + urllib.parse.urlencode(params)
        headers = dict(self.headers)
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


def test_a_2021_script_finds_signs_in_and_books(transactional_tenant, live_server):
    tenant = transactional_tenant
    today = local_today()
    centre = make_facility(area_code="XA-NO-01", postal_code="560001", name="Hill Clinic")
    make_session(centre, date=today + dt.timedelta(days=2), capacity={1: 2, 2: 2}, min_age=18)
    port = live_server.url.rsplit(":", 1)[1]
    script = CowinScript(f"http://127.0.0.1:{port}/api", f"{tenant.code}.localhost:{port}")

    # 1. find the district, then look for a free dose-1 seat for an adult at a wanted pincode
    status, raw = script.call("/v2/admin/location/states")
    assert status == 200
    # list-then-[0], as the scripts of the time wrote it
    state_id = [  # noqa: RUF015
        s["state_id"] for s in json.loads(raw)["states"] if s["state_name"] == "Northshire"
    ][0]
    districts = json.loads(script.call(f"/v2/admin/location/districts/{state_id}")[1])["districts"]
    district_id = [d["district_id"] for d in districts if d["district_name"] == "Hill District"][0]  # noqa: RUF015
    status, raw = script.call(
        "/v2/appointment/sessions/public/calendarByDistrict",
        {"district_id": district_id, "date": today.strftime("%d-%m-%Y")},
    )
    assert status == 200
    found = []
    for center in json.loads(raw)["centers"]:
        if int(center["pincode"]) in [560001, 560002]:
            for session in center["sessions"]:
                if session["available_capacity_dose1"] >= 1 and session["min_age_limit"] == 18:
                    found.append((center, session))
    assert len(found) == 1
    center, session = found[0]
    assert center["district_name_l"] == "हिल ज़िला"

    # 2. sign in: OTP by SMS, confirmed as its SHA-256 digest
    mobile = phone_number()
    status, raw = script.call("/v2/auth/generateOTP", body={"mobile": mobile[-10:]})
    assert status == 200, raw
    txn_id = json.loads(raw)["txnId"]
    sms = [m for m in outbox if m.to == mobile][-1]
    otp = re.search(r"\b(\d{6})\b", sms.body).group(1)
    status, raw = script.call(
        "/v2/auth/confirmOTP",
        body={"otp": hashlib.sha256(otp.encode("utf-8")).hexdigest(), "txnId": txn_id},
    )
    assert status == 200, raw
    script.token = json.loads(raw)["token"]

    # 3. register someone, pick them from the beneficiaries list, book the first slot
    doc_type = json.loads(script.call("/v2/registration/beneficiary/idTypes")[1])["types"][0]["id"]
    status, raw = script.call(
        "/v2/registration/beneficiary/new",
        body={
            "name": "Ravi Kumar",
            "birth_year": "1985",
            "gender_id": 1,
            "photo_id_type": doc_type,
            "photo_id_number": id_number("national_id")[1],
            "comorbidity_ind": "N",
            "consent_version": "2",
        },
    )
    assert status == 200, raw
    people = json.loads(script.call("/v2/appointment/beneficiaries")[1])["beneficiaries"]
    ids = [
        b["beneficiary_reference_id"]
        for b in people
        if b["vaccination_status"] == "Not Vaccinated"
        and dt.date.today().year - int(b["birth_year"]) >= 18
    ]
    status, raw = script.call(
        "/v2/appointment/schedule",
        body={
            "center_id": center["center_id"],
            "session_id": session["session_id"],
            "beneficiaries": ids,
            "slot": session["slots"][0],
            "dose": 1,
        },
    )
    assert status == 200, raw
    assert json.loads(raw)["appointment_confirmation_no"]

    # 4. the public search shows the seat gone at once (the booking invalidated the cache)
    status, raw = script.call(
        "/v2/appointment/sessions/public/findByPin",
        {"pincode": "560001", "date": (today + dt.timedelta(days=2)).strftime("%d-%m-%Y")},
    )
    assert json.loads(raw)["sessions"][0]["available_capacity_dose1"] == 1
