"""Errors that cross the service boundary: a stable machine-readable code and a human message."""

from __future__ import annotations

from typing import Any


class ServiceError(Exception):
    """A service refused a request. ``code`` is stable (``booking.full``); adapters map it to
    an HTTP status and show ``message``; ``params`` holds safe details (never personal data)."""

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        super().__init__(message or code)
        self.code = code
        self.message = message or code
        self.params = params

    def __repr__(self) -> str:
        return f"ServiceError(code={self.code!r}, message={self.message!r})"


class NotFound(ServiceError):
    """The object does not exist in this tenant, or the actor may not know that it does."""


class Forbidden(ServiceError):
    """The actor is not allowed to do this."""


class Conflict(ServiceError):
    """The request conflicts with the current state (full session, duplicate booking)."""


class RateLimited(ServiceError):
    """Too many attempts; ``params['retry_after']`` says when to try again (seconds)."""


def http_status(error: ServiceError) -> int:
    """The HTTP status an adapter answers with for ``error``."""
    if isinstance(error, RateLimited):
        return 429
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Forbidden):
        return 401 if error.code == "auth.sign_in_required" else 403
    if isinstance(error, Conflict):
        return 409
    return 400


def error_body(error: ServiceError) -> dict[str, Any]:
    """The JSON body for ``error``: ``{"error": {"code", "message", ...params}}``."""
    return {"error": {"code": error.code, "message": error.message, **error.params}}
