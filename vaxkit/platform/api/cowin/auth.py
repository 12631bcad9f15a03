"""Sign-in by mobile number and OTP, as CoWIN clients do it.

``generateOTP`` answers ``{"txnId"}`` for every well-formed number, registered or not (no
account lookup happens before the OTP is confirmed). ``confirmOTP`` takes the SHA-256 hex digest
of the OTP digits (the digits themselves are accepted too) and answers a bearer token.
The web portal's variants used by booking scripts are served as well.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest

from vaxkit.platform.actors import Anonymous, Citizen
from vaxkit.platform.api.cowin.endpoint import cowin_view
from vaxkit.platform.api.inputs import json_body, text_field
from vaxkit.platform.api.otp_digests import otp_digits
from vaxkit.platform.api.ratelimits import check_otp_confirm, check_otp_send
from vaxkit.platform.errors import ServiceError
from vaxkit.platform.registration.signin import confirm_otp, parse_phone, request_otp
from vaxkit.platform.sealing import phone_digest
from vaxkit.platform.tenants.current import current_profile


def send_otp(body: dict[str, Any], actor: Anonymous) -> dict[str, Any]:
    """Send an OTP to ``body["mobile"]``; ``{"txnId"}``."""
    mobile = body.get("mobile")
    if mobile in (None, ""):
        raise ServiceError("request.mobile", "Mobile is Required")
    mobile = text_field(body, "mobile", max_length=32)
    check_otp_send(phone_digest(parse_phone(mobile).e164))
    sent = request_otp(mobile, actor=actor)
    return {"txnId": sent.txn_id}


def check_otp(body: dict[str, Any], actor: Anonymous, *, with_new_flag: bool) -> dict[str, Any]:
    """Confirm ``body["otp"]`` for ``body["txnId"]``; ``{"token"}`` (and ``isNewAccount``)."""
    check_otp_confirm(actor.ip or "unknown")
    txn = text_field(body, "txnId", max_length=64)
    otp = text_field(body, "otp", max_length=64)
    digits = otp_digits(otp, current_profile().registration.otp.length)
    signed_in = confirm_otp(txn, digits, actor=actor)
    answer: dict[str, Any] = {"token": signed_in.token}
    if with_new_flag:
        # "new" as CoWIN meant it: nobody registered under the number yet
        is_new = not signed_in.account.beneficiaries.exists()
        answer["isNewAccount"] = "Y" if is_new else "N"
    return answer


@cowin_view("POST")
def generate_otp(request: HttpRequest, actor: Anonymous) -> dict[str, Any]:
    return send_otp(json_body(request), actor)


@cowin_view("POST")
def confirm_public(request: HttpRequest, actor: Anonymous) -> dict[str, Any]:
    return check_otp(json_body(request), actor, with_new_flag=False)


@cowin_view("POST")
def confirm_protected(request: HttpRequest, actor: Anonymous) -> dict[str, Any]:
    return check_otp(json_body(request), actor, with_new_flag=True)


@cowin_view("POST")
def generate_mobile_otp(request: HttpRequest, actor: Anonymous) -> dict[str, Any]:
    # the portal's extra "secret" field is accepted and ignored
    return send_otp(json_body(request), actor)


@cowin_view("POST")
def validate_mobile_otp(request: HttpRequest, actor: Anonymous) -> dict[str, Any]:
    return check_otp(json_body(request), actor, with_new_flag=True)


@cowin_view("POST", signed_in=True)
def get_recaptcha(request: HttpRequest, actor: Citizen) -> dict[str, Any]:
    """An SVG picture of a code, as the portal gave booking scripts. Booking does not require
    it (documented in ADR 0007): captchas keep out no one who can read an SVG."""
    code = "".join(secrets.choice("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(5))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0,0,150,50">'
        f'<text x="20" y="35" font-size="28" font-family="monospace">{code}</text></svg>'
    )
    return {"captcha": svg}
