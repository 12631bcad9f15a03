"""Who calls the own API: a citizen (OTP session token), staff (signed token with role and
scopes) or a partner system (client-credentials token with scopes)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from vaxkit.platform.actors import Citizen
from vaxkit.platform.api.credentials import PartnerCaller, StaffCaller, partner_caller, staff_caller
from vaxkit.platform.api.inputs import client_ip
from vaxkit.platform.errors import Forbidden
from vaxkit.platform.registration.signin import authenticate_token


class CitizenAuth(HttpBearer):
    openapi_description = "Session token from POST /auth/otp/confirm."

    def authenticate(self, request: HttpRequest, token: str) -> Citizen | None:
        account = authenticate_token(token)
        return Citizen(account, ip=client_ip(request)) if account is not None else None


class StaffAuth(HttpBearer):
    openapi_description = "Staff token from POST /auth/staff."

    def authenticate(self, request: HttpRequest, token: str) -> StaffCaller | None:
        return staff_caller(token)


class PartnerAuth(HttpBearer):
    openapi_description = "Partner token from POST /auth/partner (client credentials)."

    def authenticate(self, request: HttpRequest, token: str) -> PartnerCaller | None:
        return partner_caller(token)


def require_scope(caller: Any, scope: str) -> None:
    """Refuse a staff or partner caller whose token lacks ``scope`` (``auth.scope``)."""
    if scope not in getattr(caller, "scopes", ()):
        raise Forbidden("auth.scope", "This token does not allow this.", scope=scope)
