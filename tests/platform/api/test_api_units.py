"""Pure parts of the APIs: slot labels, pincodes, OTP digests, error shapes."""

from __future__ import annotations

import hashlib
import json

import pytest

from vaxkit.platform.api.cowin.presenters import core_slot, cowin_slot, pincode
from vaxkit.platform.api.errors import cowin_error
from vaxkit.platform.api.otp_digests import otp_digits
from vaxkit.platform.errors import Conflict, Forbidden, RateLimited, ServiceError


@pytest.mark.parametrize(
    ("core", "cowin"),
    [
        ("09:00-11:00", "09:00AM-11:00AM"),
        ("11:00-13:00", "11:00AM-01:00PM"),
        ("00:30-12:00", "12:30AM-12:00PM"),
        ("12:00-23:59", "12:00PM-11:59PM"),
    ],
)
def test_slot_labels_round_trip(core, cowin):
    assert cowin_slot(core) == cowin
    assert core_slot(cowin) == core
    assert core_slot(cowin.lower()) == core


def test_pincode_is_an_integer_or_zero():
    assert pincode("560001") == 560001
    assert pincode("") == 0  # countries without postal codes (UAE, Uganda)
    assert pincode("SW1A 1AA") == 0


def test_otp_digits_from_digits_or_sha256():
    assert otp_digits("123456", 6) == "123456"
    assert otp_digits(hashlib.sha256(b"004711").hexdigest(), 6) == "004711"
    assert otp_digits(hashlib.sha256(b"004711").hexdigest().upper(), 6) == "004711"
    assert otp_digits(hashlib.sha256(b"1234567").hexdigest(), 6) == ""
    assert otp_digits(hashlib.sha256(b"4711").hexdigest(), 4) == "4711"
    for bad in ("12345", "abc", "z" * 64):
        with pytest.raises(ServiceError) as caught:
            otp_digits(bad, 6)
        assert caught.value.code == "otp.format"
    with pytest.raises(ServiceError):
        otp_digits(hashlib.sha256(b"1234567").hexdigest(), 7)


def test_cowin_error_shapes():
    missing = cowin_error(ServiceError("request.mobile", "Mobile is Required"))
    assert (missing.status_code, json.loads(missing.content)) == (
        400,
        {"errorCode": "USRAUT0010", "error": "Mobile is Required"},
    )
    slot = json.loads(cowin_error(ServiceError("booking.slot", "x")).content)
    assert slot == {"errorCode": "APPOIN0015", "error": "Invalid Slot Id"}
    full = cowin_error(Conflict("booking.full", "No seats."))
    assert full.status_code == 409 and json.loads(full.content)["errorCode"] == "booking.full"
    limited = cowin_error(RateLimited("api.rate_limited", "Slow down.", retry_after=42))
    assert (limited.status_code, limited["Retry-After"]) == (429, "42")
    anonymous = cowin_error(Forbidden("auth.sign_in_required", "Sign in."))
    assert (anonymous.status_code, anonymous.content) == (401, b"Unauthenticated access!")
