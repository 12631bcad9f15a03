"""A lean JSON booking endpoint: ``POST /booking/v1/appointments``.

Authenticated by the citizen session token (``Authorization: Bearer <token>``, from the OTP
sign-in), it parses the body, calls :func:`book_appointment` and returns the appointment slip.
The public API can reuse or replace it; the booking benchmark drives it.

Request: ``{"beneficiary": "<reference id>", "session_id": "<uuid>", "slot": "09:00-11:00"}``
(``slot`` and ``dose`` optional). Answers 201 with the slip, or an error
``{"error": {"code", "message"}}`` with 400/401/404/409/429.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from vaxkit.platform.actors import Citizen
from vaxkit.platform.errors import Forbidden, ServiceError, error_body, http_status
from vaxkit.platform.registration.signin import authenticate_token
from vaxkit.platform.scheduling.booking import AppointmentSlip, appointment_slip, book_appointment

MAX_BODY = 4096


def citizen_from_request(request: HttpRequest) -> Citizen:
    """The signed-in citizen of a bearer-token request (``auth.sign_in_required`` if none)."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    account = authenticate_token(token.strip()) if scheme.lower() == "bearer" else None
    if account is None:
        raise Forbidden("auth.sign_in_required", "Sign in with your mobile number first.")
    return Citizen(account, ip=request.META.get("REMOTE_ADDR"))


def slip_json(slip: AppointmentSlip) -> dict[str, Any]:
    """The slip as JSON (dates in ISO form)."""
    return {**slip.__dict__, "date": slip.date.isoformat()}


@csrf_exempt  # token-authenticated: no cookies are involved
@require_POST
def book_view(request: HttpRequest) -> JsonResponse:
    """Book the next dose of one of the citizen's beneficiaries."""
    try:
        if getattr(request, "tenant", None) is None:
            raise ServiceError("tenant.none", "Book on a jurisdiction's own address.")
        citizen = citizen_from_request(request)
        body = _json_body(request)
        appointment = book_appointment(
            actor=citizen,
            beneficiary=str(body.get("beneficiary", "")),
            session_id=str(body.get("session_id", "")),
            slot=str(body.get("slot") or ""),
            dose_number=_optional_int(body.get("dose")),
        )
    except ServiceError as error:
        return JsonResponse(error_body(error), status=http_status(error))
    return JsonResponse(slip_json(appointment_slip(appointment)), status=201)


def _json_body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY:
        raise ServiceError("request.too_large", "The request body is too large.")
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        raise ServiceError("request.json", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ServiceError("request.json", "The request body must be a JSON object.")
    return body


def _optional_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 20:
        return value
    raise ServiceError("request.dose", "dose must be a number from 1 to 20.")
