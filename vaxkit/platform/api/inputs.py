"""Parsing request input for the API adapters: bounded JSON bodies, dates, integers, the
caller's address and bearer token. Every refusal is a :class:`ServiceError` with a
``request.*`` code, answered with 400 (or 413) and the error shape, never a 500."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest

from vaxkit.platform.actors import Citizen
from vaxkit.platform.errors import Forbidden, ServiceError
from vaxkit.platform.registration.signin import authenticate_token

MAX_BODY_BYTES = 8 * 1024
"""Largest request body the APIs read (every request of theirs is a few hundred bytes)."""


class BodyTooLarge(ServiceError):
    """The request body is over :data:`MAX_BODY_BYTES` (HTTP 413)."""


def client_ip(request: HttpRequest) -> str:
    """The caller's address (the reverse proxy sets ``REMOTE_ADDR``)."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def json_body(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object (``request.too_large``, ``request.json``)."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_BODY_BYTES:
        raise BodyTooLarge("request.too_large", "The request body is too large.")
    raw = request.body
    if len(raw) > MAX_BODY_BYTES:
        raise BodyTooLarge("request.too_large", "The request body is too large.")
    try:
        body = json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ServiceError("request.json", "The request body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise ServiceError("request.json", "The request body must be a JSON object.")
    return body


def text_field(
    body: dict[str, Any], name: str, *, required: bool = True, max_length: int = 200
) -> str:
    """A string (or number) field of a JSON body, stripped (``request.missing``, ``.invalid``)."""
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise ServiceError("request.missing", f"'{name}' is required.", field=name)
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ServiceError("request.invalid", f"'{name}' must be a string.", field=name)
    text = str(value).strip()
    if len(text) > max_length:
        raise ServiceError("request.invalid", f"'{name}' is too long.", field=name)
    return text


def int_value(value: Any, name: str, *, low: int = 0, high: int = 2**31 - 1) -> int:
    """An integer given as a number or a string of digits, within ``low..high``."""
    if isinstance(value, bool):
        raise ServiceError("request.invalid", f"'{name}' must be a whole number.", field=name)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
        value = int(value.strip())
    if not isinstance(value, int) or not low <= value <= high:
        raise ServiceError(
            "request.invalid", f"'{name}' must be a whole number from {low} to {high}.", field=name
        )
    return value


def float_value(value: Any, name: str, *, low: float, high: float) -> float:
    """A finite number within ``low..high`` (coordinates)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ServiceError("request.invalid", f"'{name}' must be a number.", field=name) from None
    if not low <= number <= high:  # also refuses NaN
        raise ServiceError("request.invalid", f"'{name}' is out of range.", field=name)
    return number


def query_param(request: HttpRequest, name: str) -> str:
    """A required query parameter (``request.missing``)."""
    value = request.GET.get(name, "").strip()
    if not value:
        raise ServiceError("request.missing", f"'{name}' is required.", field=name)
    if len(value) > 100:
        raise ServiceError("request.invalid", f"'{name}' is too long.", field=name)
    return value


def cowin_date(text: str, name: str = "date") -> dt.date:
    """A ``dd-mm-yyyy`` date, the form CoWIN clients send."""
    try:
        return dt.datetime.strptime(text.strip(), "%d-%m-%Y").date()
    except ValueError:
        raise ServiceError(
            "request.date", f"'{name}' must be a date like 31-03-2021.", field=name
        ) from None


def bearer_citizen(request: HttpRequest) -> Citizen:
    """The signed-in citizen of ``Authorization: Bearer <token>`` (``auth.sign_in_required``).

    Session tokens live in the tenant's schema, so a token of one tenant is unknown on another.
    """
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    account = authenticate_token(token.strip()) if scheme.lower() == "bearer" else None
    if account is None:
        raise Forbidden("auth.sign_in_required", "Sign in with your mobile number first.")
    return Citizen(account, ip=client_ip(request))
