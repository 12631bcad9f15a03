"""How service errors cross the APIs.

CoWIN-compatible API: HTTP 400 (409 for conflicts, 429 for limits) with
``{"errorCode": ..., "error": ...}``; ``errorCode`` is CoWIN's own code where real clients know
one (:data:`COWIN_CODES`), else the platform's stable code (``booking.full``). A missing or bad
token gets 401 with CoWIN's plain-text body ``Unauthenticated access!``.

Own API: the core's ``{"error": {"code", "message", ...}}`` with the core's status mapping.
Rate-limited answers carry ``Retry-After`` in both.
"""

from __future__ import annotations

import json

from django.http import HttpResponse, JsonResponse

from vaxkit.platform.api.inputs import BodyTooLarge
from vaxkit.platform.errors import (
    Conflict,
    Forbidden,
    RateLimited,
    ServiceError,
    error_body,
    http_status,
)

COWIN_CODES: dict[str, tuple[str, str]] = {
    "request.mobile": ("USRAUT0010", "Mobile is Required"),
    "request.missing": ("USRRES0001", "Input parameter missing"),
    "request.invalid": ("USRRES0001", "Invalid input parameter"),
    "request.date": ("USRRES0001", "Invalid date"),
    "request.json": ("USRRES0001", "Invalid request body"),
    "captcha.invalid": ("APPOIN0044", "Please enter valid security code"),
    "booking.slot": ("APPOIN0015", "Invalid Slot Id"),
}
"""Platform codes answered with the code and text CoWIN clients know."""

UNAUTHENTICATED = "Unauthenticated access!"


def _retry_after(response: HttpResponse, error: ServiceError) -> HttpResponse:
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(max(1, int(error.params.get("retry_after") or 1)))
    return response


def cowin_error(error: ServiceError) -> HttpResponse:
    """The CoWIN-style answer to ``error``."""
    if isinstance(error, Forbidden) and error.code == "auth.sign_in_required":
        return HttpResponse(UNAUTHENTICATED, status=401, content_type="text/plain")
    code, text = COWIN_CODES.get(error.code, (error.code, error.message))
    if error.code in COWIN_CODES and error.params.get("field"):
        text = f"{text}: {error.params['field']}"
    if isinstance(error, RateLimited):
        status = 429
    elif isinstance(error, BodyTooLarge):
        status = 413
    elif isinstance(error, Conflict):
        status = 409
    elif isinstance(error, Forbidden):
        status = 403
    else:
        status = 400
    body = json.dumps({"errorCode": code, "error": text})
    return _retry_after(HttpResponse(body, status=status, content_type="application/json"), error)


def api_error(error: ServiceError) -> JsonResponse:
    """The own API's answer to ``error``."""
    status = 413 if isinstance(error, BodyTooLarge) else http_status(error)
    return _retry_after(JsonResponse(error_body(error), status=status), error)
