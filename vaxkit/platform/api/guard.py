"""Checks every own-API request passes before routing: a tenant host, a bounded body, and the
abuse limits of its caller (see :func:`_check_caller`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver

from vaxkit.platform.api.credentials import (
    PARTNER_PREFIX,
    STAFF_PREFIX,
    partner_caller,
    staff_caller,
)
from vaxkit.platform.api.errors import api_error
from vaxkit.platform.api.inputs import MAX_BODY_BYTES, BodyTooLarge, client_ip
from vaxkit.platform.api.ratelimits import check_public_call, check_search
from vaxkit.platform.errors import NotFound, ServiceError
from vaxkit.platform.registration.signin import authenticate_token


def _check_caller(request: HttpRequest) -> None:
    """Anonymous callers, and callers whose token is not valid here, count against the
    per-address limit (a made-up token must not be a way around it). Signed-in citizens'
    availability searches count against their daily searches; staff and partners with
    ``availability:read`` are limited by their credentials."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() == "bearer" and token:
        if token.startswith(PARTNER_PREFIX):
            partner = partner_caller(token)
            if partner is not None and "availability:read" in partner.scopes:
                return
        elif token.startswith(STAFF_PREFIX):
            if staff_caller(token) is not None:
                return
        else:
            account = authenticate_token(token)
            if account is not None:
                if request.path.endswith("/availability"):
                    check_search(account)
                return
    check_public_call(client_ip(request))


def guarded(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def handler(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            if connection.schema_name == "public":
                raise NotFound("tenant.none", "Use a jurisdiction's own address.")
            length = request.META.get("CONTENT_LENGTH") or "0"
            if not length.isdigit() or int(length) > MAX_BODY_BYTES:
                raise BodyTooLarge("request.too_large", "The request body is too large.")
            _check_caller(request)
        except ServiceError as error:
            return api_error(error)
        return view(request, *args, **kwargs)

    return handler


def guard_all(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    """Wrap every view of ``patterns`` (and nested ones) in :func:`guarded`."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            guard_all(pattern.url_patterns)
        else:
            pattern.callback = guarded(pattern.callback)
    return patterns
