"""The own API: one NinjaAPI with routers by audience; errors as stable codes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from vaxkit.platform.api.errors import api_error
from vaxkit.platform.api.v1 import citizens, public, staff
from vaxkit.platform.errors import Forbidden, ServiceError

api = NinjaAPI(
    title="vaxkit platform API",
    version="1.0.0",
    description=(
        "The platform's own API for citizens' apps, vaccinators' devices and partner systems. "
        'Errors are `{"error": {"code", "message"}}` with a stable code; 429 answers '
        "carry `Retry-After`."
    ),
    urls_namespace="api-v1",
    docs_url=None,
    openapi_url="/openapi.json",
)


def _error(error: ServiceError) -> HttpResponse:
    error.message = gettext(error.message)
    return api_error(error)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return _error(exc)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields = [
        ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "query", "path"))
        for e in exc.errors[:10]
    ]
    return _error(
        ServiceError(
            "request.invalid", "The request is not valid.", fields=[f for f in fields if f]
        )
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(Forbidden("auth.sign_in_required", "Sign in first."))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    response = _error(ServiceError("request.invalid", str(exc)))
    response.status_code = exc.status_code
    return response


api.add_router("/", public.router)
api.add_router("/me", citizens.router)
api.add_router("/staff", staff.router)
api.add_router("/reports", staff.reports)
