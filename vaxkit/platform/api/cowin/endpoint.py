"""The adapter frame every CoWIN-compatible view runs in: method check, tenant check, the
caller (anonymous, rate limited per IP; or a bearer-token citizen), errors as CoWIN answers."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from vaxkit.platform.actors import Anonymous, Citizen
from vaxkit.platform.api.errors import cowin_error
from vaxkit.platform.api.inputs import bearer_citizen, client_ip
from vaxkit.platform.api.ratelimits import check_public_call, public_call
from vaxkit.platform.errors import ServiceError

Answer = dict[str, Any] | bytes | HttpResponse


def json_response(body: dict[str, Any] | bytes, status: int = 200) -> HttpResponse:
    raw = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    return HttpResponse(raw, status=status, content_type="application/json")


def cowin_view(
    method: str, *, signed_in: bool = False, cached: bool = False
) -> Callable[[Callable[..., Answer]], Callable[..., HttpResponse]]:
    """Wrap a view ``view(request, actor, **kwargs) -> dict | bytes | HttpResponse``.

    Public views get an :class:`Anonymous` actor and count against the per-IP limit; signed-in
    views get the token's :class:`Citizen` (401 without a live token of this tenant). A
    ``cached`` public view finds its pending count in ``request.vaxkit_count`` and lets the
    cache read count it in the same Redis round trip; a count the view did not make (bad
    input) is made afterwards, so every call counts.
    """

    def decorate(view: Callable[..., Answer]) -> Callable[..., HttpResponse]:
        @csrf_exempt
        @wraps(view)
        def handler(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method != method:
                response = cowin_error(
                    ServiceError("request.method", f"Use {method} for this endpoint.")
                )
                response.status_code = 405
                response["Allow"] = method
                return response
            try:
                if connection.schema_name == "public":
                    raise ServiceError("tenant.none", "Use a jurisdiction's own address.")
                actor: Anonymous | Citizen
                if signed_in:
                    actor = bearer_citizen(request)
                else:
                    ip = client_ip(request)
                    if cached:
                        request.vaxkit_count = public_call(ip)
                    else:
                        check_public_call(ip)
                    actor = Anonymous(ip=ip)
                answer = view(request, actor, **kwargs)
            except ServiceError as error:
                return _settled(request, cowin_error(error))
            refused = _settled(request, None)
            if refused is not None:
                return refused
            return answer if isinstance(answer, HttpResponse) else json_response(answer)

        return handler

    return decorate


def _settled(request: HttpRequest, response: HttpResponse | None) -> HttpResponse | None:
    """Make a pending count the view did not make; its refusal replaces ``response``."""
    pending = getattr(request, "vaxkit_count", None)
    if pending is not None and not pending.done:
        try:
            pending.check()
        except ServiceError as error:
            return cowin_error(error)
    return response


def no_content() -> HttpResponse:
    return HttpResponse(status=204)
